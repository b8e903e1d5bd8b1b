import type { EmailAddress, EmailMessage, EmailThread } from '../../../shared/domain/email';
import { normaliseEmail } from '../../../shared/domain/email';
import { assembleHtml, assembleText, forwardHtml, quoteHtml, signatureText } from '../../../shared/email/reply-body';
import { type ComposeMode, composeSubject } from '../../../shared/email/reply-headers';
import { recipientsFor } from '../../../shared/email/reply-recipients';
import type { EmailSendArgs, Signatures } from '../../../shared/protocol/email-outbound';
import type { EmailDraft } from '../../db/schema';

const asText = (addresses: readonly EmailAddress[]) => addresses.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');

/** A new draft answering (or forwarding) `parent`: recipients, subject, and for a forward the mail's files. */
export function startDraft(taskId: string, mode: ComposeMode, parent: EmailMessage, thread: EmailThread, now: number): EmailDraft {
  const { to, cc } = recipientsFor(mode, parent, [thread.mailbox]);
  return {
    taskId,
    threadId: thread.id,
    parentId: parent.id,
    mode,
    to: asText(to),
    cc: asText(cc),
    bcc: '',
    subject: composeSubject(parent.subject || thread.subject, mode),
    html: '',
    attachments: mode === 'forward' ? parent.attachments.filter((file) => file.cid === null).map(({ attachmentId, name, mimeType, size }) => ({ attachmentId, name, mimeType, size })) : [],
    updatedAt: now,
    queuedAs: null,
  };
}

export type AddressList = { ok: true; addresses: { address: string; name: string }[] } | { ok: false; bad: string };

/** `Li Lei <li@example.cn>, boss@example.cn` → checked, lower-cased addresses with their names. */
export function parseAddresses(text: string): AddressList {
  const addresses: { address: string; name: string }[] = [];
  for (const part of text.split(/[,;，；]/)) {
    const item = part.trim();
    if (item === '') continue;
    const match = /^(.*)<([^<>]+)>$/.exec(item);
    const address = normaliseEmail(match ? (match[2] ?? '') : item);
    if (address === null) return { ok: false, bad: item };
    addresses.push({ address, name: match ? (match[1] ?? '').trim().replace(/^"|"$/g, '') : '' });
  }
  return { ok: true, addresses };
}

export type ComposeWords = {
  /** The quote's heading, translated and filled in (`On …, … wrote:`). */
  quoteHeading: string;
  forward: { heading: string; from: string; date: string; subject: string; to: string; when: string };
};

export type DraftProblem = { kind: 'bad-address'; address: string } | { kind: 'no-recipient' } | { kind: 'no-subject' } | { kind: 'empty' };

/**
 * The `email.send` arguments for a draft: the agent's words (HTML and their
 * text form), the signature, and the quoted mail (a reply) or the forwarded
 * one, in both forms. Pure; the refusal says which field to fix.
 */
export function sendArgsOf(
  draft: EmailDraft,
  body: { html: string; text: string },
  parent: EmailMessage,
  customerId: string,
  signatures: Signatures,
  words: ComposeWords,
): { ok: true; args: Omit<EmailSendArgs, 'emailId' | 'occurredAt'> } | { ok: false; problem: DraftProblem } {
  const lists = [parseAddresses(draft.to), parseAddresses(draft.cc), parseAddresses(draft.bcc)];
  for (const list of lists) if (!list.ok) return { ok: false, problem: { kind: 'bad-address', address: list.bad } };
  const [to, cc, bcc] = lists.map((list) => (list.ok ? list.addresses : []));
  if (!to || to.length === 0) return { ok: false, problem: { kind: 'no-recipient' } };
  if (draft.subject.trim() === '') return { ok: false, problem: { kind: 'no-subject' } };
  if (body.text.trim() === '' && draft.attachments.length === 0) return { ok: false, problem: { kind: 'empty' } };
  const signature = signatureText(signatures.agent, signatures.queue);
  const forward = draft.mode === 'forward';
  const quote = forward ? forwardHtml(parent, words.forward.when, words.forward) : quoteHtml(parent, words.quoteHeading);
  const forwardHead = `${words.forward.heading}\n${words.forward.from}: ${parent.from.address}\n${words.forward.date}: ${words.forward.when}\n${words.forward.subject}: ${parent.subject}`;
  return {
    ok: true,
    args: {
      threadId: draft.threadId,
      customerId,
      parentId: parent.id,
      mode: draft.mode,
      to,
      cc: cc ?? [],
      bcc: bcc ?? [],
      subject: draft.subject.trim(),
      html: assembleHtml(body.html, signature, quote),
      text: assembleText(body.text, signature, { heading: forward ? forwardHead : words.quoteHeading, text: parent.text }),
      attachments: draft.attachments.map(({ attachmentId, name }) => ({ attachmentId, name })),
    },
  };
}
