import { z } from 'zod';
import { InteractionSchema } from '../../shared/domain/interaction';
import { ChangeSchema, type PullResult } from '../../shared/protocol/changes';
import { type HubError, HubErrorSchema, type Response } from '../../shared/protocol/errors';
import type { MutationResult } from '../../shared/protocol/mutations';

/** Everything the hub sends is parsed with the contract's schemas before it touches the cache. */
export const ChangeListSchema = z.array(ChangeSchema);

export const PullResultSchema = z.object({
  changes: ChangeListSchema,
  cursor: z.number().int().nonnegative(),
  head: z.number().int().nonnegative(),
  more: z.boolean(),
}) satisfies z.ZodType<PullResult>;

export const HistoryPageSchema = z.object({ interactions: z.array(InteractionSchema), more: z.boolean() });
export type HistoryPage = z.infer<typeof HistoryPageSchema>;

export const MutationResultSchema = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.literal('applied'), seq: z.number().int().nonnegative() }),
  z.object({ id: z.string(), status: z.literal('duplicate'), seq: z.number().int().nonnegative() }),
  z.object({ id: z.string(), status: z.literal('rejected'), error: HubErrorSchema }),
]) satisfies z.ZodType<MutationResult>;

export const PushResultSchema = z.object({ results: z.array(MutationResultSchema) });

/** A hub answer that is not what the contract promises. */
export class BadAnswerError extends Error {
  constructor(readonly event: string, detail: string) {
    super(`unexpected answer to ${event}: ${detail}`);
    this.name = 'BadAnswerError';
  }
}

/** A refusal the hub sent on purpose, with its code. */
export class HubRefusalError extends Error {
  constructor(readonly error: HubError) {
    super(`${error.code}: ${error.message}`);
    this.name = 'HubRefusalError';
  }
}

/** Unwraps an ack: its data parsed with `schema`, or a typed error. */
export function unwrapAck<T>(event: string, ack: Response<unknown> | unknown, schema: z.ZodType<T>): T {
  const envelope = z
    .discriminatedUnion('ok', [z.object({ ok: z.literal(true), data: z.unknown() }), z.object({ ok: z.literal(false), error: HubErrorSchema })])
    .safeParse(ack);
  if (!envelope.success) throw new BadAnswerError(event, envelope.error.message);
  if (!envelope.data.ok) throw new HubRefusalError(envelope.data.error);
  const data = schema.safeParse(envelope.data.data);
  if (!data.success) throw new BadAnswerError(event, data.error.message);
  return data.data;
}
