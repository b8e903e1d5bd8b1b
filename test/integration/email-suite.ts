import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailMessage } from '../../shared/domain/email';
import type { Queue } from '../../shared/domain/routing';
import type { AgentEmailMessage, EmailSettingsInput } from '../../shared/protocol/email';
import type { TaskOffer } from '../../shared/protocol/routing';
import type { InboundSource, Receipt } from '../../hub/email/inbound-mail';
import { plainMessage } from '../fixtures/email/compose';
import { type Desktop, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const SUPPORT = 'support@switchboard.local';
const smtp: InboundSource = { via: 'smtp', recipients: [SUPPORT] };
/** Small, so the oversize fixture (200 KiB) is over it. */
const MAX_ATTACHMENT = 64 * 1024;
const fixtures = new URL('../fixtures/email/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures));

function next<T>(socket: Desktop, name: string, match: (value: T) => boolean = () => true, timeoutMs = 3_000): Promise<T> {
  // The helper listens by name, so it sees the typed socket as a plain emitter.
  const emitter = socket as unknown as { on(name: string, fn: (value: T) => void): void; off(name: string, fn: (value: T) => void): void };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(name, listener);
      reject(new Error(`no ${name}`));
    }, timeoutMs);
    const listener = (value: T) => {
      if (!match(value)) return;
      clearTimeout(timer);
      emitter.off(name, listener);
      resolve(value);
    };
    emitter.on(name, listener);
  });
}

/** Resolves true if the event arrives within the time, false if not: for "this must not happen". */
const arrives = (socket: Desktop, name: string, timeoutMs = 600): Promise<boolean> =>
  next(socket, name, () => true, timeoutMs).then(
    () => true,
    () => false,
  );

/**
 * Inbound email against a real hub and store: a parsed mail becomes a thread,
 * a task and a timeline item; replies thread by headers or ticket token; a
 * reply to a finished thread re-opens it for the same agent; bounces and
 * auto-replies never make a task; hostile mail is stored with notes or
 * quarantined, never dropped.
 */
export function defineEmailSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`inbound email on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let admin: Desktop;
    let a1: Desktop;
    let a4: Desktop;
    let general: Queue;
    let agent1Id: string;
    const receive = (raw: Buffer, source: InboundSource = smtp): Promise<Receipt> => t.hub.email.receive(raw, source);
    const stored = (receipt: Receipt) => {
      if (receipt.outcome !== 'stored') throw new Error(`expected stored, got ${JSON.stringify(receipt)}`);
      return receipt;
    };

    beforeAll(async () => {
      store = await makeStore();
      t = await startTestHub(store);
      admin = await t.desktop('admin');
      a1 = await t.desktop('agent1');
      a4 = await t.desktop('agent4');
      agent1Id = expectOk(await a1.emitWithAck('session:whoami', {})).id;
      general = expectOk(await admin.emitWithAck('admin:queue:list', {})).find((queue) => queue.name.startsWith('General')) as Queue;
    });
    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    it('seeds the demo address to the General queue and lets an admin change the limits', async () => {
      const settings = expectOk(await admin.emitWithAck('admin:email:get', {}));
      expect(settings.mailboxes).toEqual([{ address: SUPPORT, queueId: general.id, imap: null }]);
      const saved: EmailSettingsInput = { ...settings, maxAttachmentBytes: MAX_ATTACHMENT };
      expect(expectOk(await admin.emitWithAck('admin:email:set', saved)).maxAttachmentBytes).toBe(MAX_ATTACHMENT);
    });

    it('refuses settings from non-admins and settings that cannot work', async () => {
      expect(expectError(await a1.emitWithAck('admin:email:get', {})).code).toBe('forbidden');
      expect(expectError(await a1.emitWithAck('admin:email:quarantine', { limit: 5 })).code).toBe('forbidden');
      const settings = expectOk(await admin.emitWithAck('admin:email:get', {}));
      const noQueue = expectError(await admin.emitWithAck('admin:email:set', { ...settings, mailboxes: [{ address: 'sales@example.com', queueId: '01JDQ4Z0000000000000000000', imap: null }] }));
      expect(noQueue).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'mailboxes.0.queueId' }] });
      const imap = { host: '127.0.0.1', port: 143, secure: false, user: 'u', folder: 'INBOX' };
      const noPassword = expectError(await admin.emitWithAck('admin:email:set', { ...settings, mailboxes: [{ address: 'new@example.com', queueId: general.id, imap }] }));
      expect(noPassword).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'mailboxes.0.imap.password' }] });
      const twice = expectError(await admin.emitWithAck('admin:email:set', { ...settings, mailboxes: [...settings.mailboxes, ...settings.mailboxes] }));
      expect(twice.code).toBe('invalid-payload');
      expect(expectError(await admin.emitWithAck('admin:email:set', { ...settings, maxMessageBytes: 10 })).code).toBe('invalid-payload');
    });

    let taskId: string;
    let threadId: string;
    let first: EmailMessage;

    it('turns a new GB2312 mail into a thread, an email task offered to an agent, and a timeline item on a provisional customer', async () => {
      expectOk(await a1.emitWithAck('agent:state:set', { status: 'available' }));
      const offered = next<TaskOffer>(a1, 'task:offer', (offer) => offer.task.channel === 'email');
      const receipt = stored(await receive(fixture('gb2312.eml')));
      const offer = await offered;
      expect(offer.task).toMatchObject({ id: receipt.taskId, channel: 'email', queueId: general.id });
      expect(offer.task.subject).toBe('张伟: 订单没有收到');
      expect(offer.customer).toMatchObject({ name: '张伟', tags: ['provisional'] });
      expect(offer.customer?.number).toMatch(/^E\d{7}$/);
      taskId = offer.task.id;
      threadId = receipt.threadId;
      expect(expectError(await a1.emitWithAck('email:open', { taskId: 'not-a-ulid' })).code).toBe('invalid-payload');
      expectOk(await a1.emitWithAck('task:accept', { taskId }));

      const view = expectOk(await a1.emitWithAck('email:open', { taskId }));
      expect(view.thread).toMatchObject({ id: threadId, taskId, mailbox: SUPPORT, customerAddress: 'gb2312@example.cn', subject: '订单没有收到' });
      expect(view.thread.ref).toMatch(/^T-/);
      expect(view.messages).toHaveLength(1);
      first = view.messages[0] as EmailMessage;
      expect(first).toMatchObject({ direction: 'inbound', messageId: 'gb2312.eml@example.cn', text: '您好，我上周订的茶叶还没有收到，请帮忙查一下。', autoKind: 'none', problems: [] });
      expect(first.attachments).toEqual([expect.objectContaining({ name: '订单截图.pdf', mimeType: 'application/pdf', dangerous: false, cid: null })]);

      const item = await t.hub.db.selectFrom('interactions').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
      expect(item.customer_id).toBe(offer.customer?.id);
      const identity = await t.hub.db.selectFrom('identities').selectAll().where('kind', '=', 'email').where('value', '=', 'gb2312@example.cn').executeTakeFirstOrThrow();
      expect(identity.customer_id).toBe(offer.customer?.id);
      const attachment = await t.hub.db.selectFrom('attachments').selectAll().where('id', '=', first.attachments[0]?.attachmentId ?? '').executeTakeFirstOrThrow();
      expect(attachment).toMatchObject({ kind: 'email', mime_type: 'application/pdf' });
    });

    it('lets only the holding agent or a supervisor open the thread', async () => {
      expect(expectError(await a4.emitWithAck('email:open', { taskId })).code).toBe('forbidden');
      expect(expectError(await a1.emitWithAck('email:open', { taskId: '01JDQ4Z0000000000000000000' })).code).toBe('not-found');
      const sup = await t.desktop('supervisor');
      expect(expectOk(await sup.emitWithAck('email:open', { taskId })).thread.id).toBe(threadId);
    });

    it('files the same mail delivered twice once', async () => {
      expect(await receive(fixture('gb2312.eml'))).toEqual({ outcome: 'duplicate', messageId: 'gb2312.eml@example.cn' });
    });

    it('adds a reply to the open thread and tells the holding agent, without a new task', async () => {
      const told = next<AgentEmailMessage>(a1, 'email:message');
      const noOffer = arrives(a1, 'task:offer');
      const reply = plainMessage({ From: '张伟 <GB2312@example.cn>', To: SUPPORT, Subject: 'Re: 订单没有收到', 'Message-ID': '<reply-1@example.cn>', 'In-Reply-To': `<${first.messageId}>` }, '补充：订单号 8841。');
      const receipt = stored(await receive(reply));
      expect(receipt).toMatchObject({ threadId, taskId });
      const announced = await told;
      expect(announced).toMatchObject({ taskId, message: { threadId, subject: 'Re: 订单没有收到', from: { address: 'gb2312@example.cn', name: '张伟' }, text: '补充：订单号 8841。', inReplyTo: first.messageId } });
      expect(await noOffer).toBe(false);
      expect(expectOk(await a1.emitWithAck('email:open', { taskId })).messages.map((m) => m.messageId)).toEqual([first.messageId, 'reply-1@example.cn']);
    });

    it('re-opens a finished thread as a new task for the same agent when the customer writes again (ticket token only)', async () => {
      expectOk(await a1.emitWithAck('task:complete', { taskId }));
      expectOk(await a1.emitWithAck('task:wrapup', { taskId, disposition: general.dispositions[0] }));
      expectOk(await a1.emitWithAck('agent:state:set', { status: 'available' }));
      const { thread } = expectOk(await (await t.desktop('supervisor')).emitWithAck('email:open', { taskId }));
      const offered = next<TaskOffer>(a1, 'task:offer', (offer) => offer.task.channel === 'email');
      // A mail client that dropped In-Reply-To and References: only the token in the subject ties it to the thread.
      const again = plainMessage({ From: 'gb2312@example.cn', To: SUPPORT, Subject: `Re: 订单没有收到 [#${thread.ref}]`, 'Message-ID': '<again-1@example.cn>' }, '还是没有收到。');
      const receipt = stored(await receive(again));
      expect(receipt.threadId).toBe(threadId);
      expect(receipt.taskId).not.toBe(taskId);
      const offer = await offered;
      expect(offer.task).toMatchObject({ id: receipt.taskId, preferredAgentId: agent1Id });
      expect(offer.customer?.id).toBe(first.customerId);
      expectOk(await a1.emitWithAck('task:accept', { taskId: offer.task.id }));
      taskId = offer.task.id;
      expect(expectOk(await a1.emitWithAck('email:open', { taskId })).messages).toHaveLength(3);
    });

    it('files bounces and auto-replies on the thread and timeline but never opens a task for them', async () => {
      expectOk(await a1.emitWithAck('task:complete', { taskId }));
      expectOk(await a1.emitWithAck('task:wrapup', { taskId, disposition: general.dispositions[0] }));
      expectOk(await a1.emitWithAck('agent:state:set', { status: 'available' }));
      const noOffer = arrives(a1, 'task:offer', 800);
      const ooo = plainMessage({ From: 'gb2312@example.cn', To: SUPPORT, Subject: 'Automatic reply: Re: 订单没有收到', 'Message-ID': '<ooo-1@example.cn>', 'In-Reply-To': '<again-1@example.cn>', 'Auto-Submitted': 'auto-replied' }, '休假中');
      const auto = stored(await receive(ooo));
      expect(auto).toMatchObject({ threadId, taskId });
      const bounce = stored(await receive(fixture('bounce-dsn.eml')));
      expect(bounce.taskId).toBeNull();
      const precedence = stored(await receive(fixture('precedence-bulk.eml')));
      expect(precedence.taskId).toBeNull();
      expect(await noOffer).toBe(false);
      const kinds = await t.hub.db.selectFrom('interactions').select('data').where('id', 'in', [auto.messageId, bounce.messageId]).execute();
      expect(kinds.map((row) => (JSON.parse(row.data) as { autoKind: string }).autoKind).sort()).toEqual(['auto-reply', 'bounce']);
    });

    it('attaches mail from a known address to that customer', async () => {
      const identity = await t.hub.db.selectFrom('identities').selectAll().where('kind', '=', 'email').orderBy('id').executeTakeFirstOrThrow();
      const receipt = stored(await receive(plainMessage({ From: `Known <${identity.value.toUpperCase()}>`, To: SUPPORT, Subject: 'hello again', 'Message-ID': '<known-1@example.com>' }, 'hi')));
      const thread = await t.hub.db.selectFrom('email_threads').select('customer_id').where('id', '=', receipt.threadId).executeTakeFirstOrThrow();
      expect(thread.customer_id).toBe(identity.customer_id);
    });

    it('quarantines mail for an address the hub does not serve', async () => {
      const receipt = await receive(fixture('plain-qp.eml'), { via: 'smtp', recipients: ['nobody@switchboard.local'] });
      expect(receipt).toMatchObject({ outcome: 'quarantined', reason: expect.stringMatching(/No configured mailbox/) });
    });

    describe('the hostile corpus', () => {
      /** What happens to each file: stored (with these notes) or quarantined (for this reason). */
      const expected: Record<string, { stored: RegExp[] } | { quarantined: RegExp }> = {
        'binary-garbage.eml': { quarantined: /no readable sender/ },
        'broken-boundary.eml': { stored: [/never appears/] },
        'dangerous-attachments.eml': { stored: [] },
        'deep-nesting.eml': { stored: [] },
        'huge-headers.eml': { quarantined: /MIME structure could not be read/ },
        'no-message-id.eml': { stored: [/no Message-ID/] },
        'no-sender.eml': { quarantined: /no readable sender/ },
        'oversize-attachment.eml': { stored: [/over the 65536-byte limit/] },
        'thousand-attachments.eml': { stored: [] },
        'unclosed-multipart.eml': { stored: [/never closed/] },
        'unknown-charset.eml': { stored: [/Unknown charset/, /not valid in the charset/] },
        'wrong-charset.eml': { stored: [/not valid in the charset/] },
        'xss-html.eml': { stored: [] },
        'zero-byte-attachment.eml': { stored: [/is empty/] },
      };

      it('has an expectation for every file in the corpus', () => {
        expect(readdirSync(new URL('hostile/', fixtures)).sort()).toEqual(Object.keys(expected).sort());
      });

      it.each(Object.entries(expected))('%s is stored with notes or quarantined with a reason, never dropped', async (file, outcome) => {
        const receipt = await receive(fixture(`hostile/${file}`));
        if ('quarantined' in outcome) {
          expect(receipt).toMatchObject({ outcome: 'quarantined', reason: expect.stringMatching(outcome.quarantined) });
          return;
        }
        const { messageId } = stored(receipt);
        const row = await t.hub.db.selectFrom('email_messages').select('data').where('id', '=', messageId).executeTakeFirstOrThrow();
        const message = JSON.parse(row.data) as EmailMessage;
        for (const note of outcome.stored) expect(message.problems.join('\n')).toMatch(note);
        if (outcome.stored.length === 0) expect(message.problems).toEqual([]);
      });

      it('keeps every one of 1,000 attachments, flags the dangerous ones, and keeps hostile HTML only as data', async () => {
        const rows = await t.hub.db.selectFrom('email_messages').select('data').execute();
        const messages = rows.map((row) => JSON.parse(row.data) as EmailMessage);
        expect(messages.find((m) => m.subject === '1000 attachments')?.attachments).toHaveLength(1000);
        const dangerous = messages.find((m) => m.subject === 'your invoice')?.attachments.map((a) => [a.name, a.dangerous]);
        expect(dangerous).toEqual([
          ['invoice.pdf.exe', true],
          ['readme.js', true],
          ['photo.png', true],
          ['prices.xlsm', true],
          ['fine.pdf', false],
        ]);
        const xss = messages.find((m) => m.messageId === 'xss@example.com');
        expect(xss?.html).toContain('<script>');
        expect(xss?.subject).toBe('<script>alert(1)</script> click me');
      });

      it('lists quarantined mail for admins with its reason and the raw message kept', async () => {
        const list = expectOk(await admin.emitWithAck('admin:email:quarantine', { limit: 50 }));
        expect(list.map((entry) => entry.reason)).toEqual(
          expect.arrayContaining([expect.stringMatching(/MIME structure/), expect.stringMatching(/no readable sender/), expect.stringMatching(/No configured mailbox/)]),
        );
        const huge = list.find((entry) => /MIME structure/.test(entry.reason));
        const raw = await t.hub.db.selectFrom('attachments').selectAll().where('id', '=', huge?.rawAttachmentId ?? '').executeTakeFirstOrThrow();
        expect(raw).toMatchObject({ kind: 'email-raw', mime_type: 'message/rfc822', size: fixture('hostile/huge-headers.eml').length });
        const older = expectOk(await admin.emitWithAck('admin:email:quarantine', { limit: 1, before: list[0]?.receivedAt }));
        expect(older.every((entry) => entry.receivedAt < (list[0]?.receivedAt ?? 0))).toBe(true);
        expect(expectError(await admin.emitWithAck('admin:email:quarantine', { limit: 5000 })).code).toBe('invalid-payload');
      });
    });

    it('quarantines a mail over the message size limit', async () => {
      const settings = expectOk(await admin.emitWithAck('admin:email:get', {}));
      expectOk(await admin.emitWithAck('admin:email:set', { ...settings, maxMessageBytes: 64 * 1024 }));
      const receipt = await receive(fixture('hostile/oversize-attachment.eml'));
      expect(receipt).toMatchObject({ outcome: 'quarantined', reason: expect.stringMatching(/message limit/) });
      expectOk(await admin.emitWithAck('admin:email:set', settings));
    });

    // Last: moving the clock this far expires every desktop's session.
    it('queues a mail again when its task waits past the queue’s max wait: a mail is never timed out and forgotten', async () => {
      expectOk(await a1.emitWithAck('agent:state:set', { status: 'offline' }));
      const receipt = stored(await receive(plainMessage({ From: 'patient@example.cn', To: SUPPORT, Subject: 'still waiting', 'Message-ID': '<patient-1@example.cn>' }, 'hello?')));
      const waiting = await t.hub.db.selectFrom('tasks').select('status').where('id', '=', receipt.taskId ?? '').executeTakeFirstOrThrow();
      expect(waiting.status).toBe('queued');
      t.clock.offsetMs += (general.maxWaitSec + 1) * 1000;
      await t.hub.routing.tick();
      const old = await t.hub.db.selectFrom('tasks').select('status').where('id', '=', receipt.taskId ?? '').executeTakeFirstOrThrow();
      expect(old.status).toBe('timed-out');
      const thread = await t.hub.db.selectFrom('email_threads').select('task_id').where('id', '=', receipt.threadId).executeTakeFirstOrThrow();
      expect(thread.task_id).not.toBe(receipt.taskId);
      const again = await t.hub.db.selectFrom('tasks').select(['status', 'queue_id']).where('id', '=', thread.task_id ?? '').executeTakeFirstOrThrow();
      expect(again).toEqual({ status: 'queued', queue_id: general.id });
    });
  });
}
