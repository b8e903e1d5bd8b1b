import { z } from 'zod';
import { EpochMsSchema, UlidSchema } from '../domain/ids';

/** Integer cents (fen); bounded so sums over a million orders stay exact in a double. */
const CentsSchema = z
  .number()
  .int('amounts are integer cents')
  .min(-1_000_000_000_00)
  .max(1_000_000_000_00);

/**
 * One order as the customer-value functions read it; the CSV import and the
 * orders endpoint parse rows with this schema. Amounts may be negative: a
 * refund or credit note is imported as its own negative line, so sums over a
 * window net it out. Profit may be negative on a loss-making sale.
 */
export const OrderSchema = z.object({
  customerId: UlidSchema,
  orderedAt: EpochMsSchema,
  /** Revenue in integer cents (fen). */
  amountCents: CentsSchema,
  /** Gross profit (contribution) in integer cents (fen): what the tier pyramid ranks. */
  profitCents: CentsSchema,
});
export type Order = z.infer<typeof OrderSchema>;

export const DAY_MS = 86_400_000;

/** Orders stamped after `now` (clock skew, a bad import) have not happened yet: every figure leaves them out. */
export const isPast = (order: Order, now: number): boolean => order.orderedAt <= now;
