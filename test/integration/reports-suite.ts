import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue } from '../../shared/domain/routing';
import { REPORT_EXPORT_PATH, type ReportRequest, type ReportResult } from '../../shared/protocol/reports';
import type { ReportEvent } from '../../shared/reports/report-event';
import { type Desktop, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const DAY = 86_400_000;
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * The unit tests' hand-made history (test/unit/shared/reports/history.ts),
 * with the demo's General and Billing queues and two real agents: General
 * answers in 20 s, Billing in 30 s. `s(n)` is n seconds after the day's start.
 */
function history(general: string, billing: string, a1: string, a2: string, s: (seconds: number) => number): ReportEvent[][] {
  return [
    [
      { kind: 'created', at: s(0), queueId: general, channel: 'chat', customerId: 'c1' },
      { kind: 'offered', at: s(1), queueId: general, agentId: a1 },
      { kind: 'accepted', at: s(10), queueId: general, agentId: a1 },
      { kind: 'wrap-up', at: s(70), queueId: general, agentId: a1 },
      { kind: 'done', at: s(100), queueId: general, agentId: a1, disposition: 'Resolved / 已解决' },
    ],
    [
      { kind: 'created', at: s(0), queueId: general, channel: 'call', customerId: 'c2' },
      { kind: 'abandoned', at: s(30), queueId: general },
    ],
    [
      { kind: 'created', at: s(0), queueId: general, channel: 'call', customerId: null },
      { kind: 'overflowed', at: s(40), queueId: general, toQueueId: billing },
      { kind: 'assigned', at: s(70), queueId: billing, agentId: a2 },
      { kind: 'transferred', at: s(100), queueId: billing, agentId: a2, toQueueId: general },
      { kind: 'accepted', at: s(130), queueId: general, agentId: a1 },
      { kind: 'done', at: s(190), queueId: general, agentId: a1, disposition: null },
    ],
    [
      { kind: 'created', at: s(0), queueId: general, channel: 'chat', customerId: 'c1' },
      { kind: 'accepted', at: s(5), queueId: general, agentId: a1 },
      { kind: 'transferred', at: s(65), queueId: general, agentId: a1, toQueueId: null },
      { kind: 'offered', at: s(65), queueId: general, agentId: a2 },
      { kind: 'declined', at: s(75), queueId: general, agentId: a2 },
      { kind: 'accepted', at: s(85), queueId: general, agentId: a1 },
      { kind: 'done', at: s(145), queueId: general, agentId: a1, disposition: 'Sale / 成交' },
    ],
    [{ kind: 'created', at: s(0), queueId: billing, channel: 'email', customerId: 'c3' }],
    [
      { kind: 'created', at: s(0), queueId: general, channel: 'call', customerId: 'c4' },
      { kind: 'timed-out', at: s(300), queueId: general },
    ],
  ];
}

/** A ReportEvent as routing would have stored it: the columns and the TaskEvent JSON. */
function storedEvent(taskId: string, event: ReportEvent) {
  const { kind, at, queueId } = event;
  const base = { taskId, kind, at, queueId };
  let data: Record<string, unknown> = base;
  if (event.kind === 'created') data = { ...base, channel: event.channel, customerId: event.customerId, priority: 0, customerTier: null, requiredSkills: {}, preferredAgentId: null };
  else if (event.kind === 'done') data = { ...base, agentId: event.agentId, disposition: event.disposition };
  else if (event.kind === 'overflowed') data = { ...base, toQueueId: event.toQueueId };
  else if (event.kind === 'transferred') data = { ...base, agentId: event.agentId, to: event.toQueueId ? { kind: 'queue', queueId: event.toQueueId } : { kind: 'agent', agentId: 'x', expiresAt: at } };
  else if ('agentId' in event) data = { ...base, agentId: event.agentId };
  return { task_id: taskId, queue_id: queueId, kind, at, agent_id: 'agentId' in event ? event.agentId : null, data: JSON.stringify(data) };
}

/**
 * Historical reports end to end on a real store: the same hand-computed
 * figures whether a day comes from the rollup table or is folded live from
 * task events, across time zones, over the socket and as a CSV download.
 */
export function defineReportsSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`reports on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let sup: Desktop;
    let agent: Desktop;
    let supToken: string;
    let agentToken: string;
    let general: Queue;
    let billing: Queue;
    const ids: Record<string, string> = {};
    // Far enough back to be rolled up (a day plus the FCR week), and yesterday (folded live).
    const today = isoDay(Date.now());
    const oldDay = isoDay(Date.now() - 20 * DAY);
    const recentDay = isoDay(Date.now() - DAY);

    const run = async (request: Partial<ReportRequest> & Pick<ReportRequest, 'from' | 'to'>): Promise<ReportResult> =>
      expectOk(await sup.emitWithAck('report:run', { timeZone: 'UTC', groupBy: 'queue', ...request }));

    async function insertHistory(day: string): Promise<void> {
      const dayStart = Date.parse(`${day}T01:00:00Z`);
      for (const events of history(general.id, billing.id, ids.agent1 as string, ids.agent2 as string, (n) => dayStart + n * 1000)) {
        const taskId = ulid();
        const first = events[0] as ReportEvent;
        await t.hub.db
          .insertInto('tasks')
          .values({ id: taskId, queue_id: first.queueId, status: 'done', assigned_to: null, offered_to: null, data: '{}', created_at: first.at, updated_at: first.at })
          .execute();
        await t.hub.db.insertInto('task_events').values(events.map((event) => storedEvent(taskId, event))).execute();
      }
    }

    beforeAll(async () => {
      store = await makeStore();
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` });
      supToken = (await t.login('supervisor')).accessToken;
      agentToken = (await t.login('agent1')).accessToken;
      sup = await t.connect(supToken);
      agent = await t.connect(agentToken);
      const admin = await t.desktop('admin');
      for (const user of await t.hub.db.selectFrom('users').select(['id', 'username']).execute()) ids[user.username] = user.id;
      const queues = expectOk(await admin.emitWithAck('admin:queue:list', {}));
      general = queues.find((q) => q.name.startsWith('General')) as Queue;
      billing = expectOk(await admin.emitWithAck('admin:queue:upsert', { ...(queues.find((q) => q.name.startsWith('Billing')) as Queue), serviceLevel: { percent: 80, seconds: 30 } }));
      admin.disconnect();
      await insertHistory(oldDay);
      await insertHistory(recentDay);
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    it('refuses report:run to an agent, and a malformed request with the field that is wrong', async () => {
      const refused = expectError(await agent.emitWithAck('report:run', { from: today, to: today, timeZone: 'UTC', groupBy: 'queue' }));
      expect(refused.code).toBe('forbidden');
      const bad = expectError(await sup.emitWithAck('report:run', { from: today, to: oldDay, timeZone: 'UTC', groupBy: 'queue' }));
      expect(bad.code).toBe('invalid-payload');
      expect(bad.issues?.[0]?.path).toBe('to');
      const zone = expectError(await sup.emitWithAck('report:run', { from: today, to: today, timeZone: 'Nowhere/City', groupBy: 'queue' }));
      expect(zone.issues?.[0]?.path).toBe('timeZone');
    });

    it('reports a finished day from the rollup table with the hand-computed figures', async () => {
      const report = await run({ from: oldDay, to: oldDay });
      expect(report.liveEvents).toBe(0);
      expect(Number((await t.hub.db.selectFrom('report_rollups').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(0);
      const [first, second] = report.lines;
      expect(first).toMatchObject({ key: general.id, label: general.name, csat: null });
      // No return within the FCR week for customer c1: both of its done tasks were resolved at first contact.
      expect(first?.figures).toEqual({ offered: 7, answered: 4, abandoned: 2, overflowed: 1, serviceLevel: 300 / 7, asa: 13.75, aht: 67.5, abandonRate: 200 / 7, fcr: 100 });
      expect(second?.figures).toEqual({ offered: 2, answered: 1, abandoned: 0, overflowed: 0, serviceLevel: 100, asa: 30, aht: 30, abandonRate: 0, fcr: null });
      expect(report.totals.figures).toMatchObject({ offered: 9, answered: 5, serviceLevel: 50, asa: 17, aht: 60 });
      expect(report.csatCollected).toBe(false);
      expect(report.series).toEqual([{ start: Date.parse(`${oldDay}T00:00:00Z`), offered: 9, answered: 5, abandoned: 2, serviceLevel: 50 }]);
    });

    it('folds a recent day live from task events to the same figures', async () => {
      const report = await run({ from: recentDay, to: recentDay });
      // 23 events, less the 2 offers and the start of wrap-up, which move no figure.
      expect(report.liveEvents).toBe(20);
      expect(report.lines.map((line) => line.figures.offered)).toEqual([7, 2]);
      expect(report.lines[0]?.figures).toMatchObject({ serviceLevel: 300 / 7, asa: 13.75, aht: 67.5 });
    });

    it('adds rolled-up and live days together, and rolls each period up only once', async () => {
      const before = await t.hub.db.selectFrom('report_rollups').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const report = await run({ from: oldDay, to: today });
      expect(report.totals.figures).toMatchObject({ offered: 18, answered: 10, serviceLevel: 50, asa: 17, aht: 60 });
      expect(report.series).toHaveLength(21);
      expect(report.series.reduce((n, point) => n + point.offered, 0)).toBe(18);
      const after = await t.hub.db.selectFrom('report_rollups').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('reads the range in the supervisor\'s time zone', async () => {
      // 01:00 UTC is 09:00 in Shanghai, the same date; in Los Angeles it is still the day before.
      expect((await run({ from: oldDay, to: oldDay, timeZone: 'Asia/Shanghai' })).totals.figures.offered).toBe(9);
      expect((await run({ from: oldDay, to: oldDay, timeZone: 'America/Los_Angeles' })).totals.figures.offered).toBe(0);
      const hourly = await run({ from: oldDay, to: oldDay, timeZone: 'Asia/Shanghai', interval: 'hour' });
      expect(hourly.series).toHaveLength(24);
      expect(hourly.series[9]).toMatchObject({ offered: 9 });
    });

    it('groups by agent, channel and disposition with names where the hub knows them', async () => {
      const byAgent = await run({ from: oldDay, to: oldDay, groupBy: 'agent' });
      expect(byAgent.lines.map((line) => [line.label, line.figures.offered])).toEqual([
        // A tie on volume goes by name; the unanswered waits have none.
        [null, 4],
        ['王芳 Wang Fang', 4],
        ['李强 Li Qiang', 1],
      ]);
      const byChannel = await run({ from: oldDay, to: oldDay, groupBy: 'channel' });
      expect(byChannel.lines.map((line) => [line.key, line.label, line.figures.offered])).toEqual([
        ['call', null, 5],
        ['chat', null, 3],
        ['email', null, 1],
      ]);
      const byDisposition = await run({ from: oldDay, to: oldDay, groupBy: 'disposition' });
      expect(byDisposition.lines.map((line) => [line.key, line.figures.offered])).toEqual([
        ['', 6],
        ['Sale / 成交', 2],
        ['Resolved / 已解决', 1],
      ]);
    });

    it('counts work the ACD routes today: a chat answered and wrapped up', async () => {
      expectOk(await agent.emitWithAck('agent:state:set', { status: 'available' }));
      const offered = new Promise<string>((resolve) => agent.once('task:offer', (offer) => resolve(offer.task.id)));
      expectOk(await sup.emitWithAck('task:create', { channel: 'chat', queueId: general.id, customerId: null, subject: 'Where is my order?' }));
      const taskId = await offered;
      t.clock.offsetMs += 5_000;
      expectOk(await agent.emitWithAck('task:accept', { taskId }));
      t.clock.offsetMs += 60_000;
      expectOk(await agent.emitWithAck('task:complete', { taskId }));
      expectOk(await agent.emitWithAck('task:wrapup', { taskId, disposition: 'Sale / 成交' }));
      const report = await run({ from: today, to: isoDay(t.clock.now()), groupBy: 'disposition' });
      const sale = report.lines.find((line) => line.key === 'Sale / 成交');
      expect(sale?.figures).toMatchObject({ offered: 1, answered: 1, serviceLevel: 100 });
      expect(sale?.figures.asa).toBeGreaterThanOrEqual(5);
      expect(sale?.figures.asa).toBeLessThan(6);
      expect(sale?.figures.aht).toBeGreaterThanOrEqual(60);
    });

    describe('CSV export', () => {
      const url = (query: Record<string, string>) => `${t.hub.url}${REPORT_EXPORT_PATH}?${new URLSearchParams(query)}`;
      const query = () => ({ from: oldDay, to: oldDay, timeZone: 'Asia/Shanghai', groupBy: 'queue', locale: 'zh-CN' });

      it('sends the report as UTF-8 CSV with a byte-order mark, CRLF lines and localized headings', async () => {
        const response = await fetch(url(query()), { headers: { authorization: `Bearer ${supToken}` } });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        expect(response.headers.get('content-disposition')).toBe(`attachment; filename="report-queue-${oldDay}-${oldDay}.csv"`);
        const bytes = Buffer.from(await response.arrayBuffer());
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const lines = bytes.subarray(3).toString('utf8').split('\r\n');
        expect(lines[0]).toBe('队列,进线量,接通量,放弃量,溢出量,服务水平 %,平均应答时长 (秒),平均处理时长 (秒),放弃率 %,首次解决率 %,满意度');
        expect(lines[1]).toBe('General / 综合服务,7,4,2,1,42.9,13.8,67.5,28.6,100,');
        expect(lines[2]).toBe('Billing / 账务,2,1,0,0,100,30,30,0,,');
        expect(lines[3]).toBe('合计,9,5,2,1,50,17,60,25,100,');
        expect(lines[4]).toBe('');
        expect(bytes.subarray(3).toString('utf8')).not.toMatch(/[^\r]\n/);
      });

      it('refuses no token, an agent, and a bad query with typed errors', async () => {
        const none = await fetch(url(query()));
        expect(none.status).toBe(401);
        expect(((await none.json()) as { error: { code: string } }).error.code).toBe('token-invalid');
        const asAgent = await fetch(url(query()), { headers: { authorization: `Bearer ${agentToken}` } });
        expect(asAgent.status).toBe(403);
        expect(((await asAgent.json()) as { error: { code: string } }).error.code).toBe('forbidden');
        const bad = await fetch(url({ ...query(), groupBy: 'team' }), { headers: { authorization: `Bearer ${supToken}` } });
        expect(bad.status).toBe(400);
        const body = (await bad.json()) as { error: { code: string; issues: { path: string }[] } };
        expect(body.error.code).toBe('invalid-payload');
        expect(body.error.issues[0]?.path).toBe('groupBy');
        const backwards = await fetch(url({ ...query(), to: '2020-01-01' }), { headers: { authorization: `Bearer ${supToken}` } });
        expect(backwards.status).toBe(400);
        const post = await fetch(url(query()), { method: 'POST', headers: { authorization: `Bearer ${supToken}` } });
        expect(post.status).toBe(400);
      });
    });
  });
}
