import type { Kysely } from 'kysely';
import { monotonicFactory } from 'ulid';
import { addOrder, type CustomerValueSettings, emptySummary, type OrderSummary } from '../../shared/crm/customer-value';
import { type ValueShift, valueShifts } from '../../shared/crm/value-shift';
import { adjust, earn, InsufficientPointsError, type PointsEntry, redeem } from '../../shared/crm/loyalty-points';
import type { Customer } from '../../shared/domain/customer';
import type { User } from '../../shared/domain/user';
import type { Change } from '../../shared/protocol/changes';
import type {
  CustomerValueAnswer,
  CustomerValueRecord,
  CustomerValueRequest,
  LoyaltyAdjust,
  OrderAdd,
  OrderAddAnswer,
  RecomputeAnswer,
} from '../../shared/protocol/customer-value';
import type { Clock } from '../clock';
import type { ChangeDraft } from '../db/change-log';
import { commitInQueue } from '../db/commit-changes';
import { customerFromRow, findCustomer, saveCustomer } from '../db/customer-queries';
import type { Database, Queryable, StoreKind } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { Logger } from '../log';
import { refuse } from '../sync/refusal';
import { type OrderInteraction, orderInteractionId, storedInteractionData, upsertOrders } from './order-store';
import { startNightly } from './nightly';
import { figuresDiffer, incrementalValue, orderFromStored, rankSummaries, type ValueCutoffs, valueRecord } from './value-figures';
import {
  appendLedger,
  customerOrders,
  ledgerEntries,
  ledgerPage,
  type OrderCursor,
  type OrderPage,
  orderPage,
  pointsBalanceOf,
  pointsBalances,
  readCutoffs,
  readValue,
  readValues,
  readValueSettings,
  saveCutoffs,
  saveValueSettings,
  writeValues,
} from './value-store';

export type ValueServiceDeps = {
  db: Kysely<Database>;
  kind: StoreKind;
  writeQueue: WriteQueue;
  clock: Clock;
  /** Sends committed changes to the desktops. */
  broadcast: (changes: Change[]) => void;
  log: Logger;
  /** The hub's zone: the nightly run is at 02:00 there. */
  timeZone?: string;
  /** Orders of one import file recomputed customer by customer; the rest of a bigger file waits for one full run (order-import-service.ts). */
  incrementalImportMax?: number;
  /**
   * A customer became VIP or slid into decline (the follow-up rules listen). Called inside the write queue while
   * the change is being written: a listener only schedules work of its own, which the queue runs after this commit.
   */
  onShift?: (shift: ValueShift) => void;
};

/** Orders read per page of the full recompute, and customers written per transaction (calls waiting on the write queue wait milliseconds). */
const ORDER_PAGE = 20_000;
const WRITE_BATCH = 1_000;
const NIGHTLY_HOUR = 2;

/**
 * Customer value kept on the hub (issue 7): tier, RFM, lifetime value,
 * lifecycle and points per customer. Two ways in:
 * - incremental: an order filed (imported or added by hand) recomputes its
 *   customer at once inside the order's own transaction, against the last
 *   full run's cut-offs, and earns its points (once per order number);
 * - full: nightly and on demand, one streamed pass over every order, then the
 *   pyramid and quintiles are drawn afresh; only rows whose figures changed
 *   are written, and a changed tier goes onto the customer record, where
 *   routing reads it when the customer's next task is created.
 */
export function createValueService(deps: ValueServiceDeps) {
  const { db, kind, writeQueue, clock, broadcast, log } = deps;
  const timeZone = deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  /** Customers updated incrementally while a full run reads: its older figures must not overwrite theirs. */
  let touchedDuringRun: Set<string> | null = null;
  let runs: Promise<unknown> = Promise.resolve();
  // Ledger lines made in the same millisecond still list in the order they were written.
  const newId = monotonicFactory();

  async function summaryOf(trx: Queryable, customerId: string, now: number, settings: CustomerValueSettings): Promise<OrderSummary> {
    const summary = emptySummary(customerId, settings);
    for (const order of await customerOrders(trx, kind, customerId)) addOrder(summary, orderFromStored(order), now, settings);
    return summary;
  }

  function announceShifts(customerId: string, before: { tier: Customer['tier']; stage: CustomerValueRecord['lifecycle']['stage'] | null }, after: CustomerValueRecord): void {
    if (!deps.onShift) return;
    for (const shift of valueShifts(customerId, before, { tier: after.tier, stage: after.lifecycle.stage })) deps.onShift(shift);
  }

  /** Puts a new tier on the customer record (and its change), where routing and every badge read it. */
  function retier(customer: Customer, record: CustomerValueRecord, now: number): { customer: Customer; draft: ChangeDraft } | null {
    if (customer.tier === record.tier) return null;
    const updated: Customer = { ...customer, tier: record.tier, updatedAt: Math.max(now, customer.updatedAt) };
    return { customer: updated, draft: { entity: 'customer', op: 'put', data: updated } };
  }

  /** One customer's value afresh from its orders, against the last full run's cut-offs; answers the changes to append. */
  async function recomputeOne(trx: Queryable, customer: Customer, now: number, settings: CustomerValueSettings, cutoffs: ValueCutoffs | null): Promise<ChangeDraft[]> {
    const summary = await summaryOf(trx, customer.id, now, settings);
    const before = await readValue(trx, customer.id);
    const value = incrementalValue(summary, cutoffs, customer.tier, before?.tierRank ?? null, now, settings);
    const record = valueRecord(value, {
      pointsBalance: await pointsBalanceOf(trx, customer.id),
      orderCount: summary.orderCount,
      lastOrderAt: summary.lastOrderAt,
      creditNote: before?.creditNote ?? null,
      computedAt: now,
    });
    await writeValues(trx, [record]);
    announceShifts(customer.id, { tier: customer.tier, stage: before?.lifecycle.stage ?? null }, record);
    const drafts: ChangeDraft[] = [{ entity: 'customerValue', op: 'put', data: record }];
    const retiered = retier(customer, record, now);
    if (retiered) {
      await saveCustomer(trx, retiered.customer);
      drafts.push(retiered.draft);
    }
    touchedDuringRun?.add(customer.id);
    return drafts;
  }

  /** Earns each order's points (once per order number), nothing else: the figures wait for the full run a big import ends with. */
  async function earnPoints(trx: Queryable, orders: readonly OrderInteraction[]): Promise<void> {
    if (orders.length === 0) return;
    await earnWith(trx, orders, clock(), await readValueSettings(trx));
  }

  async function earnWith(trx: Queryable, orders: readonly OrderInteraction[], now: number, settings: CustomerValueSettings): Promise<void> {
    for (const order of orders) {
      const entry = earn(order.orderNo, order.amount, now, settings.loyalty);
      if (entry) await appendLedger(trx, { id: newId(now), customerId: order.customerId, entry, byUserId: null });
    }
  }

  /**
   * The incremental update, inside the caller's transaction: earns each
   * order's points (an order number that already earned is skipped) and
   * recomputes each customer's value. Answers the changes to append.
   */
  async function applyOrders(trx: Queryable, orders: readonly OrderInteraction[]): Promise<ChangeDraft[]> {
    if (orders.length === 0) return [];
    const now = clock();
    const settings = await readValueSettings(trx);
    const cutoffs = await readCutoffs(trx);
    const byCustomer = new Map<string, OrderInteraction[]>();
    for (const order of orders) {
      const mine = byCustomer.get(order.customerId);
      if (mine) mine.push(order);
      else byCustomer.set(order.customerId, [order]);
    }
    const drafts: ChangeDraft[] = [];
    for (const [customerId, mine] of byCustomer) {
      const customer = await findCustomer(trx, customerId);
      if (!customer) continue;
      await earnWith(trx, mine, now, settings);
      drafts.push(...(await recomputeOne(trx, customer, now, settings, cutoffs)));
    }
    return drafts;
  }

  /**
   * Recomputes these customers now, in the caller's transaction, without
   * earning anything: for whatever moves orders between customers (a merge
   * or a link moves the provisional customer's timeline). Answers the changes to append.
   */
  async function refreshCustomers(trx: Queryable, customerIds: readonly string[]): Promise<ChangeDraft[]> {
    const now = clock();
    const settings = await readValueSettings(trx);
    const cutoffs = await readCutoffs(trx);
    const drafts: ChangeDraft[] = [];
    for (const customerId of new Set(customerIds)) {
      const customer = await findCustomer(trx, customerId);
      if (customer) drafts.push(...(await recomputeOne(trx, customer, now, settings, cutoffs)));
    }
    return drafts;
  }

  const commit = commitInQueue({ db, writeQueue, broadcast });

  async function requireCustomer(trx: Queryable, customerId: string): Promise<Customer> {
    const customer = await findCustomer(trx, customerId);
    if (!customer) throw refuse('not-found', 'No such customer; it may have been merged or removed.');
    return customer;
  }

  /** The record to show for a customer the hub has not computed yet: nothing bought, nothing earned. */
  async function currentValue(trx: Queryable, customer: Customer): Promise<CustomerValueRecord> {
    const stored = await readValue(trx, customer.id);
    if (stored) return stored;
    const now = clock();
    const settings = await readValueSettings(trx);
    const value = incrementalValue(await summaryOf(trx, customer.id, now, settings), await readCutoffs(trx), customer.tier, null, now, settings);
    return valueRecord(value, { pointsBalance: await pointsBalanceOf(trx, customer.id), orderCount: 0, lastOrderAt: null, creditNote: null, computedAt: now });
  }

  async function read(request: CustomerValueRequest & { ledgerLimit: number }): Promise<CustomerValueAnswer> {
    const customer = await requireCustomer(db, request.customerId);
    // Not computed yet (a hub before its first full run, a customer with no order since): figured now, not stored.
    const value = await currentValue(db, customer);
    const { lines, more } = await ledgerPage(db, request.customerId, request.ledgerBefore, request.ledgerLimit);
    return { value, ledger: lines, moreLedger: more };
  }

  /** An order typed on the 360: filed like an imported one (same id for the same number), then the incremental update. */
  async function addOrderByHand(user: User, request: Required<Omit<OrderAdd, 'profitCents'>> & { profitCents?: number | undefined }): Promise<OrderAddAnswer> {
    return commit<OrderAddAnswer>(async (trx) => {
      await requireCustomer(trx, request.customerId);
      const base: OrderInteraction = {
        id: orderInteractionId(request.customerId, request.orderNo),
        customerId: request.customerId,
        occurredAt: request.orderedAt,
        agentId: user.id,
        channel: 'order',
        orderNo: request.orderNo,
        amount: request.amountCents,
        currency: request.currency,
        items: request.items,
      };
      const order: OrderInteraction = request.profitCents === undefined ? base : { ...base, profit: request.profitCents };
      const stored = (await storedInteractionData(trx, [order.id])).get(order.id);
      if (stored !== undefined) {
        const same = sameOrder(JSON.parse(stored) as OrderInteraction, order);
        if (!same) {
          throw refuse('conflict', `Order ${request.orderNo} is already on this customer's timeline with other figures; correct it through the order import.`, {
            issues: [{ path: 'orderNo', message: 'already filed with other figures' }],
          });
        }
        const value = await currentValue(trx, await requireCustomer(trx, request.customerId));
        return { result: { interactionId: order.id, created: false, value }, drafts: [] };
      }
      await upsertOrders(trx, [order], []);
      const drafts: ChangeDraft[] = [{ entity: 'interaction', op: 'put', data: order }, ...(await applyOrders(trx, [order]))];
      const value = await readValue(trx, request.customerId);
      if (!value) throw new Error(`the value of ${request.customerId} was not written`);
      return { result: { interactionId: order.id, created: true, value }, drafts };
    });
  }

  /** A supervisor's goodwill or clawback, or a redemption: checked against the ledger, refused (not clamped) below zero. */
  async function adjustPoints(user: User, request: LoyaltyAdjust): Promise<CustomerValueRecord> {
    return commit(async (trx) => {
      const customer = await requireCustomer(trx, request.customerId);
      const now = clock();
      const ledger = await ledgerEntries(trx, customer.id);
      let entry: PointsEntry;
      try {
        entry = request.kind === 'redeem' ? redeem(ledger, request.points, now, request.reference) : adjust(ledger, request.points, now, request.reason);
      } catch (error) {
        if (!(error instanceof InsufficientPointsError)) throw error;
        throw refuse('conflict', `The customer has ${error.balance} points; ${error.requested} cannot be taken.`, {
          issues: [{ path: 'points', message: `${error.code}: balance ${error.balance}, requested ${error.requested}` }],
        });
      }
      await appendLedger(trx, { id: newId(now), customerId: customer.id, entry, byUserId: user.id });
      const record: CustomerValueRecord = { ...(await currentValue(trx, customer)), pointsBalance: await pointsBalanceOf(trx, customer.id) };
      await writeValues(trx, [record]);
      return { result: record, drafts: [{ entity: 'customerValue', op: 'put', data: record }] };
    });
  }

  async function setCreditNote(request: { customerId: string; note: string }): Promise<CustomerValueRecord> {
    return commit(async (trx) => {
      const customer = await requireCustomer(trx, request.customerId);
      const record: CustomerValueRecord = { ...(await currentValue(trx, customer)), creditNote: request.note === '' ? null : request.note };
      await writeValues(trx, [record]);
      return { result: record, drafts: [{ entity: 'customerValue', op: 'put', data: record }] };
    });
  }

  async function saveSettings(settings: CustomerValueSettings): Promise<CustomerValueSettings> {
    await writeQueue(() => saveValueSettings(db, settings));
    return settings;
  }

  /** The full recompute (see the service's comment). Runs one at a time; a second call waits for the first and runs after it. */
  function recompute(): Promise<RecomputeAnswer> {
    const run = runs.catch(() => undefined).then(fullRun);
    runs = run;
    return run;
  }

  async function fullRun(): Promise<RecomputeAnswer> {
    const started = performance.now();
    const now = clock();
    touchedDuringRun = new Set();
    try {
      const settings = await readValueSettings(db);
      const summaries = new Map<string, OrderSummary>();
      const ids = await db.selectFrom('customers').select('id').orderBy('id').execute();
      for (const { id } of ids) summaries.set(id, emptySummary(id, settings));
      let orders = 0;
      let orphanOrders = 0;
      for (let after: OrderCursor = null; ; ) {
        const page: OrderPage = await orderPage(db, kind, after, ORDER_PAGE);
        for (const order of page.orders) {
          const summary = summaries.get(order.customerId);
          if (summary) addOrder(summary, orderFromStored(order), now, settings);
          else orphanOrders += 1;
        }
        orders += page.orders.length;
        if (page.next === null || page.orders.length < ORDER_PAGE) break;
        after = page.next;
      }
      const read = performance.now();
      const all = [...summaries.values()];
      const figures = rankSummaries(all, now, settings);
      const ranked = performance.now();
      let changed = 0;
      let tierChanges = 0;
      for (let start = 0; start < all.length; start += WRITE_BATCH) {
        const batch = all.slice(start, start + WRITE_BATCH);
        const counts = await commit(async (trx) => {
          const mine = batch.filter((s) => !touchedDuringRun?.has(s.customerId));
          const ids = mine.map((s) => s.customerId);
          const before = await readValues(trx, ids);
          // The ledger is the truth for points: orders of a big import earned there without touching the value rows.
          const balances = await pointsBalances(trx, ids);
          const records: CustomerValueRecord[] = [];
          for (const summary of mine) {
            const old = before.get(summary.customerId);
            const record = valueRecord(figures.valueFor(summary), {
              pointsBalance: balances.get(summary.customerId) ?? 0,
              orderCount: summary.orderCount,
              lastOrderAt: summary.lastOrderAt,
              creditNote: old?.creditNote ?? null,
              computedAt: now,
            });
            if (!old || figuresDiffer(old, record)) records.push(record);
          }
          await writeValues(trx, records);
          const drafts: ChangeDraft[] = records.map((data) => ({ entity: 'customerValue' as const, op: 'put' as const, data }));
          let retiered = 0;
          const tiers = new Map(records.map((r) => [r.customerId, r]));
          for (let i = 0; i < ids.length && tiers.size > 0; i += 900) {
            const rows = await trx.selectFrom('customers').selectAll().where('id', 'in', ids.slice(i, i + 900)).execute();
            for (const row of rows) {
              const record = tiers.get(row.id);
              if (record) announceShifts(row.id, { tier: customerFromRow(row).tier, stage: before.get(row.id)?.lifecycle.stage ?? null }, record);
              const next = record ? retier(customerFromRow(row), record, now) : null;
              if (!next) continue;
              await saveCustomer(trx, next.customer);
              drafts.push(next.draft);
              retiered += 1;
            }
          }
          return { result: { changed: records.length, retiered }, drafts };
        });
        changed += counts.changed;
        tierChanges += counts.retiered;
      }
      await writeQueue(() => saveCutoffs(db, figures.cutoffs));
      const done = performance.now();
      const phases = { readMs: Math.round(read - started), rankMs: Math.round(ranked - read), writeMs: Math.round(done - ranked) };
      const answer = { customers: all.length, orders, changed, tierChanges, orphanOrders, ms: Math.round(done - started), phases };
      log.info(`customer value recomputed: ${answer.customers} customers, ${answer.orders} orders, ${answer.changed} changed, ${answer.tierChanges} new tiers in ${answer.ms} ms`);
      return answer;
    } finally {
      touchedDuringRun = null;
    }
  }

  /**
   * Nightly at 02:00 in the hub's zone. Not at start: the first run re-tiers
   * the whole base and sends every desktop a change per customer, which an
   * administrator starts on purpose (`admin:value:recompute`) or the night
   * does. Until then orders keep the tiers the customers have. Answers the
   * stop for shutdown (waits for a run in progress).
   */
  function start(): () => Promise<void> {
    const run = () => {
      recompute().catch((error: unknown) => log.error('the nightly customer value recompute failed', error));
    };
    return startNightly({ hour: NIGHTLY_HOUR, timeZone, clock, run, inProgress: () => runs });
  }

  return {
    incrementalMax: deps.incrementalImportMax ?? 5_000,
    applyOrders,
    earnPoints,
    recomputeLater: () => {
      recompute().catch((error: unknown) => log.error('the customer value recompute after an import failed', error));
    },
    refreshCustomers,
    read,
    addOrder: addOrderByHand,
    adjustPoints,
    setCreditNote,
    settings: () => readValueSettings(db),
    saveSettings,
    recompute,
    start,
  };
}

export type ValueService = ReturnType<typeof createValueService>;

const sameOrder = (a: OrderInteraction, b: OrderInteraction): boolean =>
  a.occurredAt === b.occurredAt && a.amount === b.amount && a.profit === b.profit && a.currency === b.currency && a.items === b.items;
