import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import type { Complaint } from '../../shared/complaints/complaint';
import type { EmailMessage, EmailThread } from '../../shared/domain/email';
import { subjectWithToken, ticketRefOf } from '../../shared/domain/email';
import type { InteractionOf } from '../../shared/domain/interaction';
import { ownMessageId } from '../../shared/email/reply-headers';
import type { SmsSettings } from '../../shared/protocol/sms';
import { announcer } from '../chat/chat-context';
import type { VisitorServer } from '../chat/chat-context';
import { appendLine } from '../chat/conversation-store';
import type { Clock } from '../clock';
import type { Presence } from '../cluster/presence';
import type { ChangeDraft } from '../db/change-log';
import type { StoredConversation } from '../db/chat-queries';
import { findCustomer } from '../db/customer-queries';
import { insertEmailMessage, insertEmailThread, readEmailSettings } from '../db/email-queries';
import { insertInteractions } from '../db/interaction-queries';
import type { Database, Queryable } from '../db/schema';
import { isOptedOut } from '../db/sms-queries';
import { readStoredJson } from '../db/stored-json';
import { emailInteractionOf } from '../email/email-interaction';
import type { HubServer } from '../socket/hub-socket';
import { type SmsProvider, SmsSendError } from '../sms/provider';
import { readSmsSettings } from '../sms/sms-settings';
import { complaintLine } from './complaint-line';
import { readComplaintSettings } from './complaint-queries';
import { type Notice, type NoticeKind, type NoticeRoute, noticeLanguage, noticeRoutes, renderNotice } from './customer-notice';

export type CustomerToldDeps = {
  db: Kysely<Database>;
  clock: Clock;
  io: HubServer;
  visitors: VisitorServer;
  presence: Presence;
  /** One transaction in the write queue whose drafts are appended to the change log and broadcast after commit. */
  write: (work: (trx: Queryable, drafts: ChangeDraft[]) => Promise<void>) => Promise<void>;
  /** The SMS provider adapter for the current settings (the same one the SMS channel uses). */
  smsProvider: (settings: SmsSettings) => SmsProvider;
};

type Attempt = { ok: true; how: string } | { ok: false; why: string };
type Facts = { complaint: Complaint; notice: Notice; agentId: string | null; customerName: string };

async function identitiesOf(db: Queryable, customerId: string, kind: 'email' | 'phone'): Promise<string[]> {
  const rows = await db.selectFrom('identities').select('value').where('customer_id', '=', customerId).where('kind', '=', kind).orderBy('id').execute();
  return rows.map((row) => row.value);
}

/** The customer's chat still open (waiting or with an agent), newest first. */
async function openChat(db: Queryable, customerId: string): Promise<StoredConversation | null> {
  const row = await db
    .selectFrom('chat_conversations')
    .select('data')
    .where('customer_id', '=', customerId)
    .where('status', '!=', 'ended')
    .orderBy('started_at', 'desc')
    .executeTakeFirst();
  return row ? readStoredJson<StoredConversation>(row.data) : null;
}

/**
 * Tells the customer their complaint was acknowledged or resolved, back the
 * way it came (customer-notice.ts picks the order), and writes a
 * `customer-told` line saying how, or that nothing could reach them. Runs
 * after the step's commit; a failure here never undoes the step.
 */
export function createCustomerTold(deps: CustomerToldDeps) {
  const { db, clock } = deps;

  async function byChat(facts: Facts): Promise<Attempt> {
    const record = await openChat(db, facts.complaint.customerId);
    if (!record) return { ok: false, why: 'no open chat' };
    let line: Awaited<ReturnType<typeof appendLine>> | null = null;
    await deps.write(async (trx) => {
      line = await appendLine(trx, record.conversation.id, { from: 'system', agentId: null, authorName: '', text: facts.notice.body, clientId: null }, clock());
    });
    if (line) announcer(deps).line(record, line);
    return { ok: true, how: 'chat' };
  }

  /** A new email conversation from the first mailbox, queued in the hub's outbox like an agent's reply. */
  async function byEmail(facts: Facts): Promise<Attempt> {
    const [address] = await identitiesOf(db, facts.complaint.customerId, 'email');
    if (!address) return { ok: false, why: 'no email address' };
    const [mailbox] = (await readEmailSettings(db)).mailboxes;
    if (!mailbox) return { ok: false, why: 'no mailbox configured' };
    const now = clock();
    const threadId = ulid(now);
    const thread: EmailThread = {
      id: threadId,
      ref: ticketRefOf(threadId),
      customerId: facts.complaint.customerId,
      queueId: mailbox.queueId,
      taskId: null,
      mailbox: mailbox.address,
      customerAddress: address,
      subject: facts.notice.subject,
      createdAt: now,
      lastMessageAt: now,
    };
    const id = ulid(now);
    const message: EmailMessage = {
      id,
      threadId,
      customerId: facts.complaint.customerId,
      direction: 'outbound',
      messageId: ownMessageId(id, mailbox.address),
      inReplyTo: null,
      references: [],
      from: { address: mailbox.address, name: '' },
      to: [{ address, name: facts.customerName }],
      cc: [],
      bcc: [],
      subject: subjectWithToken(facts.notice.subject, thread.ref),
      text: facts.notice.body,
      html: null,
      attachments: [],
      autoKind: 'none',
      problems: [],
      agentId: facts.agentId,
      at: now,
      delivery: { status: 'queued', attempts: 0, lastError: null, nextAttemptAt: now, sentAt: null },
    };
    await deps.write(async (trx, drafts) => {
      await insertEmailThread(trx, thread);
      await insertEmailMessage(trx, message);
      const interaction = emailInteractionOf(message);
      await insertInteractions(trx, [interaction]);
      drafts.push({ entity: 'interaction', op: 'put', data: interaction });
    });
    return { ok: true, how: `email to ${address}` };
  }

  /** Straight to the provider from our first number; the text is filed on the timeline like any other. */
  async function bySms(facts: Facts): Promise<Attempt> {
    const [number] = await identitiesOf(db, facts.complaint.customerId, 'phone');
    if (!number) return { ok: false, why: 'no phone number' };
    if (await isOptedOut(db, number)) return { ok: false, why: `${number} has opted out of texts` };
    const settings = await readSmsSettings(db);
    const [ours] = settings.numbers;
    if (!ours) return { ok: false, why: 'no SMS number configured' };
    try {
      await deps.smsProvider(settings).send({ from: ours.number, to: number, text: facts.notice.body, statusCallback: '' });
    } catch (error) {
      if (!(error instanceof SmsSendError)) throw error;
      return { ok: false, why: `SMS to ${number} failed: ${error.reason}` };
    }
    const now = clock();
    const text: InteractionOf<'sms'> = {
      id: ulid(now),
      customerId: facts.complaint.customerId,
      occurredAt: now,
      agentId: facts.agentId,
      channel: 'sms',
      direction: 'outbound',
      from: ours.number,
      to: number,
      text: facts.notice.body.slice(0, 1600),
    };
    await deps.write(async (trx, drafts) => {
      await insertInteractions(trx, [text]);
      drafts.push({ entity: 'interaction', op: 'put', data: text });
    });
    return { ok: true, how: `SMS to ${number}` };
  }

  const WAYS: Record<NoticeRoute, (facts: Facts) => Promise<Attempt>> = { chat: byChat, email: byEmail, sms: bySms };

  return async function tell(complaint: Complaint, kind: NoticeKind, agentId: string | null): Promise<void> {
    const customer = await findCustomer(db, complaint.customerId);
    if (!customer) return;
    const chat = await openChat(db, complaint.customerId);
    const settings = await readComplaintSettings(db);
    const notice = renderNotice(settings.templates, kind, noticeLanguage(customer.name, chat?.locale ?? null), complaint, customer.name);
    const facts: Facts = { complaint, notice, agentId, customerName: customer.name };
    const failures: string[] = [];
    let told: string | null = null;
    for (const route of noticeRoutes(complaint.channel)) {
      const attempt = await WAYS[route](facts);
      if (attempt.ok) {
        told = attempt.how;
        break;
      }
      failures.push(attempt.why);
    }
    const tried = failures.length > 0 ? ` (not by: ${failures.join('; ')})` : '';
    const text = told !== null ? `${kind}: told by ${told} [${notice.language}] — ${notice.subject}${tried}` : `${kind}: could not tell the customer — ${failures.join('; ')}`;
    await deps.write(async (trx, drafts) => {
      const line = complaintLine({ id: ulid(clock()), complaint, step: 'customer-told', at: clock(), agentId: null, text });
      await insertInteractions(trx, [line]);
      drafts.push({ entity: 'interaction', op: 'put', data: line });
    });
  };
}
