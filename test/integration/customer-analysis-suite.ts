import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalysisService } from '../../hub/crm/analysis/analysis-service';
import { dayIn, writeSnapshot } from '../../hub/crm/analysis/snapshots';
import { createWriteQueue } from '../../hub/db/write-queue';
import { createLogger } from '../../hub/log';
import type { CrossSellRule } from '../../shared/crm/cross-sell';
import type { Role } from '../../shared/domain/user';
import { CUSTOMER_EXPORT_PATH } from '../../shared/protocol/customer-analysis';
import { CLIENT_EVENTS, type ClientEventName } from '../../shared/protocol/events';
import { type Desktop, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const DAY = 86_400_000;

const ANALYSIS_EVENTS = [
  'analysis:pyramid',
  'analysis:lifecycle',
  'analysis:migration',
  'analysis:churn',
  'customer:list',
  'crossSell:suggest',
  'crossSell:record',
  'crossSell:figures',
  'crossSell:mine',
] as const;

/**
 * Customer analysis and cross-sell end to end on one store: a base of 12
 * customers whose orders are filed through the hub's own `order:add` and
 * valued by its own recompute; the pyramid, lifecycle, list filters and pages,
 * the CSV bytes, tier migration and churn risk against snapshots, and the
 * cross-sell rules mined from the orders' items, suggested and recorded.
 */
export function defineCustomerAnalysisSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`customer analysis on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let admin: Desktop;
    let sup: Desktop;
    let agent: Desktop;
    let supToken: string;
    let agentToken: string;
    /** The 12 demo customers in number order. */
    let customers: { id: string; number: string; name: string }[];
    const c = (i: number) => {
      const customer = customers[i];
      if (!customer) throw new Error(`no customer ${i}`);
      return customer;
    };
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

    beforeAll(async () => {
      store = await makeStore();
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` });
      admin = await t.connect((await t.login('admin')).accessToken);
      supToken = (await t.login('supervisor')).accessToken;
      sup = await t.connect(supToken);
      agentToken = (await t.login('agent1')).accessToken;
      agent = await t.connect(agentToken);
      // The demo's own orders and tags would blur the worked example.
      await t.hub.db.deleteFrom('interactions').where('channel', '=', 'order').execute();
      await t.hub.db.updateTable('customers').set({ tags: '[]' }).execute();
      customers = await t.hub.db.selectFrom('customers').select(['id', 'number', 'name']).orderBy('number').execute();
      expect(customers).toHaveLength(12);

      // c0…c5 bought (profit ¥900, 500, 300, 100, 50, 20), 10 days ago; c6…c11 never.
      const now = t.clock.now();
      const orders: [number, number, string][] = [
        [0, 90_000, 'Tea set; Teapot'],
        [1, 50_000, 'Tea set; Teapot'],
        [2, 30_000, 'Tea set；Teapot；Cups'],
        [3, 10_000, 'Tea set'],
        [4, 5_000, 'Cups'],
        [5, 2_000, 'Teapot'],
      ];
      for (const [i, profit, items] of orders) {
        expectOk(await agent.emitWithAck('order:add', { customerId: c(i).id, orderNo: `A-${i}`, amountCents: profit * 2, profitCents: profit, items, orderedAt: now - 10 * DAY }));
      }
      expectOk(await admin.emitWithAck('admin:value:recompute', {}));
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    it('refuses the analysis events to agents (the list and the 360 card are theirs too)', async () => {
      const desktops: Record<Role, Desktop> = { agent, supervisor: sup, admin };
      const refusedTo: string[] = [];
      for (const name of ANALYSIS_EVENTS) {
        const allowed: readonly Role[] = CLIENT_EVENTS[name].roles;
        for (const role of ['agent', 'supervisor', 'admin'] as const) {
          if (allowed.includes(role)) continue;
          const answer = await (desktops[role].emitWithAck as (event: ClientEventName, payload: unknown) => Promise<never>)(name, {});
          expect(expectError(answer).code, `${role} → ${name}`).toBe('forbidden');
          refusedTo.push(`${role} ${name}`);
        }
      }
      expect(refusedTo).toEqual([
        'agent analysis:pyramid',
        'agent analysis:lifecycle',
        'agent analysis:migration',
        'agent analysis:churn',
        'agent crossSell:figures',
        'agent crossSell:mine',
      ]);
    });

    it('draws the pyramid: customers, profit, share and cut-off per tier', async () => {
      const pyramid = expectOk(await sup.emitWithAck('analysis:pyramid', {}));
      // 12 customers: VIP = 1 place, key up to 3, ordinary up to 6; no profit is small.
      expect(pyramid.tiers.map((tier) => [tier.tier, tier.customers, tier.profitCents, tier.minProfitCents])).toEqual([
        ['vip', 1, 90_000, 90_000],
        ['key', 2, 80_000, 30_000],
        ['ordinary', 3, 17_000, 2_000],
        ['small', 6, 0, 0],
      ]);
      expect(pyramid.customers).toBe(12);
      expect(pyramid.profitCents).toBe(187_000);
      expect(pyramid.tiers.map((tier) => Math.round(tier.profitShare * 10_000))).toEqual([4813, 4278, 909, 0]);
    });

    it('counts the lifecycle stages, all of them and per tier', async () => {
      const lifecycle = expectOk(await admin.emitWithAck('analysis:lifecycle', {}));
      expect(lifecycle.stages.map((s) => s.stage)).toEqual(['exploration', 'formation', 'stability', 'decline']);
      expect(lifecycle.stages.reduce((sum, s) => sum + s.customers, 0)).toBe(12);
      expect(lifecycle.byTier).toHaveLength(16);
      // First orders 10 days ago: every buyer is still being explored, like those who never bought.
      expect(lifecycle.stages.find((s) => s.stage === 'exploration')?.customers).toBe(12);
      expect(lifecycle.byTier.find((cell) => cell.tier === 'small' && cell.stage === 'exploration')?.customers).toBe(6);
    });

    it('filters the list by tier, RFM, tags and open complaints, and pages it without gaps', async () => {
      const key = expectOk(await agent.emitWithAck('customer:list', { tiers: ['key'] }));
      expect(key.rows.map((row) => [row.customerId, row.profitCents])).toEqual([
        [c(1).id, 50_000],
        [c(2).id, 30_000],
      ]);
      expect(key.next).toBeNull();

      await t.hub.db.updateTable('customers').set({ tags: JSON.stringify(['wholesale', 'north']) }).where('id', '=', c(0).id).execute();
      await t.hub.db.updateTable('customers').set({ tags: JSON.stringify(['north']) }).where('id', '=', c(3).id).execute();
      const all = expectOk(await sup.emitWithAck('customer:list', { tags: ['north', 'wholesale'], tagMode: 'all' }));
      expect(all.rows.map((row) => row.customerId)).toEqual([c(0).id]);
      expect(all.rows[0]?.tags).toEqual(['wholesale', 'north']);
      const any = expectOk(await sup.emitWithAck('customer:list', { tags: ['north', 'wholesale'], tagMode: 'any' }));
      expect(any.rows.map((row) => row.customerId)).toEqual([c(0).id, c(3).id]);

      // The top buyer by revenue scores 5 on M; only buyers have scores.
      const topM = expectOk(await sup.emitWithAck('customer:list', { monetary: { min: 5, max: 5 } }));
      expect(topM.rows.map((row) => row.customerId)).toContain(c(0).id);
      expect(topM.rows.every((row) => row.rfm?.monetary === 5)).toBe(true);

      // One open complaint on c2, one closed on c4.
      const complaint = (customerId: string, status: string) => ({
        id: ulid(),
        customer_id: customerId,
        status,
        owner_id: null,
        team_id: null,
        opened_at: t.clock.now(),
        updated_at: t.clock.now(),
        data: '{}',
      });
      await t.hub.db.insertInto('complaints').values([complaint(c(2).id, 'investigating'), complaint(c(4).id, 'closed')]).execute();
      const open = expectOk(await sup.emitWithAck('customer:list', { openComplaints: true }));
      expect(open.rows.map((row) => [row.customerId, row.openComplaints])).toEqual([[c(2).id, 1]]);
      const none = expectOk(await sup.emitWithAck('customer:list', { openComplaints: false, limit: 500 }));
      expect(none.rows).toHaveLength(11);

      // Two at a time by name: every customer once, in order.
      const seen: string[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = expectOk(await agent.emitWithAck('customer:list', { sort: 'name', direction: 'asc', limit: 2, ...(after ? { after } : {}) }));
        seen.push(...page.rows.map((row) => row.name));
        if (page.next === null) break;
        after = page.next;
      }
      expect(seen).toHaveLength(12);
      expect(seen).toEqual([...customers.map((x) => x.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it('refuses a bad filter or cursor with the field that is wrong', async () => {
      const range = expectError(await agent.emitWithAck('customer:list', { recency: { min: 4, max: 2 } }));
      expect(range).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'recency.max' }] });
      const tier = expectError(await agent.emitWithAck('customer:list', { tiers: ['gold' as 'vip'] }));
      expect(tier.issues?.[0]?.path).toBe('tiers.0');
      const cursor = expectError(await agent.emitWithAck('customer:list', { sort: 'profit', after: '["Wang", "01H"]' }));
      expect(cursor).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'after' }] });
    });

    it('exports the filtered list as CSV for supervisors only: BOM, CRLF, Chinese headers, formula cells defused', async () => {
      await t.hub.db.updateTable('customers').set({ name: '=HYPERLINK("x")' }).where('id', '=', c(1).id).execute();
      const url = `${t.hub.url}${CUSTOMER_EXPORT_PATH}?${new URLSearchParams({ filter: JSON.stringify({ tiers: ['vip', 'key'] }), locale: 'zh-CN' })}`;
      const response = await fetch(url, { headers: { authorization: `Bearer ${supToken}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
      expect(lines[0]).toBe('客户编号,姓名,公司,客户等级,生命周期,R,F,M,利润,客户终身价值,订单数,最近下单,未结投诉,标签');
      expect(lines).toHaveLength(5);
      expect(lines[1]).toMatch(new RegExp(`^${c(0).number},[^,]+,.*,重要客户,考察期,\\d,\\d,\\d,900\\.00,`));
      expect(lines[1]).toMatch(/,wholesale; north$/);
      expect(lines[2]).toContain(`${c(1).number},"'=HYPERLINK(""x"")",`);
      expect(lines[4]).toBe('');

      const refused = await fetch(url, { headers: { authorization: `Bearer ${agentToken}` } });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
      expect((await fetch(url)).status).toBe(401);
      const bad = await fetch(`${t.hub.url}${CUSTOMER_EXPORT_PATH}?filter=${encodeURIComponent('{"tiers":["gold"]}')}`, { headers: { authorization: `Bearer ${supToken}` } });
      expect(bad.status).toBe(400);
    });

    it('counts tier migration between two snapshot days', async () => {
      expect(await writeSnapshot(t.hub.db, '2020-01-01')).toBe(12);
      // The same day again keeps its first look.
      expect(await writeSnapshot(t.hub.db, '2020-01-01')).toBe(0);
      // c4 (ordinary) buys big and becomes VIP; the run re-ranks the base.
      expectOk(await agent.emitWithAck('order:add', { customerId: c(4).id, orderNo: 'A-4-BIG', amountCents: 400_000, profitCents: 200_000, items: 'Cups', orderedAt: t.clock.now() - DAY }));
      expectOk(await admin.emitWithAck('admin:value:recompute', {}));
      await writeSnapshot(t.hub.db, '2020-02-01');

      const answer = expectOk(await sup.emitWithAck('analysis:migration', { from: '2020-01-01', to: '2020-02-01' }));
      expect(answer.from).toBe('2020-01-01');
      expect(answer.days).toEqual(['2020-02-01', '2020-01-01']);
      const { matrix } = answer;
      expect(matrix.counts.ordinary.vip).toBe(1);
      expect(matrix.counts.vip.key).toBe(1);
      expect(matrix.stayed + matrix.upgraded + matrix.downgraded).toBe(12);
      expect(matrix.joined + matrix.left).toBe(0);
      expect(matrix.fromTotals).toMatchObject({ vip: 1, key: 2, ordinary: 3, small: 6 });

      const backwards = expectError(await sup.emitWithAck('analysis:migration', { from: '2020-02-01', to: '2020-01-01' }));
      expect(backwards).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'to' }] });
    });

    it('lists valuable customers whose profit fell since the snapshot a month ago, with why', async () => {
      const day = dayIn(zone, t.clock.now() - 40 * DAY);
      await writeSnapshot(t.hub.db, day);
      // A month ago c1 (key now) made far more: the same snapshot with a higher figure.
      await t.hub.db.updateTable('value_snapshots').set({ profit_cents: 500_000 }).where('day', '=', day).where('customer_id', '=', c(1).id).execute();
      const churn = expectOk(await sup.emitWithAck('analysis:churn', { days: 30 }));
      expect(churn.comparedWith).toBe(day);
      expect(churn.rows.map((row) => [row.customerId, row.reasons, row.profitCents, row.earlierProfitCents])).toEqual([[c(1).id, ['profit-fell'], 50_000, 500_000]]);
      expect(churn.rows[0]?.valueAtRiskCents).toBeGreaterThan(0);
      // A year back the newest snapshot is February 2020's, taken after the re-ranking: nobody has fallen since, and nobody is in decline.
      expect(expectOk(await sup.emitWithAck('analysis:churn', { days: 366 }))).toEqual({ comparedWith: '2020-02-01', rows: [] });
    });

    it('mines cross-sell rules from the orders’ items, suggests them on the 360 and records what became of them', async () => {
      const before = expectOk(await agent.emitWithAck('crossSell:suggest', { customerId: c(3).id }));
      expect(before).toMatchObject({ minedAt: null, suggestions: [] });

      const settings = { minCount: 2, minSupport: 0, minConfidence: 0.1, minLift: 1 };
      // The thresholds are the administrators' setting; a supervisor mines with the saved ones.
      expect(expectError(await sup.emitWithAck('crossSell:mine', { settings })).code).toBe('forbidden');
      const mined = expectOk(await admin.emitWithAck('crossSell:mine', { settings }));
      expect(expectOk(await sup.emitWithAck('crossSell:mine', {}))).toMatchObject({ rules: mined.rules, baskets: mined.baskets });
      expect(mined).toMatchObject({ orders: 7, baskets: 7, products: 3 });

      // 7 baskets; Tea set in 4, Teapot in 4, together in 3: Tea set → Teapot has confidence 3/4, lift 3·7 / (4·4).
      const card = expectOk(await agent.emitWithAck('crossSell:suggest', { customerId: c(3).id }));
      expect(card.suggestions.map((s) => [s.product, s.rule.antecedent, s.rule.confidence, s.rule.support])).toEqual([['Teapot', ['Tea set'], 0.75, 3 / 7]]);
      expect(card.suggestions[0]?.rule.lift).toBeCloseTo(21 / 16, 10);
      const rule = card.suggestions[0]?.rule as CrossSellRule;

      const suggestionId = ulid();
      const made = expectOk(await agent.emitWithAck('crossSell:record', { id: ulid(), suggestionId, customerId: c(3).id, product: 'Teapot', rule, outcome: 'made' }));
      expect(made).toMatchObject({ outcome: 'made', product: 'Teapot', customerId: c(3).id });
      const declinedId = ulid();
      const declined = { id: declinedId, suggestionId, customerId: c(3).id, product: 'Teapot', rule, outcome: 'declined' as const, reason: 'has one' };
      expectOk(await agent.emitWithAck('crossSell:record', declined));
      // A retried click is the same record.
      expectOk(await agent.emitWithAck('crossSell:record', declined));
      const after = expectOk(await agent.emitWithAck('crossSell:suggest', { customerId: c(3).id }));
      expect(after.suggestions).toEqual([]);
      expect(after.outcomes).toMatchObject([{ suggestionId, product: 'Teapot', outcome: 'declined' }]);

      // c5 bought a teapot: offered the tea set, and takes it.
      const other = expectOk(await agent.emitWithAck('crossSell:suggest', { customerId: c(5).id }));
      const offer = other.suggestions.find((s) => s.product === 'Tea set');
      if (!offer) throw new Error('no tea set offered');
      expectOk(await agent.emitWithAck('crossSell:record', { id: ulid(), suggestionId: ulid(), customerId: c(5).id, product: 'Tea set', rule: offer.rule, outcome: 'taken' }));

      const figures = expectOk(await sup.emitWithAck('crossSell:figures', {}));
      expect(figures.products).toEqual([
        { product: 'Tea set', made: 0, taken: 1, declined: 0, takeRate: 1 },
        { product: 'Teapot', made: 0, taken: 0, declined: 1, takeRate: 0 },
      ]);
      expect(await t.hub.db.selectFrom('cross_sell_outcomes').select('id').execute()).toHaveLength(3);

      const bad = expectError(await agent.emitWithAck('crossSell:record', { id: ulid(), suggestionId: ulid(), customerId: c(5).id, product: '', rule, outcome: 'maybe' as 'made' }));
      expect(bad.code).toBe('invalid-payload');
      const unknown = expectError(await agent.emitWithAck('crossSell:suggest', { customerId: ulid() }));
      expect(unknown.code).toBe('not-found');
    });

    it('takes the day’s snapshot when the timer starts and the day has none, and only once', async () => {
      // 20:00 UTC on 1 June is 2 June in Shanghai: the day is the hub's calendar day.
      const at = Date.UTC(2021, 5, 1, 20);
      const analysis = createAnalysisService({ db: t.hub.db, kind: t.hub.storeKind, writeQueue: createWriteQueue(), clock: () => at, log: createLogger('silent'), timeZone: 'Asia/Shanghai' });
      const stop = analysis.start();
      await stop();
      const rows = await t.hub.db.selectFrom('value_snapshots').select(['customer_id', 'tier']).where('day', '=', '2021-06-02').execute();
      expect(rows).toHaveLength(12);
      expect(rows.find((row) => row.customer_id === c(4).id)?.tier).toBe('vip');
      expect(await analysis.snapshot()).toBe(0);
    });
  });
}
