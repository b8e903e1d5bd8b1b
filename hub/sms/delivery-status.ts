import type { SmsStatus } from '../../shared/protocol/sms';

/** How far a text has got; reports arrive out of order, and one never moves a text back. */
const RANK: Record<SmsStatus, number> = { received: 0, queued: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3 };

/**
 * The status after a report: the later of the two, so a late "sent" after
 * "delivered" changes nothing. A final status stays final, except that a
 * retried send starts again at queued (the caller resets it).
 */
export function nextStatus(current: SmsStatus, reported: SmsStatus): SmsStatus {
  if (current === 'received' || reported === 'received') return current;
  return RANK[reported] > RANK[current] ? reported : current;
}

export const isFinal = (status: SmsStatus): boolean => RANK[status] === 3;
