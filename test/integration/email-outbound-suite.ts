import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailMessage } from '../../shared/domain/email';
import type { AgentEmailMessage, EmailThreadView } from '../../shared/protocol/email';
import { EMAIL_FILE_NAME_HEADER, EMAIL_PATHS, type EmailSendArgs, type EmailUpload, emailFilePath } from '../../shared/protocol/email-outbound';
import type { Mutation, MutationResult } from '../../shared/protocol/mutations';
import type { Response } from '../../shared/protocol/errors';
import type { TaskOffer } from '../../shared/protocol/routing';
import { type Desktop, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const MAILBOX = 'support@switchboard.local';
const CUSTOMER = 'li.lei@example.cn';
/** The relay refuses this recipient for good (550), as a real one refuses an unknown mailbox. */
const REFUSED = 'nobody@example.invalid';

/**
 * A real SMTP relay (smtp-server) on a fixed port, so it can be stopped and
 * started again at the same address while the hub keeps the mail.
 */
function createRelay() {
  const received: ParsedMail[] = [];
  const envelopes: string[][] = [];
  let server: SMTPServer | null = null;
  let port = 0;
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address === REFUSED) {
          const error = Object.assign(new Error('5.1.1 No such mailbox'), { responseCode: 550 });
          return callback(error);
        }
        callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push(mail);
            envelopes.push(session.envelope.rcptTo.map((r) => r.address));
            callback();
          })
          .catch(callback);
      },
    });
  return {
    received,
    envelopes,
    get port() {
      return port;
    },
    async start(): Promise<void> {
      server = make();
      const s = server;
      await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', () => resolve()));
      port = (s.server.address() as AddressInfo).port;
    },
    async stop(): Promise<void> {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}

function next<T>(socket: Desktop, name: 'email:delivery' | 'task:offer', match: (value: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(name, listener);
      reject(new Error(`no matching ${name} arrived`));
    }, timeoutMs);
    const listener = (value: unknown) => {
      if (!match(value as T)) return;
      clearTimeout(timer);
      socket.off(name, listener);
      resolve(value as T);
    };
    socket.on(name, listener);
  });
}

const until = async (check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const rawMail = (messageId: string, subject: string, extra = '') =>
  Buffer.from(
    [
      `From: Li Lei <${CUSTOMER}>`,
      `To: ${MAILBOX}`,
      `Subject: ${subject}`,
      `Message-ID: <${messageId}>`,
      'Date: Tue, 24 Nov 2026 10:00:00 +0800',
      extra,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'My order has not arrived.',
      '',
    ]
      .filter((line, i) => line !== '' || i > 5)
      .join('\r\n'),
  );

/**
 * Agents' mail going out through a real SMTP relay: the `email.send`
 * mutation (once per id, who may, which files), the headers that thread it,
 * the hub's outbox with a relay that is down and comes back, a permanent
 * refusal, and "retry now".
 */
export function defineEmailOutboundSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`outbound email on ${label}`, () => {
    const relay = createRelay();
    let store: TestStore;
    let t: TestHub;
    let a1: Desktop;
    let a2: Desktop;
    let token1 = '';
    let token2 = '';
    let view: EmailThreadView;
    let taskId = '';

    const push = async (desktop: Desktop, mutation: Mutation): Promise<MutationResult> => {
      const { results } = expectOk(await desktop.emitWithAck('mutation:push', { mutations: [mutation] }));
      return results[0] as MutationResult;
    };

    const sendArgs = (overrides: Partial<EmailSendArgs> = {}): EmailSendArgs => {
      const parent = view.messages[0] as EmailMessage;
      return {
        emailId: ulid(),
        threadId: view.thread.id,
        customerId: view.thread.customerId,
        parentId: parent.id,
        mode: 'reply',
        to: [{ address: CUSTOMER, name: 'Li Lei' }],
        cc: [],
        bcc: [],
        subject: `Re: ${parent.subject}`,
        html: '<p>It left our warehouse <b>today</b>.</p>',
        text: 'It left our warehouse today.',
        attachments: [],
        occurredAt: Date.now(),
        ...overrides,
      };
    };
    const mutation = (args: EmailSendArgs): Mutation => ({ id: ulid(), name: 'email.send', args, createdAt: Date.now() });

    const upload = async (token: string, name: string, bytes: Uint8Array, type = 'application/pdf') => {
      const response = await fetch(`${t.hub.url}${EMAIL_PATHS.upload}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': type, [EMAIL_FILE_NAME_HEADER]: encodeURIComponent(name) },
        body: new Uint8Array(bytes),
      });
      return { status: response.status, answer: (await response.json()) as Response<EmailUpload> };
    };

    beforeAll(async () => {
      await relay.start();
      store = await makeStore();
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here`, SMTP_RELAY_URL: `smtp://127.0.0.1:${relay.port}` });
      token1 = (await t.login('agent1')).accessToken;
      token2 = (await t.login('agent2')).accessToken;
      [a1, a2] = await Promise.all([t.connect(token1), t.connect(token2)]);
      expectOk(await a1.emitWithAck('agent:state:set', { status: 'available' }));
      const offered = next<TaskOffer>(a1, 'task:offer', (offer) => offer.task.channel === 'email');
      const receipt = await t.hub.email.receive(rawMail('first@mail.example.cn', 'Where is my order?'), { via: 'smtp', recipients: [MAILBOX] });
      expect(receipt.outcome).toBe('stored');
      taskId = (await offered).task.id;
      expectOk(await a1.emitWithAck('task:accept', { taskId }));
      view = expectOk(await a1.emitWithAck('email:open', { taskId }));
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
      await relay.stop();
    });

    it('sends a reply with an attachment through the relay, threaded, once', async () => {
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
      const { status, answer } = await upload(token1, '发票 invoice.pdf', pdf);
      expect(status).toBe(200);
      const file = expectOk(answer);
      expect(file).toMatchObject({ name: '发票 invoice.pdf', mimeType: 'application/pdf', size: pdf.length });

      const args = sendArgs({ attachments: [{ attachmentId: file.attachmentId, name: file.name }], cc: [{ address: 'boss@example.cn', name: '' }], bcc: [{ address: 'audit@switchboard.local', name: '' }] });
      const sent = next<AgentEmailMessage>(a1, 'email:delivery', (update) => update.message.id === args.emailId && update.message.delivery?.status === 'sent');
      const m = mutation(args);
      expect(await push(a1, m)).toMatchObject({ status: 'applied' });
      const delivered = await sent;
      expect(delivered.taskId).toBe(taskId);
      await until(() => relay.received.length === 1, 'the relay to receive the reply');

      const mail = relay.received[0] as ParsedMail;
      const parent = view.messages[0] as EmailMessage;
      expect(mail.messageId).toBe(`<${args.emailId.toLowerCase()}@switchboard.local>`);
      expect(mail.inReplyTo).toBe(`<${parent.messageId}>`);
      expect(mail.references).toEqual(`<${parent.messageId}>`);
      expect(mail.from?.value[0]?.address).toBe(MAILBOX);
      expect(mail.subject).toBe(`Re: Where is my order? [#${view.thread.ref}]`);
      expect(mail.text?.trim()).toBe('It left our warehouse today.');
      expect(mail.html).toContain('<b>today</b>');
      expect(mail.attachments.map((a) => [a.filename, a.contentType, a.content.length])).toEqual([['发票 invoice.pdf', 'application/pdf', pdf.length]]);
      // Bcc goes in the envelope only, never in the headers the customer sees.
      expect(relay.envelopes[0]).toEqual([CUSTOMER, 'boss@example.cn', 'audit@switchboard.local']);
      expect(mail.headers.has('bcc')).toBe(false);

      // The outbox re-sends its entry after a lost ack: applied once, mailed once.
      expect(await push(a1, m)).toMatchObject({ status: 'duplicate' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(relay.received).toHaveLength(1);

      // On the thread, and on the customer's timeline.
      const reopened = expectOk(await a1.emitWithAck('email:open', { taskId }));
      expect(reopened.messages.at(-1)).toMatchObject({ id: args.emailId, direction: 'outbound', delivery: { status: 'sent', attempts: 1 } });
      const page = expectOk(await a1.emitWithAck('history:page', { customerId: view.thread.customerId, before: Date.now() + 60_000 }));
      expect(page.interactions.find((item) => item.id === args.emailId)).toMatchObject({ channel: 'email', direction: 'outbound', to: CUSTOMER });

      // The file can be fetched back by the agent working the thread, and not by another agent.
      const url = `${t.hub.url}${emailFilePath(args.emailId, file.attachmentId)}`;
      const mine = await fetch(url, { headers: { authorization: `Bearer ${token1}` } });
      expect(mine.status).toBe(200);
      expect(mine.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await mine.arrayBuffer()).equals(pdf)).toBe(true);
      expect((await fetch(url, { headers: { authorization: `Bearer ${token2}` } })).status).toBe(403);
      expect((await fetch(url)).status).toBe(401);

      // The customer's answer to our mail lands in the same thread.
      const customerReply = await t.hub.email.receive(rawMail('second@mail.example.cn', 'Re: Where is my order?', `In-Reply-To: ${mail.messageId}`), { via: 'smtp', recipients: [MAILBOX] });
      expect(customerReply).toMatchObject({ outcome: 'stored', threadId: view.thread.id });
    });

    it('forwards a mail with a file already in the thread, as a new chain that the ticket token brings back', async () => {
      const withFile = expectOk(await a1.emitWithAck('email:open', { taskId })).messages.find((message) => message.attachments.length > 0) as EmailMessage;
      const file = withFile.attachments[0] as EmailMessage['attachments'][number];
      const before = relay.received.length;
      const args = sendArgs({ mode: 'forward', parentId: withFile.id, to: [{ address: 'warehouse@partner.example', name: 'Warehouse' }], subject: 'Fwd: Where is my order?', attachments: [{ attachmentId: file.attachmentId, name: file.name }] });
      expect(await push(a1, mutation(args))).toMatchObject({ status: 'applied' });
      await until(() => relay.received.length === before + 1, 'the relay to receive the forward');
      const mail = relay.received.at(-1) as ParsedMail;
      expect(mail.inReplyTo).toBeUndefined();
      expect(mail.references).toBeUndefined();
      expect(mail.subject).toBe(`Fwd: Where is my order? [#${view.thread.ref}]`);
      expect(mail.attachments.map((a) => a.filename)).toEqual([file.name]);
    });

    it('refuses what the agent may not send, each with its reason', async () => {
      expect(await push(a2, mutation(sendArgs()))).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
      const other = expectOk((await upload(token2, 'theirs.pdf', Buffer.from('%PDF-1.4 other\n'))).answer);
      const stolen = await push(a1, mutation(sendArgs({ attachments: [{ attachmentId: other.attachmentId, name: 'theirs.pdf' }] })));
      expect(stolen).toMatchObject({ status: 'rejected', error: { code: 'not-found', issues: [{ path: 'args.attachments.0' }] } });
      expect(await push(a1, mutation(sendArgs({ parentId: ulid() })))).toMatchObject({ status: 'rejected', error: { code: 'not-found' } });
      expect(await push(a1, mutation(sendArgs({ to: [] })))).toMatchObject({ status: 'rejected', error: { code: 'invalid-payload' } });
      const program = await upload(token1, 'setup.exe', Buffer.from('MZ\x90\x00program'), 'application/octet-stream');
      expect(program.status).toBe(415);
      expect(expectError(program.answer).code).toBe('unsupported-type');
      expect((await upload(token1, 'empty.pdf', Buffer.alloc(0))).status).toBe(400);
      const retryOther = expectError(await a1.emitWithAck('email:retry', { emailId: ulid() }));
      expect(retryOther.code).toBe('not-found');
    });

    it('keeps a mail while the relay is down and delivers it once when it is back', async () => {
      await relay.stop();
      const before = relay.received.length;
      const args = sendArgs({ text: 'Sent while the relay was down.', html: '<p>Sent while the relay was down.</p>' });
      const failed = next<AgentEmailMessage>(a1, 'email:delivery', (update) => update.message.id === args.emailId);
      expect(await push(a1, mutation(args))).toMatchObject({ status: 'applied' });
      const failure = (await failed).message.delivery;
      expect(failure).toMatchObject({ status: 'failed', attempts: 1, sentAt: null });
      expect(failure?.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(failure?.nextAttemptAt).toBeGreaterThan(t.clock.now());

      // The retry is not due yet: nothing moves while the relay is back but the clock has not reached it.
      await relay.start();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(relay.received.length).toBe(before);

      const sent = next<AgentEmailMessage>(a1, 'email:delivery', (update) => update.message.id === args.emailId && update.message.delivery?.status === 'sent');
      t.clock.offsetMs += 20_000;
      expect((await sent).message.delivery).toMatchObject({ attempts: 2, lastError: null });
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(relay.received.filter((mail) => mail.text?.includes('relay was down'))).toHaveLength(1);
      expect(expectError(await a1.emitWithAck('email:retry', { emailId: args.emailId })).code).toBe('conflict');
    });

    it('stops retrying on a permanent refusal until the agent retries by hand', async () => {
      const args = sendArgs({ to: [{ address: REFUSED, name: '' }] });
      const failed = next<AgentEmailMessage>(a1, 'email:delivery', (update) => update.message.id === args.emailId);
      expect(await push(a1, mutation(args))).toMatchObject({ status: 'applied' });
      expect((await failed).message.delivery).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });
      expect(expectError(await a2.emitWithAck('email:retry', { emailId: args.emailId })).code).toBe('forbidden');
      const again = next<AgentEmailMessage>(a1, 'email:delivery', (update) => update.message.id === args.emailId && update.message.delivery?.attempts === 2);
      expect(expectOk(await a1.emitWithAck('email:retry', { emailId: args.emailId })).delivery).toMatchObject({ status: 'queued' });
      expect((await again).message.delivery).toMatchObject({ status: 'failed', nextAttemptAt: null });
    });

    it('keeps signatures per agent and per queue (the queue one for administrators only)', async () => {
      const queueId = view.thread.queueId;
      expect(expectOk(await a1.emitWithAck('email:signature:set', { scope: 'agent', text: 'Agent One\nCustomer care' }))).toMatchObject({ agent: 'Agent One\nCustomer care' });
      expect(expectError(await a1.emitWithAck('email:signature:set', { scope: 'queue', queueId, text: 'ACME' })).code).toBe('forbidden');
      const admin = await t.desktop('admin');
      expect(expectOk(await admin.emitWithAck('email:signature:set', { scope: 'queue', queueId, text: 'ACME Ltd · 400-800-0000' })).queue).toBe('ACME Ltd · 400-800-0000');
      expect(expectError(await admin.emitWithAck('email:signature:set', { scope: 'queue', queueId: ulid(), text: 'x' })).code).toBe('not-found');
      expect(expectOk(await a1.emitWithAck('email:signatures', { queueId }))).toEqual({ agent: 'Agent One\nCustomer care', queue: 'ACME Ltd · 400-800-0000' });
      expect(expectOk(await a2.emitWithAck('email:signatures', { queueId }))).toEqual({ agent: '', queue: 'ACME Ltd · 400-800-0000' });
      // Bad input and the wrong role get their own typed refusals.
      expect(expectError(await a1.emitWithAck('email:retry', { emailId: 'not-a-ulid' })).code).toBe('invalid-payload');
      expect(expectError(await a1.emitWithAck('email:signatures', {} as { queueId: string })).code).toBe('invalid-payload');
      expect(expectError(await a1.emitWithAck('email:signature:set', { scope: 'agent', text: 'x'.repeat(2_001) })).code).toBe('invalid-payload');
      expect(expectError(await admin.emitWithAck('email:retry', { emailId: ulid() })).code).toBe('forbidden');
    });
  });
}
