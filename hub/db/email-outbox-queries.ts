import type { EmailMessage } from '../../shared/domain/email';
import type { Queryable } from './schema';
import { readStoredJson } from './stored-json';

/**
 * The hub's email outbox is the outbound rows of `email_messages` (0007)
 * whose delivery is not done: `delivery_status` queued or failed with a
 * `next_attempt_at`. A sent mail, or one the relay refused for good, has none.
 */
export async function dueOutboundMessages(db: Queryable, now: number, limit: number): Promise<EmailMessage[]> {
  const rows = await db
    .selectFrom('email_messages')
    .select('data')
    .where('delivery_status', 'in', ['queued', 'failed'])
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  return rows.map((row) => readStoredJson<EmailMessage>(row.data));
}

/**
 * Takes one due mail for sending: moves its next attempt to `leaseUntil`
 * only if nobody has moved it since it was read. Another sender (a second
 * hub node, or "retry now" racing the sweep) then skips it, and a hub that
 * dies mid-send leaves it due again when the lease runs out.
 */
export async function claimOutbound(db: Queryable, message: EmailMessage, leaseUntil: number): Promise<boolean> {
  const seen = message.delivery?.nextAttemptAt;
  if (seen === null || seen === undefined) return false;
  const result = await db
    .updateTable('email_messages')
    .set({ next_attempt_at: leaseUntil })
    .where('id', '=', message.id)
    .where('next_attempt_at', '=', seen)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** True while a sender holds the mail (its next attempt moved past what the mail itself says): sending it again now would send it twice. */
export async function isBeingSent(db: Queryable, message: EmailMessage): Promise<boolean> {
  const row = await db.selectFrom('email_messages').select('next_attempt_at').where('id', '=', message.id).executeTakeFirst();
  const column = row?.next_attempt_at === null || row?.next_attempt_at === undefined ? null : Number(row.next_attempt_at);
  return column !== null && column !== (message.delivery?.nextAttemptAt ?? null);
}

const signatureKey = (scope: 'agent' | 'queue', id: string): string => `email-signature:${scope}:${id}`;

export async function readSignature(db: Queryable, scope: 'agent' | 'queue', id: string): Promise<string> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', signatureKey(scope, id)).executeTakeFirst();
  return row?.value ?? '';
}

export async function saveSignature(db: Queryable, scope: 'agent' | 'queue', id: string, text: string): Promise<void> {
  const key = signatureKey(scope, id);
  await db
    .insertInto('meta')
    .values({ key, value: text })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
    .execute();
}
