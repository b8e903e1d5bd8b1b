import type { Customer, Identity } from '../domain/customer';
import type { Interaction } from '../domain/interaction';
import { type DemoCustomer, type DemoOptions, demoCustomer, type ResolvedDemoOptions } from './customers';
import { demoAgentIds } from './users';

export const DEMO_DEFAULTS = {
  seed: 20_240_601,
  customers: 2_000,
  maxInteractionsPerCustomer: 30,
  heavyCustomerInteractions: 10_000,
} as const;

export function resolveDemoOptions(options: DemoOptions): ResolvedDemoOptions {
  if (!Number.isInteger(options.customers) || options.customers < 1) throw new RangeError('customers must be a positive integer');
  const firstIndex = options.firstIndex ?? 0;
  if (!Number.isInteger(firstIndex) || firstIndex < 0) throw new RangeError('firstIndex must be a whole number');
  const agentIds = options.agentIds ?? demoAgentIds();
  if (agentIds.length === 0) throw new RangeError('agentIds must name at least one agent');
  return {
    seed: options.seed,
    customers: options.customers,
    now: options.now,
    maxInteractionsPerCustomer: options.maxInteractionsPerCustomer ?? DEMO_DEFAULTS.maxInteractionsPerCustomer,
    totalInteractions: options.totalInteractions ?? null,
    heavyCustomerInteractions: options.heavyCustomerInteractions ?? DEMO_DEFAULTS.heavyCustomerInteractions,
    agentIds,
    firstIndex,
  };
}

/** One customer at a time, with identities and history: the caller decides how much to hold. */
export function* demoCustomers(options: DemoOptions): Generator<DemoCustomer> {
  const resolved = resolveDemoOptions(options);
  const end = resolved.firstIndex + resolved.customers;
  for (let index = resolved.firstIndex; index < end; index += 1) yield demoCustomer(index, resolved);
}

export type DemoChunk = { customers: Customer[]; identities: Identity[]; interactions: Interaction[] };

export type ChunkLimits = {
  /** Flush after this many customers. */
  customers?: number;
  /** …or once this many interactions are waiting, so a heavy customer does not make a huge chunk worse. */
  interactions?: number;
};

/**
 * Demo data in store-sized chunks (e.g. one transaction each). Every chunk holds
 * the customers before their identities and interactions, so applying chunks in
 * order never refers to a customer not yet seen.
 */
export function* demoChunks(options: DemoOptions, limits: ChunkLimits = {}): Generator<DemoChunk> {
  const maxCustomers = limits.customers ?? 1_000;
  const maxInteractions = limits.interactions ?? 20_000;
  let chunk: DemoChunk = { customers: [], identities: [], interactions: [] };
  for (const { customer, identities, interactions } of demoCustomers(options)) {
    chunk.customers.push(customer);
    chunk.identities.push(...identities);
    for (const interaction of interactions) chunk.interactions.push(interaction);
    if (chunk.customers.length >= maxCustomers || chunk.interactions.length >= maxInteractions) {
      yield chunk;
      chunk = { customers: [], identities: [], interactions: [] };
    }
  }
  if (chunk.customers.length > 0) yield chunk;
}
