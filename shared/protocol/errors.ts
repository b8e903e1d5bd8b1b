import { z } from 'zod';
import { PasswordRuleSchema } from '../auth/password-policy';

/**
 * Every refusal the hub can give, by code. Only these reach a client: the
 * desktop maps each to a translated message a person can act on.
 */
export const ErrorCodeSchema = z.enum([
  'bad-credentials',
  'rate-limited',
  'token-expired',
  'token-invalid',
  'forbidden',
  'unknown-event',
  'invalid-payload',
  'not-found',
  'cursor-ahead',
  'conflict',
  /** An upload or message over its size limit. */
  'too-large',
  /** An upload whose type (declared or sniffed from its bytes) is not allowed. */
  'unsupported-type',
  /** A stored file whose bytes were removed (retention policy or a customer's erasure): the record stays, the file is gone for good. */
  'gone',
  /** A new password that breaks the policy (shared/auth/password-policy.ts); `rule` says which part. */
  'weak-password',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const HubErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Field paths and reasons for `invalid-payload`; seconds to wait for `rate-limited`. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  retryAfterSec: z.number().int().positive().optional(),
  /** Which password rule a `weak-password` refusal broke. */
  rule: PasswordRuleSchema.optional(),
});
export type HubError = z.infer<typeof HubErrorSchema>;

/** The shape of every ack: the socket.io CRUD example's `{ data } | { error }`, tagged. */
export type Response<T> = { ok: true; data: T } | { ok: false; error: HubError };

export const ok = <T>(data: T): Response<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, extra?: Omit<HubError, 'code' | 'message'>): Response<never> => ({
  ok: false,
  error: { code, message, ...extra },
});
