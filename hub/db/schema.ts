import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

/**
 * Table shapes as Kysely sees them. Timestamps are epoch ms (bigint in
 * Postgres, parsed back to numbers); JSON lives in text columns so both stores
 * read and write it the same way.
 */
export type UsersTable = {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: number;
};

export type RefreshTokensTable = {
  /** sha256 of the token: a stolen database does not yield usable tokens. */
  token_hash: string;
  user_id: string;
  expires_at: number;
  created_at: number;
};

export type CustomersTable = {
  id: string;
  number: string;
  name: string;
  company: string | null;
  /** JSON array of strings. */
  tags: string;
  tier: string;
  created_at: number;
  updated_at: number;
};

export type IdentitiesTable = {
  id: string;
  customer_id: string;
  kind: string;
  value: string;
};

export type InteractionsTable = {
  id: string;
  customer_id: string;
  occurred_at: number;
  channel: string;
  /** The whole Interaction as JSON. */
  data: string;
};

export type ChangesTable = {
  seq: number;
  entity: string;
  op: string;
  entity_id: string;
  customer_id: string | null;
  /** Set for interactions only, so a pull can skip history older than the desktop caches. */
  occurred_at: number | null;
  /** The change's `data` as JSON. */
  data: string;
};

export type SyncHeadTable = {
  id: number;
  seq: number;
};

export type MutationsTable = {
  id: string;
  user_id: string;
  name: string;
  status: 'applied' | 'rejected';
  seq: number | null;
  /** The HubError as JSON when rejected. */
  error: string | null;
  applied_at: number;
};

export type MetaTable = {
  key: string;
  value: string;
};

/** Routing: the admin-managed Queue as JSON. */
export type QueuesTable = { id: string; name: string; data: string };

/** Routing: the AgentProfile as JSON. */
export type AgentProfilesTable = { user_id: string; data: string };

/** One piece of work; `data` is the whole TaskView (Task + subject); the columns mirror it for look-ups. */
export type TasksTable = {
  id: string;
  queue_id: string;
  status: string;
  assigned_to: string | null;
  offered_to: string | null;
  data: string;
  created_at: number;
  updated_at: number;
};

/** Every TaskEvent applied, in order; supervisor figures are computed from these. */
export type TaskEventsTable = {
  id: Generated<number>;
  task_id: string;
  queue_id: string;
  kind: string;
  at: number;
  agent_id: string | null;
  /** The whole TaskEvent as JSON. */
  data: string;
};

/** `data`: the StoredAgentState as JSON (state, missed offers in a row, idle since). */
export type AgentStatesTable = { user_id: string; data: string };

/** Chat: the admin-managed ChatWidget as JSON. */
export type ChatWidgetsTable = { id: string; data: string };

/** `data`: the StoredConversation (conversation + receipts) as JSON; the columns mirror it for look-ups. */
export type ChatConversationsTable = {
  id: string;
  widget_id: string;
  visitor_id: string;
  task_id: string | null;
  customer_id: string;
  status: string;
  data: string;
  started_at: number;
  updated_at: number;
};

/** `data`: the ChatLine as JSON. */
export type ChatLinesTable = { id: string; conversation_id: string; seq: number; client_id: string | null; data: string; at: number };

export type ChatFilesTable = {
  id: string;
  conversation_id: string;
  name: string;
  mime_type: string;
  size: number;
  bytes: Buffer;
  created_at: number;
  /** Since 0009 the bytes are in the attachment store under this attachment (and `bytes` is empty); null for older rows. */
  attachment_id: ColumnType<string | null, string | null | undefined, string | null>;
};

/** `owner_id` is '' for shared responses; `data` the CannedResponse as JSON. */
export type CannedResponsesTable = { id: string; owner_id: string; shortcut: string; data: string };

/** Voice: one row per SIP call, `data` the VoiceCall (hub/db/voice-queries.ts) as JSON; `task_id` null for a direct call. */
export type VoiceCallsTable = {
  call_id: string;
  task_id: string | null;
  data: string;
  arrived_at: number;
  /** Hold time so far (0005): closed intervals summed, the open one's start, and how many there were. */
  held_ms: Generated<number>;
  held_since: Generated<number | null>;
  holds: Generated<number>;
};

/** One stored file: its bytes are `<data>/attachments/<sha256 path>` (hub/attachments/content-path.ts); `kind` says what holds it ('recording'). */
export type AttachmentsTable = {
  id: string;
  sha256: string;
  /** Sniffed from the bytes, never taken from the sender. */
  mime_type: string;
  size: number;
  kind: string;
  created_by: string;
  created_at: number;
  /** The file name it was sent with (0009); null for recordings and files stored before. */
  name: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the bytes were deleted (0021, hub/privacy/): retention or a customer's erasure; null while kept. */
  removed_at: ColumnType<number | null, number | null | undefined, number | null>;
  removed_reason: ColumnType<string | null, string | null | undefined, string | null>;
};

/** A call recording: which call (SIP Call-ID), task and queue it belongs to, and the attachment that holds it. */
export type RecordingsTable = {
  id: string;
  attachment_id: string;
  call_id: string;
  task_id: string | null;
  queue_id: string | null;
  agent_id: string;
  duration_ms: number | null;
  created_at: number;
};

/** Email (0007): one conversation with a customer; `data` the EmailThread as JSON, the columns mirror it for look-ups. */
export type EmailThreadsTable = {
  id: string;
  /** The ticket reference in subjects (`T-…`), for replies that lost their threading headers. */
  ref: string;
  customer_id: string;
  task_id: string | null;
  data: string;
  last_message_at: number;
};

/** One mail in a thread; `data` the EmailMessage as JSON. Delivery columns are set for outbound mail only (the outbox scans them). */
export type EmailMessagesTable = {
  id: string;
  thread_id: string;
  /** RFC 5322 Message-ID, unique: the same mail delivered twice (SMTP and IMAP, or a re-fetch) is stored once. */
  message_id: string;
  direction: string;
  at: number;
  data: string;
  delivery_status: string | null;
  next_attempt_at: number | null;
};

/** A mail the hub could not file, with why; the raw message is an attachment (kind 'email-raw'). */
export type EmailQuarantineTable = {
  id: string;
  received_at: number;
  source: string;
  sender: string;
  subject: string;
  reason: string;
  size: number;
  raw_attachment_id: string;
};

/** SMS (0008): a conversation with one customer number on one of our numbers (hub/db/sms-queries.ts). */
export type SmsConversationsTable = {
  id: string;
  customer_id: string;
  customer_number: string;
  our_number: string;
  queue_id: string;
  task_id: string | null;
  agent_id: string | null;
  /** 'open' while its task is worked; 'done' after, and the next text opens a new conversation. */
  status: string;
  started_at: number;
  updated_at: number;
};

/** One text either way; `media` the MMS pictures as a JSON array of SmsMedia. */
export type SmsMessagesTable = {
  id: string;
  conversation_id: string;
  direction: string;
  text: string;
  status: string;
  error: string | null;
  client_id: string | null;
  provider_id: string | null;
  agent_id: string | null;
  media: string;
  at: number;
};

/** Numbers that texted an opt-out keyword. */
export type SmsOptOutsTable = { number: string; keyword: string; at: number };

/** Historical reports: sums of finished periods (hub/reports/report-queries.ts); '' = no agent / no disposition. */
export type ReportRollupsTable = {
  bucket: number;
  queue_id: string;
  agent_id: string;
  channel: string;
  disposition: string;
  entered: number;
  answered: number;
  answered_in_time: number;
  abandoned: number;
  overflowed: number;
  wait_ms: number;
  handled: number;
  handle_ms: number;
  done: number;
  fcr_eligible: number;
  fcr_resolved: number;
};

// Issue 7 areas declare their tables beside their code (e.g. hub/complaints/complaint-tables.ts) and add them to Database below.
export type Database = {
  // ── accounts (hub/auth/): 0018's columns ──
  users: UsersTable & import('../auth/account-tables').UserAccountColumns;
  refresh_tokens: RefreshTokensTable;
  customers: CustomersTable;
  identities: IdentitiesTable;
  interactions: InteractionsTable;
  changes: ChangesTable;
  sync_head: SyncHeadTable;
  mutations: MutationsTable;
  meta: MetaTable;
  queues: QueuesTable;
  agent_profiles: AgentProfilesTable;
  tasks: TasksTable;
  task_events: TaskEventsTable;
  agent_states: AgentStatesTable;
  chat_widgets: ChatWidgetsTable;
  chat_conversations: ChatConversationsTable;
  chat_lines: ChatLinesTable;
  chat_files: ChatFilesTable;
  canned_responses: CannedResponsesTable;
  voice_calls: VoiceCallsTable;
  attachments: AttachmentsTable;
  recordings: RecordingsTable;
  email_threads: EmailThreadsTable;
  email_messages: EmailMessagesTable;
  email_quarantine: EmailQuarantineTable;
  sms_conversations: SmsConversationsTable;
  sms_messages: SmsMessagesTable;
  sms_opt_outs: SmsOptOutsTable;
  report_rollups: ReportRollupsTable;
  // ── complaints (hub/complaints/) ──
  complaints: import('../complaints/complaint-tables').ComplaintsTable;
  complaint_escalations: import('../complaints/complaint-tables').ComplaintEscalationsTable;
  // ── follow-ups (hub/follow-ups/) ──
  follow_ups: import('../follow-ups/follow-up-tables').FollowUpsTable;
  // ── surveys (hub/surveys/) ──
  surveys: import('../surveys/survey-tables').SurveysTable;
  // ── customer value (hub/crm/) ──
  customer_values: import('../crm/value-tables').CustomerValuesTable;
  loyalty_ledger: import('../crm/value-tables').LoyaltyLedgerTable;
  // ── customer analysis (hub/crm/analysis/) ──
  value_snapshots: import('../crm/analysis/analysis-tables').ValueSnapshotsTable;
  cross_sell_outcomes: import('../crm/analysis/analysis-tables').CrossSellOutcomesTable;
  // ── campaigns (hub/campaigns/) ──
  campaigns: import('../campaigns/campaign-tables').CampaignsTable;
  campaign_entries: import('../campaigns/campaign-tables').CampaignEntriesTable;
  do_not_contact: import('../campaigns/campaign-tables').DoNotContactTable;
  // ── data protection (hub/privacy/) ──
  customer_erasures: import('../privacy/privacy-tables').CustomerErasuresTable;
  // ── audit (hub/audit/) ──
  audit_log: import('../audit/audit-tables').AuditLogTable;
};

export type StoreKind = 'sqlite' | 'postgres';

/** Queries take either the database or an open transaction. */
export type Queryable = Kysely<Database> | Transaction<Database>;
