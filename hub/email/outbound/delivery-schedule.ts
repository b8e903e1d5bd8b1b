import type { EmailDelivery } from '../../../shared/domain/email';

/**
 * When the outbox tries a mail again after a failure: quickly at first (a
 * relay restarting), then every 15 minutes for as long as it takes. A mail
 * is never dropped; only a relay's permanent refusal (5xx) stops the retries,
 * and the agent can still send it again by hand.
 */
export const RETRY_DELAYS_MS = [15_000, 60_000, 5 * 60_000, 15 * 60_000] as const;

export const retryDelay = (attempts: number): number =>
  RETRY_DELAYS_MS[Math.min(Math.max(attempts, 1), RETRY_DELAYS_MS.length) - 1] as number;

export type AttemptResult = { ok: true } | { ok: false; error: string; permanent: boolean };

const ERROR_MAX = 2000;

/** The delivery after one attempt to hand the mail to the relay. */
export function afterAttempt(delivery: EmailDelivery, result: AttemptResult, now: number): EmailDelivery {
  const attempts = delivery.attempts + 1;
  if (result.ok) return { status: 'sent', attempts, lastError: null, nextAttemptAt: null, sentAt: now };
  return {
    status: 'failed',
    attempts,
    lastError: result.error.slice(0, ERROR_MAX),
    nextAttemptAt: result.permanent ? null : now + retryDelay(attempts),
    sentAt: null,
  };
}

/** The agent's "retry now": due at once. A mail already sent stays sent (sending it twice would mail the customer twice). */
export function retryNow(delivery: EmailDelivery, now: number): EmailDelivery {
  return delivery.status === 'sent' ? delivery : { ...delivery, status: 'queued', nextAttemptAt: now };
}

/**
 * A relay's answer that will not change by trying again: an SMTP 5xx reply
 * (mailbox unknown, message refused). Connection trouble and 4xx are passing.
 */
export function isPermanentRefusal(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'responseCode' in error ? Number(error.responseCode) : Number.NaN;
  return code >= 500 && code < 600;
}
