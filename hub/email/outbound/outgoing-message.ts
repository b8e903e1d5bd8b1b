import type { EmailAttachment, EmailMessage, EmailThread } from '../../../shared/domain/email';
import { subjectWithToken } from '../../../shared/domain/email';
import { ownMessageId, referencesFor } from '../../../shared/email/reply-headers';
import type { EmailSendArgs } from '../../../shared/protocol/email-outbound';

export type OutgoingFacts = {
  args: EmailSendArgs;
  thread: EmailThread;
  parent: EmailMessage;
  /** The files named in `args.attachments`, as stored (sniffed type, size), in the same order. */
  attachments: EmailAttachment[];
  agentId: string;
  /** The queue's name: the From name customers see beside the queue's address. */
  fromName: string;
  now: number;
};

/**
 * The agent's mail as the thread keeps it, waiting in the outbox. A reply
 * answers `parent` (In-Reply-To, References); a forward starts a new chain
 * for its new recipients, and the subject's ticket token brings their answer
 * back to this thread. Pure.
 */
export function outgoingMessage(facts: OutgoingFacts): EmailMessage {
  const { args, thread, parent, now } = facts;
  const forward = args.mode === 'forward';
  return {
    id: args.emailId,
    threadId: thread.id,
    customerId: thread.customerId,
    direction: 'outbound',
    messageId: ownMessageId(args.emailId, thread.mailbox),
    inReplyTo: forward ? null : parent.messageId,
    references: forward ? [] : referencesFor(parent),
    from: { address: thread.mailbox, name: facts.fromName },
    to: args.to,
    cc: args.cc,
    bcc: args.bcc,
    subject: subjectWithToken(args.subject, thread.ref),
    text: args.text,
    html: args.html.trim() === '' ? null : args.html,
    attachments: facts.attachments,
    autoKind: 'none',
    problems: [],
    agentId: facts.agentId,
    // The hub's clock, not the desktop's: a reply queued offline for an hour sorts where it was actually filed.
    at: now,
    delivery: { status: 'queued', attempts: 0, lastError: null, nextAttemptAt: now, sentAt: null },
  };
}
