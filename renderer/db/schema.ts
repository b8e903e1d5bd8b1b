import { Dexie, type EntityTable } from 'dexie';
import type { CustomerValueRecord } from '../../shared/protocol/customer-value';
import type { Complaint } from '../../shared/complaints/complaint';
import type { ChatAttachment } from '../../shared/domain/chat';
import type { ErrorCode } from '../../shared/protocol/errors';
import type { EmailUpload } from '../../shared/protocol/email-outbound';
import type { CustomerRow, Identity, Interaction, MetaRow, OutboxEntry } from './rows';
import type { FollowUp } from '../../shared/follow-ups/follow-up';

/**
 * A chat line waiting for the hub, in the order it was written. Kept apart
 * from the mutation outbox: it changes no cached row and goes by `chat:send`,
 * which the hub stores once per `clientId` however often it is re-sent.
 */
export type ChatOutboxEntry = {
  /** Auto-increment: send order. */
  order?: number;
  clientId: string;
  taskId: string;
  text: string;
  /** Uploaded before the line was queued; kept whole so the pending line can show it. */
  attachment: ChatAttachment | null;
  createdAt: number;
  /** The hub refused it (or answered nonsense): it stays for the agent to see, retry or discard, and is not re-sent. */
  failure: ErrorCode | 'bad-answer' | null;
};

/**
 * An SMS reply waiting for the hub (renderer/features/sms/sms-outbox.ts): like a chat line, sent by
 * `sms:send`, which the hub stores once per `clientId`; an opted-out customer's refusal stays here for the agent.
 */
export type SmsOutboxEntry = {
  order?: number;
  clientId: string;
  taskId: string;
  text: string;
  createdAt: number;
  failure: ErrorCode | 'bad-answer' | null;
  /** The refusal's first issue (`opted-out`), so the composer can say why. */
  reason: string | null;
};

/**
 * A reply being written in an email thread (renderer/features/email/email-drafts.ts), one per task:
 * kept as the agent types, so it survives a restart and an offline spell; deleted once sent (queued in the outbox).
 */
export type EmailDraft = {
  taskId: string;
  threadId: string;
  /** The message answered or forwarded. */
  parentId: string;
  mode: 'reply' | 'reply-all' | 'forward';
  /** Recipients as typed (comma-separated); checked when the mail is sent. */
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  /** The editor's HTML, sanitised (the agent's words only: signature and quote are added at sending). */
  html: string;
  /** Files already uploaded to the hub. */
  attachments: EmailUpload[];
  updatedAt: number;
  /**
   * Set when sent: the mail's id while its `email.send` waits in the outbox. The
   * draft goes once the hub has filed the mail, and comes back to the composer if
   * the hub refused it, so a refused reply is never lost.
   */
  queuedAs: string | null;
};

/**
 * A call recording the hub has not accepted yet (renderer/softphone/call-recorder-uploads.ts).
 * Kept from the moment the call ends, so a hub that is down loses nothing; deleted once filed.
 */
export type PendingRecording = {
  /** ULID made here: the hub files a re-sent upload once. */
  id: string;
  /** The SIP Call-ID. */
  callId: string;
  audio: Blob;
  durationMs: number;
  createdAt: number;
  /** The hub refused it for good (not the agent's call, too large…): kept for the record, not re-sent. */
  failure: ErrorCode | null;
};

/**
 * The desktop cache: one database per hub and user. Indexes are chosen for
 * the look-ups the agent waits on — search (`*terms`, `[kind+value]`), the
 * timeline (`[customerId+occurredAt]`) — and nothing else, because every
 * extra index slows the initial sync.
 */
export class SwitchboardDb extends Dexie {
  customers!: EntityTable<CustomerRow, 'id'>;
  identities!: EntityTable<Identity, 'id'>;
  interactions!: EntityTable<Interaction, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'order'>;
  meta!: EntityTable<MetaRow, 'key'>;
  chatOutbox!: EntityTable<ChatOutboxEntry, 'order'>;
  recordings!: EntityTable<PendingRecording, 'id'>;
  smsOutbox!: EntityTable<SmsOutboxEntry, 'order'>;
  emailDrafts!: EntityTable<EmailDraft, 'taskId'>;
  // ── complaints (hub/complaints/) ──
  complaints!: EntityTable<Complaint, 'id'>;
  // ── follow-ups (hub/follow-ups/) ──
  followUps!: EntityTable<FollowUp, 'id'>;
  // ── customer value (hub/crm/) ──
  customerValues!: EntityTable<CustomerValueRecord, 'customerId'>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      customers: 'id, *terms',
      identities: 'id, customerId, [kind+value]',
      interactions: 'id, [customerId+occurredAt]',
      outbox: '++order, &id, targetKey',
      meta: 'key',
    });
    this.version(2).stores({ chatOutbox: '++order, &clientId, taskId' });
    this.version(3).stores({ recordings: 'id, createdAt' });
    this.version(4).stores({ smsOutbox: '++order, &clientId, taskId' });
    this.version(5).stores({ emailDrafts: 'taskId' });
    // ── complaints (hub/complaints/) ──
    this.version(6).stores({ complaints: 'id, customerId, status, ownerId, updatedAt' });
    // ── follow-ups (hub/follow-ups/) ──
    this.version(7).stores({ followUps: 'id, customerId, assigneeId, dueAt, status' });
    // ── customer value (hub/crm/) ──
    this.version(8).stores({ customerValues: 'customerId' });
  }
}

/** One cache per hub and user, so two agents sharing a PC never see each other's outbox. */
export function databaseNameFor(hubUrl: string, userId: string): string {
  return `switchboard:${new URL(hubUrl).origin}:${userId}`;
}
