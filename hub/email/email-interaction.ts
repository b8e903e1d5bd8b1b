import type { EmailMessage } from '../../shared/domain/email';
import type { InteractionOf } from '../../shared/domain/interaction';

/** The timeline's caps on one email item (shared/domain/interaction.ts); the thread keeps the whole mail. */
const TIMELINE_BODY_MAX = 100_000;
const TIMELINE_ATTACHMENTS_MAX = 50;

const list = (addresses: EmailMessage['to']): string => addresses.map((a) => a.address).join(', ').slice(0, 320);

/** One mail as the item on the customer's timeline; it shares the message's id, so writing it twice is harmless. Pure. */
export function emailInteractionOf(message: EmailMessage): InteractionOf<'email'> {
  const attachments = message.attachments.slice(0, TIMELINE_ATTACHMENTS_MAX);
  return {
    id: message.id,
    customerId: message.customerId,
    occurredAt: message.at,
    agentId: message.agentId,
    channel: 'email',
    direction: message.direction,
    from: message.from.address.slice(0, 320),
    to: list(message.to),
    subject: message.subject,
    body: message.text.slice(0, TIMELINE_BODY_MAX),
    attachments: attachments.map(({ name, mimeType, size }) => ({ name, mimeType, size })),
    threadId: message.threadId,
    messageId: message.messageId,
    cc: message.cc.map((a) => a.address.slice(0, 320)),
    html: message.html === null ? null : message.html.slice(0, TIMELINE_BODY_MAX),
    attachmentIds: attachments.map((a) => a.attachmentId),
    autoKind: message.autoKind,
  };
}
