import { z } from 'zod';
import { EpochMsSchema } from '../domain/ids';

/**
 * Points earned per order: `points` for every full `perCents` of revenue
 * (default 1 point per ¥10 = 1000 fen). `rounding: 'down'` (the default)
 * gives no point for a part: ¥19.99 earns 1; 'nearest' rounds halves up:
 * ¥15.00 earns 2, ¥14.99 earns 1.
 */
export const LoyaltySettingsSchema = z
  .object({
    perCents: z.number().int().min(1).default(1000),
    points: z.number().int().min(1).default(1),
    rounding: z.enum(['down', 'nearest']).default('down'),
  })
  .prefault({});
export type LoyaltySettings = z.infer<typeof LoyaltySettingsSchema>;

const Points = z.number().int().positive().max(1_000_000_000);

/**
 * One line of a customer's points ledger. The ledger is append-only and the
 * balance is a fold over it in append order; nothing edits a line, a mistake
 * is undone by an adjustment with its reason.
 */
export const PointsEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('earned'), at: EpochMsSchema, points: Points, orderRef: z.string().min(1).max(64) }),
  /** Signed: goodwill (+) for a complaint, clawback (−) for a refunded order. */
  z.object({
    kind: z.literal('adjusted'),
    at: EpochMsSchema,
    points: z.number().int().min(-1_000_000_000).max(1_000_000_000).refine((p) => p !== 0, 'an adjustment of 0 points changes nothing'),
    reason: z.string().trim().min(1, 'an adjustment needs a reason').max(500),
  }),
  z.object({ kind: z.literal('redeemed'), at: EpochMsSchema, points: Points, reference: z.string().min(1).max(64) }),
]);
export type PointsEntry = z.infer<typeof PointsEntrySchema>;

/** A redemption or clawback that would take the balance below zero. */
export class InsufficientPointsError extends Error {
  readonly code = 'insufficient-points';
  constructor(
    readonly balance: number,
    readonly requested: number,
    /** Index of the offending ledger line when folding a stored ledger; null for a new request. */
    readonly entryIndex: number | null = null,
  ) {
    super(`cannot take ${requested} points from a balance of ${balance}`);
    this.name = 'InsufficientPointsError';
  }
}

/** Points for one order's revenue. Refunds and credit notes (revenue ≤ 0) earn nothing; their clawback is an adjustment. */
export function pointsForOrder(amountCents: number, settings: LoyaltySettings): number {
  if (amountCents <= 0) return 0;
  const units = settings.rounding === 'down' ? Math.floor(amountCents / settings.perCents) : Math.floor((2 * amountCents + settings.perCents) / (2 * settings.perCents));
  return units * settings.points;
}

export type PointsBalance = { balance: number; earned: number; redeemed: number; adjusted: number };

const delta = (entry: PointsEntry): number => (entry.kind === 'redeemed' ? -entry.points : entry.points);

/**
 * The balance as a fold over the ledger. Throws InsufficientPointsError at
 * the first line that would go below zero, so a ledger written by anything
 * but `redeem`/`adjust` (an import, a bug) is caught, not shown as negative.
 */
export function pointsBalance(ledger: readonly PointsEntry[]): PointsBalance {
  const totals: PointsBalance = { balance: 0, earned: 0, redeemed: 0, adjusted: 0 };
  ledger.forEach((entry, index) => {
    const next = totals.balance + delta(entry);
    if (next < 0) throw new InsufficientPointsError(totals.balance, -delta(entry), index);
    totals.balance = next;
    if (entry.kind === 'earned') totals.earned += entry.points;
    else if (entry.kind === 'redeemed') totals.redeemed += entry.points;
    else totals.adjusted += entry.points;
  });
  return totals;
}

/** The line to append for a redemption; the balance may reach zero, never less. */
export function redeem(ledger: readonly PointsEntry[], points: number, at: number, reference: string): PointsEntry {
  const entry = PointsEntrySchema.parse({ kind: 'redeemed', at, points, reference });
  const { balance } = pointsBalance(ledger);
  if (points > balance) throw new InsufficientPointsError(balance, points);
  return entry;
}

/** The line to append for an adjustment; a reason is required and a negative one may not overdraw. */
export function adjust(ledger: readonly PointsEntry[], points: number, at: number, reason: string): PointsEntry {
  const entry = PointsEntrySchema.parse({ kind: 'adjusted', at, points, reason });
  const { balance } = pointsBalance(ledger);
  if (balance + points < 0) throw new InsufficientPointsError(balance, -points);
  return entry;
}

/** The line to append when an order earns points, or null when it earns none. */
export function earn(orderRef: string, amountCents: number, at: number, settings: LoyaltySettings): PointsEntry | null {
  const points = pointsForOrder(amountCents, settings);
  return points > 0 ? PointsEntrySchema.parse({ kind: 'earned', at, points, orderRef }) : null;
}
