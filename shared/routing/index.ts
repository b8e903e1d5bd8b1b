export * from './agent-state';
export * from './business-hours';
export * from './capacity';
export * from './lifecycle';
export * from './priority';
export * from './queue-timeouts';
export * from './route';
export * from './service-level';
