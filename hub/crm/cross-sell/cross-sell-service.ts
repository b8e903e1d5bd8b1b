import type { Kysely } from 'kysely';
import { type Basket, type CrossSellSettings, mineCrossSellRules } from '../../../shared/crm/cross-sell';
import { latestOutcomes, recentlyDeclined, type SuggestionOutcome, SuggestionOutcomeSchema, suggestFor, suggestionFigures } from '../../../shared/crm/cross-sell-suggest';
import type { User } from '../../../shared/domain/user';
import type { CrossSellCard, CrossSellFiguresAnswer, CrossSellMineAnswer, CrossSellRecordSchema } from '../../../shared/protocol/customer-analysis';
import type { Clock } from '../../clock';
import { findCustomer } from '../../db/customer-queries';
import type { Database, StoreKind } from '../../db/schema';
import type { WriteQueue } from '../../db/write-queue';
import type { Logger } from '../../log';
import { refuse } from '../../sync/refusal';
import { startNightly } from '../nightly';
import {
  appendOutcome,
  basketPage,
  customerOutcomes,
  customerProducts,
  outcomesSince,
  readCrossSellSettings,
  readRules,
  saveCrossSellSettings,
  saveRules,
} from './cross-sell-store';

export type CrossSellDeps = { db: Kysely<Database>; kind: StoreKind; writeQueue: WriteQueue; clock: Clock; log: Logger; timeZone?: string };

type RecordRequest = import('zod').infer<typeof CrossSellRecordSchema>;

const DAY_MS = 86_400_000;
/** A product the customer declined is not offered again for this long. */
const DECLINED_DAYS = 30;
const ORDER_PAGE = 20_000;
/** After the value recompute (02:00) and the snapshot (03:00). */
const NIGHTLY_HOUR = 4;

/**
 * Cross-sell (issue 7): rules "customers who bought X also bought Y" mined
 * from the order baskets (shared/crm/cross-sell.ts) nightly and on demand,
 * suggested on the 360 during a contact, and what became of each suggestion.
 */
export function createCrossSellService(deps: CrossSellDeps) {
  const { db, kind, writeQueue, clock, log } = deps;
  const timeZone = deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  let runs: Promise<unknown> = Promise.resolve();

  async function mineNow(settingsInput: CrossSellSettings | undefined): Promise<CrossSellMineAnswer> {
    const started = performance.now();
    if (settingsInput) await writeQueue(() => saveCrossSellSettings(db, settingsInput));
    const settings = settingsInput ?? (await readCrossSellSettings(db));
    const baskets: Basket[] = [];
    let orders = 0;
    for (let after: string | null = null; ; ) {
      const page = await basketPage(db, kind, after, ORDER_PAGE);
      for (const basket of page.baskets) if (basket.products.length > 0) baskets.push(basket);
      orders += page.orders;
      if (page.last === null || page.orders < ORDER_PAGE) break;
      after = page.last;
    }
    const mined = mineCrossSellRules(baskets, settings);
    const minedAt = clock();
    await writeQueue(() => saveRules(db, { minedAt, baskets: mined.baskets, orders, products: mined.products, rules: mined.rules }));
    const answer = { minedAt, baskets: mined.baskets, orders, rules: mined.rules.length, products: mined.products, ms: Math.round(performance.now() - started) };
    log.info(`cross-sell rules mined: ${answer.rules} rules from ${answer.baskets} baskets in ${answer.ms} ms`);
    return answer;
  }

  /** One mining at a time; a second call runs after the first. */
  function mine(settings?: CrossSellSettings): Promise<CrossSellMineAnswer> {
    const run = runs.catch(() => undefined).then(() => mineNow(settings));
    runs = run;
    return run;
  }

  async function requireCustomer(customerId: string): Promise<void> {
    if (!(await findCustomer(db, customerId))) throw refuse('not-found', 'No such customer; it may have been merged or removed.');
  }

  /** The 360's card: the best products for this customer (not ones declined lately), and what became of recent suggestions. */
  async function suggest(request: { customerId: string; limit: number }): Promise<CrossSellCard> {
    await requireCustomer(request.customerId);
    const stored = await readRules(db);
    const now = clock();
    const records = await customerOutcomes(db, request.customerId, now - DECLINED_DAYS * DAY_MS);
    const exclude = recentlyDeclined(records, request.customerId, now, DECLINED_DAYS);
    const owned = stored ? await customerProducts(db, kind, request.customerId) : new Set<string>();
    const suggestions = stored ? suggestFor(owned, stored.rules, request.limit, exclude) : [];
    const outcomes = latestOutcomes(records)
      .sort((a, b) => b.recordedAt - a.recordedAt)
      .map((r) => ({ suggestionId: r.suggestionId, product: r.product, outcome: r.outcome, recordedAt: r.recordedAt }));
    return { suggestions, minedAt: stored?.minedAt ?? null, outcomes };
  }

  async function record(user: User, request: RecordRequest): Promise<SuggestionOutcome> {
    await requireCustomer(request.customerId);
    const base = {
      id: request.id,
      suggestionId: request.suggestionId,
      customerId: request.customerId,
      agentId: user.id,
      interactionId: request.interactionId,
      product: request.product,
      rule: request.rule,
      recordedAt: clock(),
    };
    const outcome = SuggestionOutcomeSchema.parse(
      request.outcome === 'taken'
        ? { ...base, outcome: 'taken', orderId: request.orderId }
        : request.outcome === 'declined'
          ? { ...base, outcome: 'declined', reason: request.reason }
          : { ...base, outcome: 'made' },
    );
    await writeQueue(() => appendOutcome(db, outcome));
    return outcome;
  }

  async function figures(request: { days: number }): Promise<CrossSellFiguresAnswer> {
    const since = clock() - request.days * DAY_MS;
    return { since, products: suggestionFigures(await outcomesSince(db, since)) };
  }

  function start(): () => Promise<void> {
    const run = () => {
      mine().catch((error: unknown) => log.error('the nightly cross-sell mining failed', error));
    };
    return startNightly({ hour: NIGHTLY_HOUR, timeZone, clock, run, inProgress: () => runs });
  }

  return { mine, suggest, record, figures, start };
}

export type CrossSellService = ReturnType<typeof createCrossSellService>;
