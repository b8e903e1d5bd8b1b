import type { EmailDelivery, EmailMessage } from '../../../shared/domain/email';
import type { EmailSendArgs } from '../../../shared/protocol/email-outbound';

/** A message arrived or moved on (a delivery update): replaced by id, kept oldest first. */
export function upsertMessage(messages: readonly EmailMessage[], message: EmailMessage): EmailMessage[] {
  const others = messages.filter((candidate) => candidate.id !== message.id);
  return [...others, message].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/** How an outgoing mail stands, as the card says it. */
export type DeliveryState =
  | { kind: 'pending' }
  | { kind: 'queued' }
  | { kind: 'sent'; at: number }
  | { kind: 'failed'; reason: string; retryAt: number | null };

export function deliveryState(delivery: EmailDelivery): DeliveryState {
  switch (delivery.status) {
    case 'queued':
      return { kind: 'queued' };
    case 'sent':
      return { kind: 'sent', at: delivery.sentAt ?? 0 };
    case 'failed':
      return { kind: 'failed', reason: delivery.lastError ?? '', retryAt: delivery.nextAttemptAt };
  }
}

/**
 * A reply still in the desktop's outbox (written offline, or not yet
 * pushed), shown in the thread as the hub will file it.
 */
export function pendingMessage(args: EmailSendArgs, agentId: string | null): EmailMessage {
  return {
    id: args.emailId,
    threadId: args.threadId,
    customerId: args.customerId,
    direction: 'outbound',
    messageId: '',
    inReplyTo: null,
    references: [],
    from: { address: '', name: '' },
    to: args.to,
    cc: args.cc,
    bcc: args.bcc,
    subject: args.subject,
    text: args.text,
    html: args.html || null,
    attachments: args.attachments.map((file) => ({ attachmentId: file.attachmentId, name: file.name, mimeType: 'application/octet-stream', size: 0, cid: null, dangerous: false })),
    autoKind: 'none',
    problems: [],
    agentId,
    at: args.occurredAt,
    delivery: null,
  };
}
