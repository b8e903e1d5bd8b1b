import type { CountryCode } from 'libphonenumber-js/min';
import { ulid } from 'ulid';
import { type EmailAttachment, type EmailMessage, type EmailThread, normaliseEmail, ticketRefIn, ticketRefOf } from '../../shared/domain/email';
import { FINAL_TASK_STATUSES, type TaskStatus } from '../../shared/domain/routing';
import type { AttachmentStore } from '../attachments/attachment-store';
import { sniffAttachmentType, textOf } from '../attachments/sniff';
import type { Clock } from '../clock';
import { resolveCustomer } from '../customers/resolve-customer';
import { insertAttachment } from '../db/attachment-queries';
import { findCustomer } from '../db/customer-queries';
import {
  findEmailMessageByMessageId,
  findEmailThread,
  findEmailThreadByRef,
  insertEmailMessage,
  insertEmailThread,
  insertQuarantined,
  readEmailSettings,
  threadsOfMessageIds,
  updateEmailThread,
} from '../db/email-queries';
import { insertInteractions } from '../db/interaction-queries';
import type { Queryable } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { Logger } from '../log';
import type { RoutingService, StepContext } from '../routing/routing-service';
import { type HubServer, userRoom } from '../socket/hub-socket';
import { isDangerousAttachment } from './dangerous-attachment';
import { emailInteractionOf } from './email-interaction';
import { notes } from './email-notes';
import type { StoredMailbox } from './email-settings';
import { type ParsedAttachment, type ParsedEmail, parseEmail, UnreadableEmail } from './parse-email';
import { chooseThread, referencedIds } from './threading';

/** Below calls (50) and call-backs (40): a mail can wait a few minutes for an agent. */
export const EMAIL_PRIORITY = 30;
const TASK_SUBJECT_MAX = 200;

/** How a mail reached the hub: its SMTP listener (with the envelope's recipients) or a polled IMAP mailbox. */
export type InboundSource = { via: 'smtp'; recipients: readonly string[] } | { via: 'imap'; mailbox: string };

export type Receipt =
  | { outcome: 'stored'; threadId: string; messageId: string; taskId: string | null }
  /** The same mail (same Message-ID, sender and subject) was filed before: an IMAP re-fetch or a second route in. */
  | { outcome: 'duplicate'; messageId: string }
  | { outcome: 'quarantined'; reason: string; quarantineId: string };

export type InboundDeps = {
  db: Queryable;
  writeQueue: WriteQueue;
  routing: RoutingService;
  clock: Clock;
  store: AttachmentStore;
  io: HubServer | null;
  log: Logger;
  /** For identity values (hub config DEFAULT_REGION); an email address does not need it, the shared resolver takes it. */
  defaultRegion: CountryCode;
};

/** Which configured mailbox a mail is for: the IMAP mailbox it was read from, or the first envelope recipient the hub serves. */
export function mailboxFor(source: InboundSource, mailboxes: readonly StoredMailbox[]): StoredMailbox | null {
  const byAddress = new Map(mailboxes.map((mailbox) => [mailbox.address, mailbox]));
  const wanted = source.via === 'imap' ? [source.mailbox] : source.recipients;
  for (const address of wanted) {
    const mailbox = byAddress.get(address.trim().toLowerCase());
    if (mailbox) return mailbox;
  }
  return null;
}

const open = (status: TaskStatus): boolean => !(FINAL_TASK_STATUSES as readonly TaskStatus[]).includes(status) && status !== 'wrap-up';

/**
 * Inbound mail: parse, thread, file on the customer's timeline, and open a
 * task for each new conversation (or a reply to a finished one). A mail that
 * cannot be filed is quarantined with its reason, never dropped.
 */
export function createInboundMail(deps: InboundDeps) {
  const { db, routing, clock, store, log } = deps;

  async function quarantine(raw: Buffer, source: InboundSource, reason: string, parsed: Pick<ParsedEmail, 'from' | 'subject'> | null): Promise<Receipt> {
    const now = clock();
    const { sha256, size } = await store.put(raw);
    const id = ulid(now);
    const rawAttachmentId = ulid(now);
    await deps.writeQueue(async () => {
      await insertAttachment(db, { id: rawAttachmentId, sha256, mimeType: 'message/rfc822', size, kind: 'email-raw', createdBy: 'email-inbound', createdAt: now });
      await insertQuarantined(db, {
        id,
        receivedAt: now,
        source: source.via === 'imap' ? `imap:${source.mailbox}` : `smtp:${source.recipients.join(',')}`.slice(0, 400),
        from: (parsed?.from?.address ?? '').slice(0, 998),
        subject: (parsed?.subject ?? '').slice(0, 998),
        reason: reason.slice(0, 500),
        size,
        rawAttachmentId,
      });
    });
    log.warn(`email quarantined (${reason})`);
    return { outcome: 'quarantined', reason, quarantineId: id };
  }

  /** Stores each file's bytes (content-addressed, so a retry stores nothing twice) and describes it; oversize files are noted, not kept. */
  async function storeFiles(files: readonly ParsedAttachment[], maxBytes: number, now: number, problems: string[]) {
    const kept: { attachment: EmailAttachment; sha256: string }[] = [];
    for (const file of files) {
      if (file.bytes.length > maxBytes) {
        problems.push(notes.attachmentOverLimit(file.name, file.bytes.length, maxBytes));
        continue;
      }
      if (file.bytes.length === 0) problems.push(notes.emptyAttachment(file.name));
      const mimeType = sniffAttachmentType(file.bytes, file.declaredType);
      const head = textOf(file.bytes) ?? '';
      const { sha256 } = await store.put(file.bytes);
      kept.push({
        sha256,
        attachment: {
          attachmentId: ulid(now),
          name: file.name,
          mimeType,
          size: file.bytes.length,
          cid: file.cid,
          dangerous: isDangerousAttachment({ name: file.name, declaredType: file.declaredType, sniffedType: mimeType, head }),
        },
      });
    }
    return kept;
  }

  /** The sender's customer: the one who owns the address, else a new provisional (`E…`) one; null when the address's identity points at a customer that is gone. */
  async function customerOf(ctx: StepContext, from: { address: string; name: string }): Promise<string | null> {
    const resolved = await resolveCustomer({ trx: ctx.trx, drafts: ctx.drafts, now: ctx.now, defaultRegion: deps.defaultRegion }, { kind: 'email', value: from.address, name: from.name });
    return resolved?.customerId ?? null;
  }

  const taskSubject = (parsed: ParsedEmail, from: { address: string; name: string }): string =>
    `${from.name.trim() || from.address}: ${parsed.subject.trim() || '—'}`.slice(0, TASK_SUBJECT_MAX);

  /** The Message-ID to file the mail under: null for the same mail filed before; a fresh one for someone else's mail reusing an id we hold. */
  async function messageIdFor(ctx: StepContext, parsed: ParsedEmail, from: { address: string }, problems: string[]): Promise<string | null> {
    const earlier = await findEmailMessageByMessageId(ctx.trx, parsed.messageId);
    if (!earlier) return parsed.messageId;
    if (earlier.from.address === from.address && earlier.subject === parsed.subject) return null;
    problems.push(notes.reusedMessageId(parsed.messageId));
    return `${ulid(ctx.now)}.reused@switchboard`;
  }

  /** The thread the mail continues (threading headers, a bounce's returned Message-ID, then the subject's ticket token), or null. */
  async function threadOf(ctx: StepContext, parsed: ParsedEmail): Promise<EmailThread | null> {
    const clues = { inReplyTo: parsed.inReplyTo, references: parsed.bouncedMessageId ? [...parsed.references, parsed.bouncedMessageId] : parsed.references, subject: parsed.subject };
    const known = await threadsOfMessageIds(ctx.trx, referencedIds(clues));
    const token = ticketRefIn(parsed.subject);
    const byToken = token === null ? null : await findEmailThreadByRef(ctx.trx, token);
    const threadId = chooseThread(clues, known, (ref) => (byToken?.ref === ref ? byToken.id : null));
    return threadId === null ? null : findEmailThread(ctx.trx, threadId);
  }

  const newThread = (now: number, customerId: string, mailbox: StoredMailbox, from: { address: string }, subject: string): EmailThread => {
    const id = ulid(now);
    return { id, ref: ticketRefOf(id), customerId, queueId: mailbox.queueId, taskId: null, mailbox: mailbox.address, customerAddress: from.address, subject, createdAt: now, lastMessageAt: now };
  };

  async function file(ctx: StepContext, parsed: ParsedEmail, from: { address: string; name: string }, mailbox: StoredMailbox, files: Awaited<ReturnType<typeof storeFiles>>): Promise<Receipt | { outcome: 'no-customer' }> {
    const problems = [...parsed.problems];
    const messageId = await messageIdFor(ctx, parsed, from, problems);
    if (messageId === null) return { outcome: 'duplicate', messageId: parsed.messageId };
    const existing = await threadOf(ctx, parsed);
    // A thread whose customer has since gone (merged away) continues on the sender's customer.
    const customerId = existing && (await findCustomer(ctx.trx, existing.customerId)) ? existing.customerId : await customerOf(ctx, from);
    if (customerId === null) return { outcome: 'no-customer' };
    let thread: EmailThread = existing ? { ...existing, customerId } : newThread(ctx.now, customerId, mailbox, from, parsed.subject);

    const message: EmailMessage = {
      id: ulid(ctx.now),
      threadId: thread.id,
      customerId,
      direction: 'inbound',
      messageId,
      inReplyTo: parsed.inReplyTo,
      references: parsed.references,
      from: { address: from.address, name: from.name },
      to: parsed.to,
      cc: parsed.cc,
      bcc: [],
      subject: parsed.subject,
      text: parsed.text,
      html: parsed.html,
      attachments: files.map((f) => f.attachment),
      autoKind: parsed.autoKind,
      // The schema's caps: a note quoting a 998-character Message-ID or a long file name is cut, not refused.
      problems: problems.slice(0, 100).map((problem) => problem.slice(0, 500)),
      agentId: null,
      at: ctx.now,
      delivery: null,
    };

    // A person's mail opens a task unless the thread's task is still being worked; bounces and auto-replies never do.
    const current = thread.taskId === null ? null : await ctx.task(thread.taskId);
    let taskId = current && open(current.status) ? current.id : null;
    if (taskId === null && parsed.autoKind === 'none') {
      const queueId = ctx.queues.get(thread.queueId)?.channels.includes('email') ? thread.queueId : mailbox.queueId;
      const task = await ctx.openTask({
        channel: 'email',
        queueId,
        customerId: thread.customerId,
        priority: EMAIL_PRIORITY,
        subject: taskSubject(parsed, from),
        preferredAgentId: current?.assignedTo ?? null,
      });
      taskId = task.id;
      thread = { ...thread, taskId, queueId };
    }
    thread = { ...thread, lastMessageAt: ctx.now };

    if (existing === null) await insertEmailThread(ctx.trx, thread);
    else await updateEmailThread(ctx.trx, thread);
    for (const { attachment, sha256 } of files) {
      await insertAttachment(ctx.trx, { id: attachment.attachmentId, sha256, mimeType: attachment.mimeType, size: attachment.size, kind: 'email', createdBy: 'email-inbound', createdAt: ctx.now });
    }
    await insertEmailMessage(ctx.trx, message);
    const interaction = emailInteractionOf(message);
    await insertInteractions(ctx.trx, [interaction]);
    ctx.drafts.push({ entity: 'interaction', op: 'put', data: interaction });

    const holder = current && open(current.status) ? current.assignedTo : null;
    if (holder !== null && current) {
      const announced = { taskId: current.id, message };
      ctx.afterCommit(() => deps.io?.to(userRoom(holder)).emit('email:message', announced));
    }
    return { outcome: 'stored', threadId: thread.id, messageId: message.id, taskId: thread.taskId };
  }

  return {
    /** Files one raw mail. Resolves once it is stored, recognised as a duplicate, or quarantined; rejects only when the store itself fails. */
    async receive(raw: Buffer, source: InboundSource): Promise<Receipt> {
      const settings = await readEmailSettings(db);
      if (raw.length > settings.maxMessageBytes) return quarantine(raw, source, notes.overMessageLimit(settings.maxMessageBytes), null);
      const mailbox = mailboxFor(source, settings.mailboxes);
      let parsed: ParsedEmail;
      try {
        parsed = await parseEmail(raw);
      } catch (error) {
        if (error instanceof UnreadableEmail) return quarantine(raw, source, error.reason, null);
        throw error;
      }
      if (!mailbox) return quarantine(raw, source, notes.noMailbox(), parsed);
      const address = parsed.from ? normaliseEmail(parsed.from.address) : null;
      if (!parsed.from || address === null) return quarantine(raw, source, notes.noSender(), parsed);
      const from = { address, name: parsed.from.name };
      const files = await storeFiles(parsed.attachments, settings.maxAttachmentBytes, clock(), parsed.problems);
      const filed = await routing.act((ctx) => file(ctx, parsed, from, mailbox, files));
      return filed.outcome === 'no-customer' ? quarantine(raw, source, notes.customerGone(), parsed) : filed;
    },
  };
}

export type InboundMail = ReturnType<typeof createInboundMail>;
