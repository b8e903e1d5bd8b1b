import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import { complaintMigration } from '../complaints/complaint-migration';
import type { StoreKind } from './schema';
import { customerValueMigration } from '../crm/value-migration';
import { valueSnapshotMigration } from '../crm/analysis/analysis-migration';
import { followUpMigration } from '../follow-ups/follow-up-migration';
import { surveyMigration } from '../surveys/survey-migration';
import { campaignMigration } from '../campaigns/campaign-migration';
import { attachmentRemovalMigration, erasureMigration } from '../privacy/privacy-migration';
import { accountMigration } from '../auth/account-migration';
import { auditMigration } from '../audit/audit-migration';

/**
 * One list of migrations for both stores. The only difference is the integer
 * type: SQLite wants `integer` (a `seq integer primary key` is the rowid, so
 * the change log is stored in seq order), Postgres wants `bigint` for epoch ms.
 * Never edit a shipped migration; add the next one.
 */
export function migrationProvider(kind: StoreKind): MigrationProvider {
  const int64 = kind === 'sqlite' ? 'integer' : 'bigint';
  const migrations: Record<string, Migration> = {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', int64, (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('refresh_tokens')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('expires_at', int64, (c) => c.notNull())
          .addColumn('created_at', int64, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('refresh_tokens_user').on('refresh_tokens').column('user_id').execute();

        await db.schema
          .createTable('customers')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('number', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('company', 'text')
          .addColumn('tags', 'text', (c) => c.notNull())
          .addColumn('tier', 'text', (c) => c.notNull())
          .addColumn('created_at', int64, (c) => c.notNull())
          .addColumn('updated_at', int64, (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('identities')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('value', 'text', (c) => c.notNull())
          .addUniqueConstraint('identities_kind_value', ['kind', 'value'])
          .execute();
        await db.schema.createIndex('identities_customer').on('identities').column('customer_id').execute();

        await db.schema
          .createTable('interactions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
          .addColumn('occurred_at', int64, (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .execute();
        // The timeline query: one customer, newest first, keyset on (occurred_at, id).
        await db.schema
          .createIndex('interactions_customer_time')
          .on('interactions')
          .columns(['customer_id', 'occurred_at', 'id'])
          .execute();

        await db.schema
          .createTable('changes')
          .addColumn('seq', int64, (c) => c.primaryKey())
          .addColumn('entity', 'text', (c) => c.notNull())
          .addColumn('op', 'text', (c) => c.notNull())
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('customer_id', 'text')
          .addColumn('occurred_at', int64)
          .addColumn('data', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('sync_head')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('seq', int64, (c) => c.notNull())
          .addCheckConstraint('sync_head_single_row', sql`id = 1`)
          .execute();
        await sql`insert into sync_head (id, seq) values (1, 0)`.execute(db);

        await db.schema
          .createTable('mutations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('seq', int64)
          .addColumn('error', 'text')
          .addColumn('applied_at', int64, (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('meta')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0002_routing': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('queues')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('agent_profiles')
          .addColumn('user_id', 'text', (c) => c.primaryKey())
          .addColumn('data', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('tasks')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('queue_id', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('assigned_to', 'text')
          .addColumn('offered_to', 'text')
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('created_at', int64, (c) => c.notNull())
          .addColumn('updated_at', int64, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('tasks_status').on('tasks').column('status').execute();
        await db.schema.createIndex('tasks_assigned_to').on('tasks').column('assigned_to').execute();
        await db.schema.createIndex('tasks_offered_to').on('tasks').column('offered_to').execute();
        await db.schema
          .createTable('task_events')
          .addColumn('id', kind === 'sqlite' ? 'integer' : 'bigserial', (c) =>
            kind === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
          )
          .addColumn('task_id', 'text', (c) => c.notNull())
          .addColumn('queue_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('at', int64, (c) => c.notNull())
          .addColumn('agent_id', 'text')
          .addColumn('data', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('task_events_task').on('task_events').column('task_id').execute();
        await db.schema.createIndex('task_events_queue_at').on('task_events').columns(['queue_id', 'at']).execute();
        await db.schema
          .createTable('agent_states')
          .addColumn('user_id', 'text', (c) => c.primaryKey())
          .addColumn('data', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0003_chat': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('chat_widgets')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('data', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('chat_conversations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('widget_id', 'text', (c) => c.notNull())
          .addColumn('visitor_id', 'text', (c) => c.notNull())
          .addColumn('task_id', 'text')
          .addColumn('customer_id', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('started_at', int64, (c) => c.notNull())
          .addColumn('updated_at', int64, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('chat_conversations_task').on('chat_conversations').column('task_id').execute();
        await db.schema.createIndex('chat_conversations_visitor').on('chat_conversations').column('visitor_id').execute();
        // Every routing step looks for chats still waiting, to tell them their place in the queue.
        await db.schema.createIndex('chat_conversations_status').on('chat_conversations').column('status').execute();
        await db.schema
          .createTable('chat_lines')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('conversation_id', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('client_id', 'text')
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('at', int64, (c) => c.notNull())
          // One seq per line, and a re-sent line (same sender key) stored once.
          .addUniqueConstraint('chat_lines_seq', ['conversation_id', 'seq'])
          .addUniqueConstraint('chat_lines_client', ['conversation_id', 'client_id'])
          .execute();
        await db.schema
          .createTable('chat_files')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('conversation_id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('mime_type', 'text', (c) => c.notNull())
          .addColumn('size', 'integer', (c) => c.notNull())
          .addColumn('bytes', kind === 'sqlite' ? 'blob' : 'bytea', (c) => c.notNull())
          .addColumn('created_at', int64, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('canned_responses')
          .addColumn('id', 'text', (c) => c.primaryKey())
          // '' for shared responses: NULLs never collide in a unique constraint.
          .addColumn('owner_id', 'text', (c) => c.notNull())
          .addColumn('shortcut', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addUniqueConstraint('canned_responses_shortcut', ['owner_id', 'shortcut'])
          .execute();
      },
    },
    '0004_voice': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('voice_calls')
          // The SIP Call-ID: Kamailio names the call by it in every request.
          .addColumn('call_id', 'text', (c) => c.primaryKey())
          .addColumn('task_id', 'text')
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('arrived_at', int64, (c) => c.notNull())
          .execute();
        // Every routing step looks up the call behind each task event it applied.
        await db.schema.createIndex('voice_calls_task').on('voice_calls').column('task_id').execute();
      },
    },
    '0005_voice_holds': {
      async up(db: Kysely<unknown>) {
        // Columns beside the JSON: a hold or resume from the desktop touches these only, never the call's record.
        await db.schema.alterTable('voice_calls').addColumn('held_ms', int64, (c) => c.notNull().defaultTo(0)).execute();
        await db.schema.alterTable('voice_calls').addColumn('held_since', int64).execute();
        await db.schema.alterTable('voice_calls').addColumn('holds', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      },
    },
    '0006_attachments': {
      async up(db: Kysely<unknown>) {
        // One row per attached file; the bytes live in the content-addressed store under the data dir (hub/attachments/).
        await db.schema
          .createTable('attachments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('mime_type', 'text', (c) => c.notNull())
          .addColumn('size', int64, (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', int64, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('recordings')
          // Made by the desktop, so a re-sent upload is filed once.
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('attachment_id', 'text', (c) => c.notNull())
          .addColumn('call_id', 'text', (c) => c.notNull())
          .addColumn('task_id', 'text')
          .addColumn('queue_id', 'text')
          .addColumn('agent_id', 'text', (c) => c.notNull())
          .addColumn('duration_ms', int64)
          .addColumn('created_at', int64, (c) => c.notNull())
          .execute();
        // The timeline item asks for a call's recordings by its SIP Call-ID.
        await db.schema.createIndex('recordings_call').on('recordings').column('call_id').execute();
      },
    },
    '0007_email': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('email_threads')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('ref', 'text', (c) => c.notNull().unique())
          .addColumn('customer_id', 'text', (c) => c.notNull())
          .addColumn('task_id', 'text')
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('last_message_at', int64, (c) => c.notNull())
          .execute();
        // email:open finds the thread by the task the agent holds.
        await db.schema.createIndex('email_threads_task').on('email_threads').column('task_id').execute();
        await db.schema
          .createTable('email_messages')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('thread_id', 'text', (c) => c.notNull())
          // Threading looks replies up by the ids they refer to; unique so a mail delivered twice is kept once.
          .addColumn('message_id', 'text', (c) => c.notNull().unique())
          .addColumn('direction', 'text', (c) => c.notNull())
          .addColumn('at', int64, (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('delivery_status', 'text')
          .addColumn('next_attempt_at', int64)
          .execute();
        await db.schema.createIndex('email_messages_thread').on('email_messages').columns(['thread_id', 'at']).execute();
        await db.schema.createIndex('email_messages_outbox').on('email_messages').columns(['delivery_status', 'next_attempt_at']).execute();
        await db.schema
          .createTable('email_quarantine')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('received_at', int64, (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('sender', 'text', (c) => c.notNull())
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('size', int64, (c) => c.notNull())
          .addColumn('raw_attachment_id', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('email_quarantine_received').on('email_quarantine').column('received_at').execute();
      },
    },
    '0008_sms': {
      async up(db: Kysely<unknown>) {
        // One conversation per customer number and our number while open; a text after it is done opens the next.
        await db.schema
          .createTable('sms_conversations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('customer_id', 'text', (c) => c.notNull())
          .addColumn('customer_number', 'text', (c) => c.notNull())
          .addColumn('our_number', 'text', (c) => c.notNull())
          .addColumn('queue_id', 'text', (c) => c.notNull())
          .addColumn('task_id', 'text')
          .addColumn('agent_id', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('started_at', int64, (c) => c.notNull())
          .addColumn('updated_at', int64, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sms_conversations_thread').on('sms_conversations').columns(['customer_number', 'our_number', 'status']).execute();
        await db.schema.createIndex('sms_conversations_task').on('sms_conversations').column('task_id').execute();
        await db.schema
          .createTable('sms_messages')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('conversation_id', 'text', (c) => c.notNull())
          .addColumn('direction', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('error', 'text')
          // The desktop's id for an agent's text (the outbox re-sends it) and the provider's id: each files a message once.
          .addColumn('client_id', 'text', (c) => c.unique())
          .addColumn('provider_id', 'text', (c) => c.unique())
          .addColumn('agent_id', 'text')
          .addColumn('media', 'text', (c) => c.notNull())
          .addColumn('at', int64, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sms_messages_conversation').on('sms_messages').columns(['conversation_id', 'at']).execute();
        // A number that texted STOP: nobody may text it until it texts START.
        await db.schema
          .createTable('sms_opt_outs')
          .addColumn('number', 'text', (c) => c.primaryKey())
          .addColumn('keyword', 'text', (c) => c.notNull())
          .addColumn('at', int64, (c) => c.notNull())
          .execute();
      },
    },
    '0009_attachment_names': {
      async up(db: Kysely<unknown>) {
        // The name a file was sent with, shown and offered on download (null for recordings, which are named by their call).
        await db.schema.alterTable('attachments').addColumn('name', 'text').execute();
        // Chat files' bytes move to the attachment store: a new row names its attachment and keeps no bytes. Older rows keep
        // theirs and are served from here (a migration cannot reach the store's directory, and copying every blob would
        // hold start-up); chat-queries reads both.
        await db.schema.alterTable('chat_files').addColumn('attachment_id', 'text').execute();
      },
    },
    '0011_report_rollups': {
      async up(db: Kysely<unknown>) {
        // Historical reports (hub/reports/): sums per quarter hour of arrival × queue × agent × channel × disposition for
        // periods whose tasks are finished; '' = no agent / no disposition, so the key has no nulls.
        let table = db.schema
          .createTable('report_rollups')
          .addColumn('bucket', int64, (c) => c.notNull())
          .addColumn('queue_id', 'text', (c) => c.notNull())
          .addColumn('agent_id', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('disposition', 'text', (c) => c.notNull());
        for (const column of ['entered', 'answered', 'answered_in_time', 'abandoned', 'overflowed', 'wait_ms', 'handled', 'handle_ms', 'done', 'fcr_eligible', 'fcr_resolved']) {
          table = table.addColumn(column, int64, (c) => c.notNull());
        }
        table = table.addPrimaryKeyConstraint('report_rollups_pk', ['bucket', 'queue_id', 'agent_id', 'channel', 'disposition']);
        // SQLite: rows stored in key order, so a report's range of buckets is read straight off the table, not through an index.
        await (kind === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table).execute();
        // Reports read the open days' tasks by arrival; created_at never changes, so routing steps do not touch this index.
        await db.schema.createIndex('tasks_created_at').on('tasks').column('created_at').execute();
      },
    },
    // Issue 7 areas keep their migrations beside their code; one line each here:
    // ── complaints (hub/complaints/) ──
    '0012_complaints': complaintMigration(kind),
    // ── follow-ups (hub/follow-ups/) ──
    '0013_follow_ups': followUpMigration(int64),
    // ── surveys (hub/surveys/) ──
    '0014_surveys': surveyMigration(kind),
    // ── customer value (hub/crm/) ──
    '0015_customer_value': customerValueMigration(kind),
    // ── customer analysis (hub/crm/analysis/) ──
    '0016_value_snapshots': valueSnapshotMigration(kind),
    // ── campaigns (hub/campaigns/) ──
    '0017_campaigns': campaignMigration(kind),
    // ── data protection (hub/privacy/) ──
    '0020_customer_erasures': erasureMigration(kind),
    '0021_attachment_removal': attachmentRemovalMigration(kind),
    // ── accounts and audit (hub/auth/, hub/audit/) ──
    '0018_account_sessions': accountMigration(kind),
    '0019_audit_log': auditMigration(kind),
  };
  return { getMigrations: async () => migrations };
}
