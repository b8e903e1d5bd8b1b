import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { Queue } from '../../shared/domain/routing';
import type { Mutation } from '../../shared/protocol/mutations';
import { PROMETHEUS_CONTENT_TYPE } from '../../hub/ops/prometheus-text';
import { type Desktop, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import { sqliteTestStore, type TestStore } from './helpers/test-stores';

const METRICS_TOKEN = 'scrape-token-for-tests-0123456789abcdef';

/** `name{labels}` → value, from the text format (comments skipped). */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    samples.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return samples;
}

/**
 * GET /metrics on a real hub: who may read it, and that the figures follow
 * what the hub does (tasks queued, agents' states, mutations, sockets).
 */
describe('/metrics', () => {
  let store: TestStore;
  let t: TestHub;
  let sup: Desktop;
  let agent: Desktop;
  let general: Queue;
  let supervisorToken: string;

  const scrape = async (authorization?: string) => {
    const response = await fetch(`${t.hub.url}/metrics`, { headers: authorization ? { authorization } : {} });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const figures = async () => {
    const answer = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(answer.status).toBe(200);
    return parse(answer.text);
  };
  const value = (samples: Map<string, number>, key: string): number => {
    const found = samples.get(key);
    if (found === undefined) throw new Error(`no sample ${key}`);
    return found;
  };

  beforeAll(async () => {
    store = await sqliteTestStore();
    t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` }, { metricsToken: METRICS_TOKEN });
    supervisorToken = (await t.login('supervisor')).accessToken;
    sup = await t.connect(supervisorToken);
    agent = await t.desktop('agent1');
    const queues = expectOk(await sup.emitWithAck('admin:queue:list', {}));
    const found = queues.find((queue) => queue.name.startsWith('General'));
    if (!found) throw new Error('the demo has no General queue');
    general = found;
  });

  afterAll(async () => {
    await t?.close();
    await store?.cleanup();
  });

  describe('access', () => {
    it('asks for a bearer token (401) without one, or with a wrong one', async () => {
      const none = await scrape();
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect(none.text).not.toContain('switchboard_');
      const wrong = await scrape(`Bearer ${METRICS_TOKEN}x`);
      expect(wrong.status).toBe(401);
      expect(wrong.text).not.toContain('switchboard_');
    });

    it("refuses an agent's access token (403)", async () => {
      const { accessToken } = await t.login('agent2');
      const answer = await scrape(`Bearer ${accessToken}`);
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.text)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });

    it("opens to a supervisor's or admin's access token and to the metrics token, in Prometheus' text format", async () => {
      const { accessToken: adminToken } = await t.login('admin');
      for (const token of [supervisorToken, adminToken, METRICS_TOKEN]) {
        const answer = await scrape(`Bearer ${token}`);
        expect(answer.status).toBe(200);
        expect(answer.headers.get('content-type')).toBe(PROMETHEUS_CONTENT_TYPE);
        expect(answer.text).toContain('# TYPE switchboard_queue_waiting gauge\n');
      }
    });

    it('takes GET only', async () => {
      const response = await fetch(`${t.hub.url}/metrics`, { method: 'POST', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(response.status).toBe(405);
    });
  });

  describe('figures', () => {
    it('counts agents by state as they change it', async () => {
      expectOk(await agent.emitWithAck('agent:state:set', { status: 'available' }));
      const before = await figures();
      expectOk(await agent.emitWithAck('agent:state:set', { status: 'away', reasonCode: 'break' }));
      const after = await figures();
      const state = (samples: Map<string, number>, name: string) => value(samples, `switchboard_agents{state="${name}"}`);
      expect(state(after, 'away')).toBe(state(before, 'away') + 1);
      expect(state(after, 'available')).toBe(state(before, 'available') - 1);
    });

    it('shows a new task waiting in its queue, and how long it has waited', async () => {
      // agent1 is away (above): nobody takes the task while the figures are read.
      const key = `{queue="${general.name}",queue_id="${general.id}"}`;
      const before = value(await figures(), `switchboard_queue_waiting${key}`);
      expectOk(await sup.emitWithAck('task:create', { channel: 'email', queueId: general.id, customerId: null, subject: 'Metrics' }));
      t.clock.offsetMs += 30_000;
      const after = await figures();
      expect(value(after, `switchboard_queue_waiting${key}`)).toBe(before + 1);
      expect(value(after, `switchboard_queue_longest_wait_seconds${key}`)).toBeGreaterThanOrEqual(30);
    });

    it('counts mutations by outcome and follows the sync head', async () => {
      const before = await figures();
      const customer = await t.hub.db.selectFrom('customers').select('id').orderBy('number').executeTakeFirstOrThrow();
      const note: Mutation = {
        id: ulid(),
        name: 'interaction.addNote',
        args: { interactionId: ulid(), customerId: customer.id, text: 'counted', occurredAt: Date.now() },
        createdAt: Date.now(),
      };
      const missing: Mutation = { ...note, id: ulid(), args: { ...note.args, interactionId: ulid(), customerId: ulid() } };
      const [applied] = expectOk(await agent.emitWithAck('mutation:push', { mutations: [note, missing] })).results;
      expectOk(await agent.emitWithAck('mutation:push', { mutations: [note] }));
      const after = await figures();
      const delta = (status: string) => value(after, `switchboard_mutations_total{status="${status}"}`) - value(before, `switchboard_mutations_total{status="${status}"}`);
      expect([delta('applied'), delta('duplicate'), delta('rejected')]).toEqual([1, 1, 1]);
      expect(applied?.status).toBe('applied');
      expect(value(after, 'switchboard_sync_head_seq')).toBeGreaterThanOrEqual(applied?.status === 'applied' ? applied.seq : Number.POSITIVE_INFINITY);
    });

    it('counts open desktop sockets', async () => {
      expect(value(await figures(), 'switchboard_socket_connections{namespace="desktop"}')).toBe(2);
      const extra = await t.desktop('agent3');
      expect(value(await figures(), 'switchboard_socket_connections{namespace="desktop"}')).toBe(3);
      extra.disconnect();
    });

    it('shows the process, the event loop and the error counters', async () => {
      const samples = await figures();
      expect(value(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
      expect(value(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
      expect(value(samples, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
      for (const kind of ['http', 'event', 'log']) expect(samples.has(`switchboard_errors_total{kind="${kind}"}`)).toBe(true);
    });
  });
});
