import { z } from 'zod';
import { CrossSellRuleSchema } from '../../../shared/crm/cross-sell';
import { type SuggestionOutcome, SuggestionOutcomeSchema } from '../../../shared/crm/cross-sell-suggest';
import type { CrossSellCard, CrossSellFiguresAnswer, CrossSellMineAnswer, CrossSellRecord } from '../../../shared/protocol/customer-analysis';
import { type AdminResult, createLiveCaller } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';

const CrossSellCardSchema = z.object({
  suggestions: z.array(z.object({ product: z.string(), rule: CrossSellRuleSchema })),
  minedAt: z.number().nullable(),
  outcomes: z.array(z.object({ suggestionId: z.string(), product: z.string(), outcome: z.enum(['made', 'taken', 'declined']), recordedAt: z.number() })),
}) satisfies z.ZodType<CrossSellCard>;

const FiguresSchema = z.object({
  since: z.number(),
  products: z.array(
    z.object({ product: z.string(), made: z.number().int(), taken: z.number().int(), declined: z.number().int(), takeRate: z.number().min(0).max(1).nullable() }),
  ),
}) satisfies z.ZodType<CrossSellFiguresAnswer>;

const MineSchema = z.object({
  minedAt: z.number(),
  baskets: z.number().int(),
  orders: z.number().int(),
  rules: z.number().int(),
  products: z.number().int(),
  ms: z.number(),
}) satisfies z.ZodType<CrossSellMineAnswer>;

/** The 360's cross-sell card and the supervisor's take rates, live only: the rules and the answers are the hub's, across every desk. */
export function createCrossSellClient(socket: HubSocket, timeoutMs = 15_000) {
  const call = createLiveCaller(socket, timeoutMs);
  return {
    suggest: (customerId: string): Promise<AdminResult<CrossSellCard>> =>
      call('crossSell:suggest', (s) => s.emitWithAck('crossSell:suggest', { customerId, limit: 3 }), CrossSellCardSchema),
    record: (record: CrossSellRecord): Promise<AdminResult<SuggestionOutcome>> =>
      call('crossSell:record', (s) => s.emitWithAck('crossSell:record', record), SuggestionOutcomeSchema),
    figures: (): Promise<AdminResult<CrossSellFiguresAnswer>> => call('crossSell:figures', (s) => s.emitWithAck('crossSell:figures', {}), FiguresSchema),
    mine: (): Promise<AdminResult<CrossSellMineAnswer>> => call('crossSell:mine', (s) => s.emitWithAck('crossSell:mine', {}), MineSchema),
  };
}

export type CrossSellClient = ReturnType<typeof createCrossSellClient>;
