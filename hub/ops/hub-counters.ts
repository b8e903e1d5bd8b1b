import type { MutationResult } from '../../shared/protocol/mutations';
import type { MetricFamily } from './prometheus-text';

export const MUTATION_STATUSES = ['applied', 'duplicate', 'rejected'] as const satisfies readonly MutationResult['status'][];

/**
 * Where the hub's errors are counted:
 * `http` a request answered 5xx; `event` a socket event answered `internal`;
 * `log` every error-level log line (background jobs too: relay, schedulers),
 * so it includes the lines the other two write.
 */
export const ERROR_KINDS = ['http', 'event', 'log'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export type HubCounters = ReturnType<typeof createHubCounters>;

/** The hub's running totals since start; Prometheus' rate() makes them per second. */
export function createHubCounters() {
  const mutations = new Map<MutationResult['status'], number>(MUTATION_STATUSES.map((status) => [status, 0]));
  const errors = new Map<ErrorKind, number>(ERROR_KINDS.map((kind) => [kind, 0]));
  return {
    mutationResults(results: readonly MutationResult[]): void {
      for (const result of results) mutations.set(result.status, (mutations.get(result.status) ?? 0) + 1);
    },
    error(kind: ErrorKind): void {
      errors.set(kind, (errors.get(kind) ?? 0) + 1);
    },
    families(): MetricFamily[] {
      return [
        {
          name: 'switchboard_mutations_total',
          help: 'Desktop mutations answered, by outcome (duplicate: a re-send of one already applied).',
          type: 'counter',
          samples: [...mutations].map(([status, value]) => ({ labels: { status }, value })),
        },
        {
          name: 'switchboard_errors_total',
          help: 'Errors: http = 5xx answers, event = socket events answered internal, log = every error-level log line.',
          type: 'counter',
          samples: [...errors].map(([kind, value]) => ({ labels: { kind }, value })),
        },
      ];
    },
  };
}
