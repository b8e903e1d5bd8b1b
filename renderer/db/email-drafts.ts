import type { Signatures } from '../../shared/protocol/email-outbound';
import type { EmailDraft, SwitchboardDb } from './schema';

/** A reply being written, one per email task; survives restarts and offline spells. */
export const readEmailDraft = (db: SwitchboardDb, taskId: string): Promise<EmailDraft | undefined> => db.emailDrafts.get(taskId);

export async function saveEmailDraft(db: SwitchboardDb, draft: EmailDraft): Promise<void> {
  await db.emailDrafts.put(draft);
}

export async function deleteEmailDraft(db: SwitchboardDb, taskId: string): Promise<void> {
  await db.emailDrafts.delete(taskId);
}

const signaturesKey = (queueId: string) => `email-signatures:${queueId}`;

/** The signatures last heard from the hub, so a reply written offline still carries them. */
export async function cachedSignatures(db: SwitchboardDb, queueId: string): Promise<Signatures | null> {
  const row = await db.meta.get(signaturesKey(queueId));
  const value = row?.value;
  return typeof value === 'object' && value !== null && 'agent' in value && 'queue' in value && typeof value.agent === 'string' && typeof value.queue === 'string'
    ? { agent: value.agent, queue: value.queue }
    : null;
}

export async function cacheSignatures(db: SwitchboardDb, queueId: string, signatures: Signatures): Promise<void> {
  await db.meta.put({ key: signaturesKey(queueId), value: signatures });
}
