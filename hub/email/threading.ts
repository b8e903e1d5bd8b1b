import { ticketRefIn } from '../../shared/domain/email';

/** What a new mail says about the conversation it belongs to. */
export type ThreadClues = {
  inReplyTo: string | null;
  /** Oldest first, as in the References header. */
  references: readonly string[];
  subject: string;
};

/** The Message-IDs worth looking up for a mail, most telling first: In-Reply-To, then References newest to oldest. */
export function referencedIds(clues: ThreadClues): string[] {
  const ids = [clues.inReplyTo, ...[...clues.references].reverse()].filter((id): id is string => id !== null && id !== '');
  return [...new Set(ids)];
}

/**
 * Which thread a mail joins. The threading headers win (they name the very
 * mail answered); the ticket token in the subject is the fallback for a mail
 * client that dropped them. `threadOfMessage` maps the Message-IDs the hub
 * holds to their thread; `threadOfRef` answers for the subject's token.
 * Null: a new conversation.
 */
export function chooseThread(
  clues: ThreadClues,
  threadOfMessage: ReadonlyMap<string, string>,
  threadOfRef: (ref: string) => string | null,
): string | null {
  for (const id of referencedIds(clues)) {
    const thread = threadOfMessage.get(id);
    if (thread !== undefined) return thread;
  }
  const ref = ticketRefIn(clues.subject);
  return ref === null ? null : threadOfRef(ref);
}
