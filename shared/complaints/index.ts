export * from './calendar';
export * from './complaint';
export * from './escalation';
export * from './sla';
export * from './workflow';
