export { customerNumber, DAY_MS, type DemoCustomer, type DemoOptions, HISTORY_SPAN_MS } from './customers';
export { type ChunkLimits, DEMO_DEFAULTS, type DemoChunk, demoChunks, demoCustomers, resolveDemoOptions } from './generate';
export { DEMO_PASSWORD, demoAgentIds, demoUsers } from './users';
