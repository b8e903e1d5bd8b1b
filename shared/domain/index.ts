export * from './customer';
export * from './ids';
export * from './interaction';
export * from './user';
export * from './email';
export * from './routing';
export * from './chat';
