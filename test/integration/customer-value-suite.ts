import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../shared/protocol/changes';
import type { CustomerValueRecord } from '../../shared/protocol/customer-value';
import { CLIENT_EVENTS, type ClientEventName } from '../../shared/protocol/events';
import { ORDER_IMPORT_PATH } from '../../shared/protocol/orders';
import type { Role } from '../../shared/domain/user';
import { importOrderStream } from '../../hub/crm/order-import-service';
import { createValueService } from '../../hub/crm/value-service';
import { createWriteQueue } from '../../hub/db/write-queue';
import { createLogger } from '../../hub/log';
import { type Desktop, collectBroadcasts, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const DAY = 86_400_000;

const VALUE_EVENTS = ['customer:value', 'loyalty:adjust', 'order:add', 'customer:credit', 'admin:value:get', 'admin:value:set', 'admin:value:recompute'] as const;

/**
 * Customer value end to end on one store: orders filed by hand and by import
 * move a customer's value and points at once, the full recompute places the
 * base in the pyramid as worked out by hand below, a new tier reaches the
 * customer record (and so routing and every badge), and points never go
 * below zero or double on a re-import.
 */
export function defineCustomerValueSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`customer value on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let admin: Desktop;
    let sup: Desktop;
    let agent: Desktop;
    let adminToken: string;
    /** The 12 demo customers in number order. */
    let customers: { id: string; number: string; tier: string }[];
    const c = (i: number) => {
      const customer = customers[i];
      if (!customer) throw new Error(`no customer ${i}`);
      return customer;
    };
    const head = async () => (await t.hub.db.selectFrom('sync_head').select('seq').executeTakeFirstOrThrow()).seq;
    const customerValueOf = async (customerId: string) => expectOk(await agent.emitWithAck('customer:value', { customerId }));
    const tierOf = async (customerId: string) => (await t.hub.db.selectFrom('customers').select('tier').where('id', '=', customerId).executeTakeFirstOrThrow()).tier;

    beforeAll(async () => {
      store = await makeStore();
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` });
      adminToken = (await t.login('admin')).accessToken;
      admin = await t.connect(adminToken);
      sup = await t.desktop('supervisor');
      agent = await t.desktop('agent1');
      // The demo's own orders would blur the worked example: this base starts with none.
      await t.hub.db.deleteFrom('interactions').where('channel', '=', 'order').execute();
      customers = await t.hub.db.selectFrom('customers').select(['id', 'number', 'tier']).orderBy('number').execute();
      expect(customers).toHaveLength(12);
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    it('refuses every value event to the roles not listed for it', async () => {
      const desktops: Record<Role, Desktop> = { agent, supervisor: sup, admin };
      let refused = 0;
      for (const name of VALUE_EVENTS) {
        const allowed: readonly Role[] = CLIENT_EVENTS[name].roles;
        for (const role of ['agent', 'supervisor', 'admin'] as const) {
          if (allowed.includes(role)) continue;
          // The payload is never looked at: the role check comes first.
          const answer = await (desktops[role].emitWithAck as (event: ClientEventName, payload: unknown) => Promise<never>)(name, {});
          expect(expectError(answer).code, `${role} → ${name}`).toBe('forbidden');
          refused += 1;
        }
      }
      // agent: loyalty:adjust, customer:credit, the three admin:value events; supervisor: set and recompute.
      expect(refused).toBe(7);
    });

    it('files an order added by hand once, earns its points once, and keeps the tier until a full run', async () => {
      const now = t.clock.now();
      const order = { customerId: c(0).id, orderNo: 'PH-1', amountCents: 120_000, profitCents: 90_000, currency: 'CNY', items: 'Tea set', orderedAt: now - 100 * DAY };
      const before = await head();
      const broadcast = collectBroadcasts(agent, 2, before);
      const added = expectOk(await agent.emitWithAck('order:add', order));
      expect(added.created).toBe(true);
      // ¥1 200 at the default 1 point per ¥10.
      expect(added.value).toMatchObject({ customerId: c(0).id, pointsBalance: 120, orderCount: 1, lastOrderAt: now - 100 * DAY, tier: c(0).tier });
      const sent = (await broadcast).flat();
      expect(sent.map((change) => change.entity)).toEqual(['interaction', 'customerValue']);

      // Sent again (a re-sent form): nothing new, nothing earned twice.
      const again = expectOk(await agent.emitWithAck('order:add', order));
      expect(again).toMatchObject({ created: false, interactionId: added.interactionId });
      expect(again.value.pointsBalance).toBe(120);
      expect(await head()).toBe(before + 2);
      // The same number with other figures is a different order: refused, not overwritten.
      expect(expectError(await agent.emitWithAck('order:add', { ...order, amountCents: 1 }))).toMatchObject({ code: 'conflict', issues: [{ path: 'orderNo' }] });
    });

    it('refuses a bad order with the field that is wrong', async () => {
      const error = expectError(await agent.emitWithAck('order:add', { customerId: c(0).id, orderNo: '', amountCents: 12.5, currency: 'yuan', items: '', orderedAt: 0 }));
      expect(error.code).toBe('invalid-payload');
      expect(error.issues?.map((issue) => issue.path).sort()).toEqual(['amountCents', 'currency', 'orderNo']);
    });

    it('places the base in the pyramid as worked out by hand, and the new tiers reach the customers and routing', async () => {
      const now = t.clock.now();
      // c0 already has ¥900 profit (100 days ago). c1 ¥500, c2 ¥300 and c3 ¥100, 10 days ago; the other 8 never ordered.
      for (const [i, profit] of [[1, 50_000], [2, 30_000], [3, 10_000]] as const) {
        expectOk(await agent.emitWithAck('order:add', { customerId: c(i).id, orderNo: `PH-${i}`, amountCents: profit * 2, profitCents: profit, orderedAt: now - 10 * DAY }));
      }
      const answer = expectOk(await admin.emitWithAck('admin:value:recompute', {}));
      expect(answer).toMatchObject({ customers: 12, orders: 4, orphanOrders: 0 });

      // 12 customers: VIP = the first ceil(1 % · 12) = 1 place, key up to ceil(20 % · 12) = 3, ordinary up to ceil(50 % · 12) = 6;
      // without profit a customer is small whatever the place.
      const tiers = await Promise.all([0, 1, 2, 3, 4, 11].map(async (i) => (await customerValueOf(c(i).id)).value?.tier));
      expect(tiers).toEqual(['vip', 'key', 'key', 'ordinary', 'small', 'small']);
      expect(await tierOf(c(0).id)).toBe('vip');
      expect(await tierOf(c(3).id)).toBe('ordinary');

      const top = (await customerValueOf(c(0).id)).value as CustomerValueRecord;
      // First order 100 days ago: less than one whole year, so I₁…I₅ are the part-year's ¥900 each; r = 10 %:
      // 90 000/1.1 = 81 818, /1.21 = 74 380, /1.331 = 67 618, /1.4641 = 61 471, /1.61051 = 55 883 → 341 170.
      expect(top.lifetimeValue.projection.map((p) => p.discountedCents)).toEqual([81_818, 74_380, 67_618, 61_471, 55_883]);
      expect(top.lifetimeValue).toMatchObject({ clvCents: 341_170, discountRate: 0.1, horizonPeriods: 5, baseCents: 90_000, trendCentsPerPeriod: 0 });
      // Tenure 100 days: past exploration (90), inside formation (365).
      expect(top.lifecycle).toMatchObject({ stage: 'formation', reason: 'young', tenureDays: 100, recencyDays: 100 });
      // Among the 4 buyers: c0 is the least recent (mid-rank q = 0.5/4 → 1), and the most revenue (q = 3.5/4 → 5); all bought once (3).
      expect(top.rfm).toMatchObject({ recency: 1, frequency: 3, monetary: 5, recencyDays: 100, orderCount: 1, revenueCents: 120_000 });
      expect(top.pointsBalance).toBe(120);
      const never = (await customerValueOf(c(11).id)).value as CustomerValueRecord;
      expect(never).toMatchObject({ tier: 'small', rfm: null, orderCount: 0, lifecycle: { stage: 'exploration', reason: 'no-orders' } });

      // Routing reads the tier off the customer when a task is created: the VIP's task carries it (and its boost).
      const [queue] = expectOk(await admin.emitWithAck('admin:queue:list', {}));
      if (!queue) throw new Error('the demo has no queue');
      const task = expectOk(await sup.emitWithAck('task:create', { channel: queue.channels[0] ?? 'call', queueId: queue.id, customerId: c(0).id, subject: 'VIP calls' }));
      expect(task.customerTier).toBe('vip');

      // Nothing moved: a second run writes nothing and sends nothing.
      const seq = await head();
      expect(expectOk(await admin.emitWithAck('admin:value:recompute', {}))).toMatchObject({ changed: 0, tierChanges: 0 });
      expect(await head()).toBe(seq);
    });

    it('moves a customer up at once when an order reaches the last run’s VIP cut-off, tells the desktops, and books the welcome call', async () => {
      const customer = c(4);
      const before = await head();
      const broadcast = collectBroadcasts(agent, 5, before);
      const added = expectOk(
        await agent.emitWithAck('order:add', { customerId: customer.id, orderNo: 'PH-BIG', amountCents: 200_000, profitCents: 95_000, orderedAt: t.clock.now() - DAY }),
      );
      expect(added.value.tier).toBe('vip');
      const sent: Change[] = (await broadcast).flat();
      // The follow-up rule for a new VIP runs after the order's commit, in its own.
      expect(sent.map((change) => change.entity)).toEqual(['interaction', 'customerValue', 'customer', 'followUp', 'interaction']);
      expect(sent[2]?.entity === 'customer' && sent[2].data).toMatchObject({ id: customer.id, tier: 'vip' });
      expect(sent[3]?.entity === 'followUp' && sent[3].data).toMatchObject({ customerId: customer.id, kind: 'welcome', status: 'scheduled' });
      expect(await tierOf(customer.id)).toBe('vip');
    });

    it('earns points once per imported order: importing the file again adds none', async () => {
      const customer = c(5);
      const csv = ['Order No,Customer Number,Order Date,Amount,Profit', `IMP-V1,${customer.number},2026-03-01,88.00,20.00`, `IMP-V2,${customer.number},2026-03-02,-10.00,-10.00`].join('\n');
      const post = async () => {
        const response = await fetch(`${t.hub.url}${ORDER_IMPORT_PATH}?timeZone=Asia/Shanghai`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv', authorization: `Bearer ${adminToken}` },
          body: csv,
        });
        expect(response.status).toBe(200);
      };
      await post();
      const first = await customerValueOf(customer.id);
      // ¥88 earns 8; the refund line earns nothing (its clawback is an adjustment).
      expect(first.value).toMatchObject({ pointsBalance: 8, orderCount: 2 });
      expect(first.ledger.map((line) => [line.kind, line.delta, line.detail])).toEqual([['earned', 8, 'IMP-V1']]);
      await post();
      expect((await customerValueOf(customer.id)).value?.pointsBalance).toBe(8);
    });

    it('adjusts with a reason, redeems with a reference, and refuses to go below zero', async () => {
      const customer = c(0);
      const adjusted = expectOk(await sup.emitWithAck('loyalty:adjust', { customerId: customer.id, kind: 'adjust', points: 30, reason: 'Goodwill for complaint' }));
      expect(adjusted.pointsBalance).toBe(150);
      const redeemed = expectOk(await sup.emitWithAck('loyalty:adjust', { customerId: customer.id, kind: 'redeem', points: 50, reference: 'VOUCHER-7' }));
      expect(redeemed.pointsBalance).toBe(100);

      const tooMuch = expectError(await sup.emitWithAck('loyalty:adjust', { customerId: customer.id, kind: 'redeem', points: 101, reference: 'VOUCHER-8' }));
      expect(tooMuch).toMatchObject({ code: 'conflict', issues: [{ path: 'points', message: 'insufficient-points: balance 100, requested 101' }] });
      const clawback = expectError(await admin.emitWithAck('loyalty:adjust', { customerId: customer.id, kind: 'adjust', points: -101, reason: 'Refund' }));
      expect(clawback.code).toBe('conflict');
      const noReason = expectError(await sup.emitWithAck('loyalty:adjust', { customerId: customer.id, kind: 'adjust', points: 5, reason: '  ' }));
      expect(noReason).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'reason' }] });

      const { value, ledger } = await customerValueOf(customer.id);
      expect(value?.pointsBalance).toBe(100);
      const supId = (await t.hub.db.selectFrom('users').select('id').where('username', '=', 'supervisor').executeTakeFirstOrThrow()).id;
      expect(ledger.map((line) => [line.kind, line.delta, line.detail, line.byUserId])).toEqual([
        ['redeemed', -50, 'VOUCHER-7', supId],
        ['adjusted', 30, 'Goodwill for complaint', supId],
        ['earned', 120, 'PH-1', null],
      ]);
    });

    it('keeps the credit standing note through a full recompute', async () => {
      const customer = c(1);
      expectOk(await sup.emitWithAck('customer:credit', { customerId: customer.id, note: 'Pays on 60 days; hold new credit' }));
      expectOk(await admin.emitWithAck('admin:value:recompute', {}));
      expect((await customerValueOf(customer.id)).value?.creditNote).toBe('Pays on 60 days; hold new credit');
      expect(expectOk(await sup.emitWithAck('customer:credit', { customerId: customer.id, note: '' })).creditNote).toBeNull();
    });

    it('recomputes customers whose orders moved (the merge hook) without earning anything again', async () => {
      const from = c(5);
      const to = c(9);
      const values = createValueService({ db: t.hub.db, kind: label === 'postgres' ? 'postgres' : 'sqlite', writeQueue: createWriteQueue(), clock: t.clock.now, broadcast: () => {}, log: createLogger('silent') });
      // What a merge does to the timeline: the provisional customer's interactions move to the one kept.
      await t.hub.db.updateTable('interactions').set({ customer_id: to.id }).where('customer_id', '=', from.id).where('channel', '=', 'order').execute();
      const drafts = await t.hub.db.transaction().execute((trx) => values.refreshCustomers(trx, [from.id, to.id]));
      expect(drafts.filter((d) => d.entity === 'customerValue').map((d) => d.data.customerId)).toEqual([from.id, to.id]);
      expect(await t.hub.db.selectFrom('customer_values').select(['customer_id', 'order_count']).where('customer_id', 'in', [from.id, to.id]).orderBy('order_count').execute()).toEqual([
        { customer_id: from.id, order_count: 0 },
        { customer_id: to.id, order_count: 2 },
      ]);
      // Points stay where they were earned; moving them is the merge's decision, not the recompute's.
      expect((await customerValueOf(from.id)).value?.pointsBalance).toBe(8);
      expect((await customerValueOf(to.id)).value?.pointsBalance).toBe(0);
    });

    it('lets a big import earn points only and ends it with one full recompute', async () => {
      const values = createValueService({
        db: t.hub.db,
        kind: label === 'postgres' ? 'postgres' : 'sqlite',
        writeQueue: createWriteQueue(),
        clock: t.clock.now,
        broadcast: () => {},
        log: createLogger('silent'),
        incrementalImportMax: 2,
      });
      const calls = { apply: 0, later: 0 };
      const hooks = {
        ...values,
        applyOrders: (...args: Parameters<typeof values.applyOrders>) => {
          calls.apply += 1;
          return values.applyOrders(...args);
        },
        recomputeLater: () => {
          calls.later += 1;
        },
      };
      const csv = [
        'Order No,Customer Number,Order Date,Amount,Profit',
        `BIG-1,${c(7).number},2026-09-01,100.00,30.00`,
        `BIG-2,${c(7).number},2026-09-02,50.00,10.00`,
        `BIG-3,${c(8).number},2026-09-03,20.00,5.00`,
      ].join('\n');
      const answer = await importOrderStream(
        { db: t.hub.db, writeQueue: createWriteQueue(), broadcast: () => {}, orderValues: hooks },
        (async function* () {
          yield new TextEncoder().encode(csv);
        })(),
        { timeZone: 'Asia/Shanghai', currency: 'CNY', maxBytes: 1_000_000 },
      );
      expect(answer.imported).toBe(3);
      expect(calls).toEqual({ apply: 0, later: 1 });
      // Earned already (¥150 → 15, ¥20 → 2), figures not yet.
      const ledger = await t.hub.db.selectFrom('loyalty_ledger').select(['customer_id', 'points']).where('customer_id', 'in', [c(7).id, c(8).id]).orderBy('points').execute();
      expect(ledger.map((row) => Number(row.points))).toEqual([2, 5, 10]);
      const before = await t.hub.db.selectFrom('customer_values').select('order_count').where('customer_id', '=', c(7).id).executeTakeFirstOrThrow();
      expect(Number(before.order_count)).toBe(0);

      expectOk(await admin.emitWithAck('admin:value:recompute', {}));
      expect((await customerValueOf(c(7).id)).value).toMatchObject({ orderCount: 2, pointsBalance: 15 });
      expect((await customerValueOf(c(8).id)).value).toMatchObject({ orderCount: 1, pointsBalance: 2 });
    });

    it('keeps every point and order on the survivor when two customers are merged', async () => {
      const [duplicate, survivor] = [c(10), c(2)];
      const was = async (id: string) => (await customerValueOf(id)).value ?? { orderCount: 0, pointsBalance: 0 };
      const [dupBefore, keptBefore] = [await was(duplicate.id), await was(survivor.id)];
      expectOk(await agent.emitWithAck('order:add', { customerId: duplicate.id, orderNo: 'PH-DUP', amountCents: 10_000, orderedAt: t.clock.now() - DAY }));
      expectOk(await agent.emitWithAck('order:add', { customerId: survivor.id, orderNo: 'PH-KEEP', amountCents: 5_000, orderedAt: t.clock.now() - DAY }));
      const merge = { id: ulid(), name: 'customer.merge', args: { survivorId: survivor.id, duplicateId: duplicate.id, auditId: ulid() }, createdAt: Date.now() };
      const pushed = expectOk(await agent.emitWithAck('mutation:push', { mutations: [merge] } as never)) as { results: { status: string }[] };
      expect(pushed.results[0]?.status).toBe('applied');
      // ¥100 earned 10 and ¥50 earned 5; both orders now count for the survivor.
      const kept = await customerValueOf(survivor.id);
      expect(kept.value).toMatchObject({
        orderCount: dupBefore.orderCount + keptBefore.orderCount + 2,
        pointsBalance: dupBefore.pointsBalance + keptBefore.pointsBalance + 15,
      });
      expect(kept.ledger.map((line) => line.detail)).toEqual(expect.arrayContaining(['PH-DUP', 'PH-KEEP']));
      expect(await t.hub.db.selectFrom('customer_values').select('customer_id').where('customer_id', '=', duplicate.id).execute()).toEqual([]);
    });

    it('saves the settings and earns by the new rule', async () => {
      const settings = expectOk(await sup.emitWithAck('admin:value:get', {}));
      expect(settings.loyalty).toEqual({ perCents: 1000, points: 1, rounding: 'down' });
      const saved = expectOk(await admin.emitWithAck('admin:value:set', { ...settings, loyalty: { perCents: 100, points: 2, rounding: 'down' } }));
      expect(saved.loyalty.perCents).toBe(100);
      const bad = expectError(await admin.emitWithAck('admin:value:set', { ...settings, tiers: { windowDays: 365, shares: { vip: 0.5, key: 0.5, ordinary: 0.3 } } }));
      expect(bad.code).toBe('invalid-payload');
      const added = expectOk(await agent.emitWithAck('order:add', { customerId: c(6).id, orderNo: 'PH-RULE', amountCents: 1_050, orderedAt: t.clock.now() - DAY }));
      // ¥10.50 at 2 points per whole ¥1.
      expect(added.value.pointsBalance).toBe(20);
    });
  });
}
