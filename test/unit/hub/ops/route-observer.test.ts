import type { IncomingMessage, ServerResponse } from 'node:http';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/protocol/errors';
import type { ClientEventName } from '../../../../shared/protocol/events';
import type { Logger } from '../../../../hub/log';
import { createDrain } from '../../../../hub/ops/drain';
import { createHubCounters } from '../../../../hub/ops/hub-counters';
import { renderPrometheus } from '../../../../hub/ops/prometheus-text';
import { countErrorLines, countHttpErrors, observeRoutes, SHUTDOWN_RETRY_SEC } from '../../../../hub/ops/route-observer';
import type { EventRoute } from '../../../../hub/socket/event-route';

const caller = { user: { id: 'U1', username: 'agent1', displayName: 'Agent', role: 'agent' as const }, socketId: 'S1' };
const routeOf = (run: EventRoute['run']): EventRoute => ({ roles: ['agent'], run });

/** Only the routes a test calls; the wrapper goes over whatever the table holds. */
function table(routes: Partial<Record<ClientEventName, EventRoute>>): Record<ClientEventName, EventRoute> {
  return routes as Record<ClientEventName, EventRoute>;
}

const text = (counters: ReturnType<typeof createHubCounters>) => renderPrometheus(counters.families());

describe('observeRoutes', () => {
  it('counts mutation outcomes from the push answers', async () => {
    const counters = createHubCounters();
    const routes = observeRoutes(
      table({
        'mutation:push': routeOf(async () =>
          ok({
            results: [
              { id: 'M1', status: 'applied', seq: 1 },
              { id: 'M2', status: 'duplicate', seq: 1 },
              { id: 'M3', status: 'rejected', error: { code: 'not-found', message: 'gone' } },
              { id: 'M4', status: 'applied', seq: 2 },
            ],
          }),
        ),
      }),
      counters,
      createDrain(),
    );
    await routes['mutation:push'].run({}, caller);
    expect(text(counters)).toContain('switchboard_mutations_total{status="applied"} 2\n');
    expect(text(counters)).toContain('switchboard_mutations_total{status="duplicate"} 1\n');
    expect(text(counters)).toContain('switchboard_mutations_total{status="rejected"} 1\n');
  });

  it('counts internal answers and thrown errors as event errors, refusals not', async () => {
    const counters = createHubCounters();
    const routes = observeRoutes(
      table({
        'sync:pull': routeOf(async () => fail('internal', 'boom')),
        'history:page': routeOf(async () => fail('not-found', 'no such customer')),
        'session:whoami': routeOf(async () => {
          throw new Error('store down');
        }),
      }),
      counters,
      createDrain(),
    );
    await routes['sync:pull'].run({}, caller);
    await routes['history:page'].run({}, caller);
    await expect(routes['session:whoami'].run({}, caller)).rejects.toThrow('store down');
    expect(text(counters)).toContain('switchboard_errors_total{kind="event"} 2\n');
  });

  it('refuses new events once the drain closes, and the drain waits for the one already running', async () => {
    const drain = createDrain();
    let finish: () => void = () => undefined;
    let ran = 0;
    const routes = observeRoutes(
      table({
        'mutation:push': routeOf(async () => {
          ran += 1;
          await new Promise<void>((resolve) => {
            finish = resolve;
          });
          return ok({ results: [] });
        }),
      }),
      createHubCounters(),
      drain,
    );
    const running = routes['mutation:push'].run({}, caller);
    const closed = drain.close(60_000);
    const refused = await routes['mutation:push'].run({}, caller);
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'rate-limited', retryAfterSec: SHUTDOWN_RETRY_SEC }) });
    expect(ran).toBe(1);
    finish();
    expect(await running).toEqual({ ok: true, data: { results: [] } });
    expect(await closed).toBe(true);
  });
});

describe('countErrorLines and countHttpErrors', () => {
  it('counts error-level lines and still logs them', () => {
    const counters = createHubCounters();
    const lines: string[] = [];
    const log: Logger = { error: (m) => lines.push(`error ${m}`), warn: (m) => lines.push(`warn ${m}`), info: () => undefined, debug: () => undefined };
    const counted = countErrorLines(log, counters);
    counted.error('relay down');
    counted.warn('slow');
    expect(lines).toEqual(['error relay down', 'warn slow']);
    expect(text(counters)).toContain('switchboard_errors_total{kind="log"} 1\n');
  });

  it('counts answers that went out 5xx', () => {
    const counters = createHubCounters();
    const handler = countHttpErrors((_request, response) => response.emit('finish'), counters);
    const answer = (statusCode: number) => Object.assign(new EventEmitter(), { statusCode }) as unknown as ServerResponse;
    handler({} as IncomingMessage, answer(500));
    handler({} as IncomingMessage, answer(404));
    handler({} as IncomingMessage, answer(503));
    expect(text(counters)).toContain('switchboard_errors_total{kind="http"} 2\n');
  });
});
