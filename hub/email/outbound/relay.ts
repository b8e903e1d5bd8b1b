import type { Readable } from 'node:stream';
import { createTransport } from 'nodemailer';
import type { EmailMessage } from '../../../shared/domain/email';
import { angleId } from '../../../shared/email/reply-headers';

/** Hands one mail to the SMTP relay; rejects with nodemailer's error (its `responseCode` tells a refusal from trouble). */
export type RelaySender = (message: EmailMessage) => Promise<void>;

/** The bytes of a stored attachment; a fresh stream per attempt. */
export type AttachmentReader = (attachmentId: string) => Promise<Readable>;

const asMailbox = (a: { address: string; name: string }) => ({ address: a.address, name: a.name });

/**
 * The relay named by `SMTP_RELAY_URL`. Every header that threads the mail is
 * set by us (Message-ID at our domain, In-Reply-To, References), never left
 * to nodemailer, so the copy on the thread and the one the customer gets agree.
 */
export function createRelaySender(relayUrl: string, readAttachment: AttachmentReader): RelaySender {
  const transport = createTransport({
    url: relayUrl,
    // A relay that accepts the connection and then says nothing must not hold the outbox for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return async (message) => {
    const attachments = await Promise.all(
      message.attachments.map(async (file) => ({ filename: file.name, contentType: file.mimeType, content: await readAttachment(file.attachmentId) })),
    );
    await transport.sendMail({
      from: asMailbox(message.from),
      to: message.to.map(asMailbox),
      cc: message.cc.map(asMailbox),
      bcc: message.bcc.map(asMailbox),
      subject: message.subject,
      text: message.text,
      ...(message.html === null ? {} : { html: message.html }),
      messageId: angleId(message.messageId),
      ...(message.inReplyTo === null ? {} : { inReplyTo: angleId(message.inReplyTo) }),
      ...(message.references.length === 0 ? {} : { references: message.references.map(angleId) }),
      date: new Date(message.at),
      attachments,
    });
  };
}
