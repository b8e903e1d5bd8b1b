export * from './auth';
export * from './changes';
export * from './errors';
export * from './events';
export * from './mutations';
export * from './desktop';
export * from './routing';
