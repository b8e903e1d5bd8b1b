import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interaction } from '../../shared/domain/interaction';
import type { Queue } from '../../shared/domain/routing';
import type { TaskOffer, TaskView } from '../../shared/protocol/routing';
import { type AgentSmsMessage, type AgentSmsOptOut, SMS_PATHS, SMS_SIGNATURE_HEADER } from '../../shared/protocol/sms';
import { webhookSignature } from '../../hub/sms/signature';
import { type Desktop, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const SECRET = 'sms-auth-token-for-tests';
const ACCOUNT = 'AC-test-account';
const OUR_NUMBER = '+8610690000001';
const CUSTOMER = '+8613912345678';
/** A 1×1 PNG: an MMS picture the stand-in provider serves. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

type ProviderCall = { auth: string | undefined; form: URLSearchParams };

function next<T>(socket: Desktop, name: string, match: (value: T) => boolean = () => true, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(name as 'sms:message', listener);
      reject(new Error(`no ${name} arrived`));
    }, timeoutMs);
    const listener = (value: unknown) => {
      if (!match(value as T)) return;
      clearTimeout(timer);
      socket.off(name as 'sms:message', listener);
      resolve(value as T);
    };
    socket.on(name as 'sms:message', listener);
  });
}

const readAll = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => resolve(body));
  });

/**
 * The SMS channel as a Twilio-style provider drives it: signed form posts to
 * the hub's webhooks over real HTTP, and the provider's send API. The
 * provider itself cannot run here, so a local HTTP listener stands in for
 * its outbound API (and serves the MMS media it would host); everything on
 * the hub's side is real. Steps build on each other, in order.
 */
export function defineSmsSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`sms on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let admin: Desktop;
    let a1: Desktop;
    let a4: Desktop;
    let general: Queue;
    const ids: Record<string, string> = {};
    let provider: Server;
    let providerUrl = '';
    const sent: ProviderCall[] = [];
    /** What the stand-in answers the next sends with. */
    let providerAnswer: { status: number; body: unknown } = { status: 201, body: null };
    let sidSeq = 0;
    let taskId = '';
    let customerId = '';

    const signedPost = async (path: string, fields: Record<string, string>, options: { signature?: string | null; secret?: string; query?: string } = {}) => {
      const params = new URLSearchParams(fields);
      const url = `${t.hub.url}${path}${options.query ?? ''}`;
      const signature = options.signature === undefined ? webhookSignature(options.secret ?? SECRET, url, params) : options.signature;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { [SMS_SIGNATURE_HEADER]: signature }) },
        body: params,
      });
      const text = await response.text();
      return { status: response.status, text, json: text.startsWith('{') ? (JSON.parse(text) as unknown) : null };
    };
    const text = (body: string, extra: Record<string, string> = {}) =>
      signedPost(SMS_PATHS.inbound, { MessageSid: `SM${label}${++sidSeq}`, From: CUSTOMER, To: OUR_NUMBER, Body: body, ...extra });
    const messageCount = async () => Number((await t.hub.db.selectFrom('sms_messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const task = async (id: string): Promise<TaskView> =>
      JSON.parse((await t.hub.db.selectFrom('tasks').select('data').where('id', '=', id).executeTakeFirstOrThrow()).data) as TaskView;
    const smsTimeline = async (): Promise<Interaction[]> =>
      (await t.hub.db.selectFrom('interactions').select('data').where('customer_id', '=', customerId).where('channel', '=', 'sms').orderBy('id').execute()).map(
        (row) => JSON.parse(row.data) as Interaction,
      );

    beforeAll(async () => {
      store = await makeStore();
      provider = createServer((request, response) => {
        if (request.method === 'GET' && request.url === '/media/picture.png') {
          response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
          return;
        }
        if (request.method === 'GET' && request.url === '/media/page.png') {
          response.writeHead(200, { 'content-type': 'image/png' }).end('<html><script>alert(1)</script></html>');
          return;
        }
        void readAll(request).then((body) => {
          sent.push({ auth: request.headers.authorization, form: new URLSearchParams(body) });
          const answer = providerAnswer.body ?? { sid: `SMout${sent.length}`, status: 'queued' };
          response.writeHead(providerAnswer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        });
      });
      await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
      providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here`, ACCESS_TTL_SEC: '86400' });
      admin = await t.desktop('admin');
      [a1, a4] = await Promise.all([t.desktop('agent1'), t.desktop('agent4')]);
      for (const [name, desktop] of [['a1', a1], ['a4', a4]] as const) ids[name] = expectOk(await desktop.emitWithAck('session:whoami', {})).id;
      const queues = expectOk(await admin.emitWithAck('admin:queue:list', {}));
      const found = queues.find((queue) => queue.name.startsWith('General'));
      if (!found) throw new Error('no General queue');
      general = found;
      // agent4 is only in General: with agent1 away, every SMS task rings agent4 first.
      expectOk(await a4.emitWithAck('agent:state:set', { status: 'available' }));
    });

    afterAll(async () => {
      await t?.close();
      await new Promise((resolve) => provider?.close(resolve));
      await store?.cleanup();
    });

    it('seeds the demo number into General, and lets only an admin set the provider', async () => {
      const seeded = expectOk(await admin.emitWithAck('admin:sms:get', {}));
      expect(seeded).toEqual({ providerUrl: null, account: '', publicUrl: null, numbers: [{ number: OUR_NUMBER, queueId: general.id }], secretSet: false });
      const settings = { providerUrl: `${providerUrl}/Accounts/${ACCOUNT}/Messages.json`, account: ACCOUNT, secret: SECRET, publicUrl: null, numbers: seeded.numbers };
      expect(expectError(await a1.emitWithAck('admin:sms:set', settings)).code).toBe('forbidden');
      const bad = expectError(await admin.emitWithAck('admin:sms:set', { ...settings, numbers: [{ number: '0139', queueId: general.id }] }));
      expect(bad.code).toBe('invalid-payload');
      expect(bad.issues?.[0]?.path).toBe('numbers.0.number');
      expect(expectOk(await admin.emitWithAck('admin:sms:set', settings))).toMatchObject({ secretSet: true, account: ACCOUNT });
      // Saving without a secret keeps the stored one.
      const { secret: _kept, ...withoutSecret } = settings;
      expect(expectOk(await admin.emitWithAck('admin:sms:set', withoutSecret)).secretSet).toBe(true);
    });

    it('answers an unsigned or wrongly signed webhook with 403 and stores nothing', async () => {
      const before = await messageCount();
      const fields = { MessageSid: 'SMforged', From: CUSTOMER, To: OUR_NUMBER, Body: 'forged' };
      for (const options of [{ signature: null }, { signature: 'AAAA' }, { secret: 'not-the-secret' }]) {
        const answer = await signedPost(SMS_PATHS.inbound, fields, options);
        expect(answer.status).toBe(403);
        expect(expectError(answer.json as never).code).toBe('forbidden');
      }
      expect((await signedPost(SMS_PATHS.status, { MessageSid: 'SMx', MessageStatus: 'delivered' }, { signature: null })).status).toBe(403);
      expect(await messageCount()).toBe(before);
    });

    it('refuses missing fields, an oversize body and a number that is not ours, each with its own error', async () => {
      const missing = await signedPost(SMS_PATHS.inbound, { Body: 'no sender' });
      expect(missing.status).toBe(400);
      const refusal = expectError(missing.json as never);
      expect(refusal.code).toBe('invalid-payload');
      expect(refusal.issues?.map((issue) => issue.path)).toEqual(['MessageSid', 'From', 'To']);
      const huge = await signedPost(SMS_PATHS.inbound, { MessageSid: 'SMhuge', From: CUSTOMER, To: OUR_NUMBER, Body: 'x'.repeat(40 * 1024) });
      expect(huge.status).toBe(413);
      expect(expectError(huge.json as never).code).toBe('too-large');
      const elsewhere = await signedPost(SMS_PATHS.inbound, { MessageSid: 'SMelse', From: CUSTOMER, To: '+8610690000999', Body: 'hi' });
      expect(elsewhere.status).toBe(404);
      expect(expectError(elsewhere.json as never).code).toBe('not-found');
      const badFrom = await signedPost(SMS_PATHS.inbound, { MessageSid: 'SMbad', From: 'not-a-number', To: OUR_NUMBER, Body: 'hi' });
      expect(badFrom.status).toBe(400);
      const unknownReport = await signedPost(SMS_PATHS.status, { MessageSid: 'SMnever', MessageStatus: 'delivered' });
      expect(unknownReport.status).toBe(404);
      expect(await messageCount()).toBe(0);
    });

    it('turns a text from an unknown number into a provisional customer and an sms task in the number\'s queue', async () => {
      const offered = next<TaskOffer>(a4, 'task:offer');
      const answer = await text('您好，我的订单还没到');
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('<Response>');
      const offer = await offered;
      taskId = offer.task.id;
      const view = await task(taskId);
      expect(view).toMatchObject({ channel: 'sms', queueId: general.id, status: 'offered', offeredTo: ids.a4 });
      customerId = view.customerId ?? '';
      const customer = await t.hub.db.selectFrom('customers').selectAll().where('id', '=', customerId).executeTakeFirstOrThrow();
      expect(customer.number.startsWith('P')).toBe(true);
      expect(JSON.parse(customer.tags)).toContain('provisional');
      const identity = await t.hub.db.selectFrom('identities').selectAll().where('kind', '=', 'phone').where('value', '=', CUSTOMER).executeTakeFirstOrThrow();
      expect(identity.customer_id).toBe(customerId);
      expect(await smsTimeline()).toMatchObject([{ channel: 'sms', direction: 'inbound', from: CUSTOMER, to: OUR_NUMBER, text: '您好，我的订单还没到' }]);
    });

    it('files a webhook the provider re-posts once', async () => {
      const fields = { MessageSid: `SM${label}repeat`, From: CUSTOMER, To: OUR_NUMBER, Body: 'same one twice' };
      expect((await signedPost(SMS_PATHS.inbound, fields)).status).toBe(200);
      expect((await signedPost(SMS_PATHS.inbound, fields)).status).toBe(200);
      const rows = await t.hub.db.selectFrom('sms_messages').select('text').where('text', '=', 'same one twice').execute();
      expect(rows).toHaveLength(1);
    });

    it('threads further texts into the open conversation and lets only its agent open it', async () => {
      expect(expectError(await a1.emitWithAck('sms:open', { taskId })).code).toBe('forbidden');
      expectOk(await a4.emitWithAck('task:accept', { taskId }));
      const arrived = next<AgentSmsMessage>(a4, 'sms:message');
      await text('还在吗？');
      expect((await arrived).message).toMatchObject({ direction: 'inbound', text: '还在吗？', status: 'received' });
      const thread = expectOk(await a4.emitWithAck('sms:open', { taskId }));
      expect(thread.optedOut).toBe(false);
      expect(thread.conversation).toMatchObject({ customerNumber: CUSTOMER, ourNumber: OUR_NUMBER, agentId: ids.a4, status: 'open' });
      expect(thread.messages.map((message) => message.text)).toEqual(['您好，我的订单还没到', 'same one twice', '还在吗？']);
      const open = await t.hub.db.selectFrom('tasks').select('id').where('status', '!=', 'done').execute();
      expect(open.filter((row) => row.id !== taskId).length).toBe(0);
    });

    it('sends a reply through the provider once per client id, and follows its delivery reports', async () => {
      const clientId = ulid();
      // Announced once the provider has taken it (the stand-in answers "queued", as Twilio does).
      const taken = next<AgentSmsMessage>(a4, 'sms:message', (update) => update.message.clientId === clientId);
      const reply = expectOk(await a4.emitWithAck('sms:send', { taskId, clientId, text: '您好，已为您查询，明天送达。' }));
      expect(reply).toMatchObject({ direction: 'outbound', status: 'queued', agentId: ids.a4 });
      expect((await taken).message).toMatchObject({ id: reply.id, status: 'queued', error: null });
      // Re-sent from the outbox after a reconnect: the same message, not a second text.
      expect(expectOk(await a4.emitWithAck('sms:send', { taskId, clientId, text: '您好，已为您查询，明天送达。' })).id).toBe(reply.id);
      expect(sent).toHaveLength(1);
      const call = sent[0] as ProviderCall;
      expect(call.auth).toBe(`Basic ${Buffer.from(`${ACCOUNT}:${SECRET}`).toString('base64')}`);
      expect(Object.fromEntries(call.form)).toMatchObject({ From: OUR_NUMBER, To: CUSTOMER, Body: '您好，已为您查询，明天送达。' });
      const callback = call.form.get('StatusCallback') ?? '';
      expect(callback).toBe(`${t.hub.url}${SMS_PATHS.status}?message=${reply.id}`);

      const delivered = next<AgentSmsMessage>(a4, 'sms:message', (update) => update.message.status === 'delivered');
      const query = callback.slice(callback.indexOf('?'));
      expect((await signedPost(SMS_PATHS.status, { MessageSid: 'SMout1', MessageStatus: 'sent' }, { query })).status).toBe(200);
      expect((await signedPost(SMS_PATHS.status, { MessageSid: 'SMout1', MessageStatus: 'delivered' }, { query })).status).toBe(200);
      expect((await delivered).message.id).toBe(reply.id);
      // A late "sent" does not move it back.
      expect((await signedPost(SMS_PATHS.status, { MessageSid: 'SMout1', MessageStatus: 'sent' }, { query })).status).toBe(200);
      const thread = expectOk(await a4.emitWithAck('sms:open', { taskId }));
      expect(thread.messages.at(-1)).toMatchObject({ id: reply.id, status: 'delivered', error: null });
      expect((await smsTimeline()).at(-1)).toMatchObject({ direction: 'outbound', from: OUR_NUMBER, to: CUSTOMER, agentId: ids.a4 });
    });

    it('marks a text the provider refuses as failed, and sends it again on retry', async () => {
      providerAnswer = { status: 400, body: { code: 21211, message: 'Invalid To number' } };
      const failed = next<AgentSmsMessage>(a4, 'sms:message', (update) => update.message.status === 'failed');
      const reply = expectOk(await a4.emitWithAck('sms:send', { taskId, clientId: ulid(), text: 'Second try' }));
      expect((await failed).message.error).toContain('HTTP 400: Invalid To number');
      providerAnswer = { status: 201, body: null };
      const queuedAgain = next<AgentSmsMessage>(a4, 'sms:message', (update) => update.message.id === reply.id && update.message.status === 'queued');
      expect(expectOk(await a4.emitWithAck('sms:retry', { taskId, messageId: reply.id })).status).toBe('queued');
      await queuedAgain;
      expect(expectError(await a4.emitWithAck('sms:retry', { taskId, messageId: reply.id })).code).toBe('conflict');
      expect(sent.at(-1)?.form.get('Body')).toBe('Second try');
    });

    it('opts a number out on STOP (退订 too), refuses replies to it, and opts it back in on START', async () => {
      const optOut = next<AgentSmsOptOut>(a4, 'sms:opt-out');
      await text('退订');
      expect(await optOut).toEqual({ taskId, customerNumber: CUSTOMER, optedOut: true });
      expect(expectOk(await a4.emitWithAck('sms:open', { taskId })).optedOut).toBe(true);
      const before = sent.length;
      const refusal = expectError(await a4.emitWithAck('sms:send', { taskId, clientId: ulid(), text: 'Are you sure?' }));
      expect(refusal.code).toBe('forbidden');
      expect(refusal.issues).toEqual([{ path: 'to', message: 'opted-out' }]);
      expect(sent.length).toBe(before);
      const optIn = next<AgentSmsOptOut>(a4, 'sms:opt-out');
      await text('START');
      expect((await optIn).optedOut).toBe(false);
      expectOk(await a4.emitWithAck('sms:send', { taskId, clientId: ulid(), text: 'Welcome back' }));
    });

    it('keeps an MMS picture in the attachment store and serves it by signed link; a page dressed as a picture is refused', async () => {
      const arrived = next<AgentSmsMessage>(a4, 'sms:message', (update) => update.message.media.length > 0);
      await text('看这张照片', { NumMedia: '2', MediaUrl0: `${providerUrl}/media/picture.png`, MediaUrl1: `${providerUrl}/media/page.png` });
      const { message } = await arrived;
      expect(message.media).toMatchObject([{ mimeType: 'image/png', size: PNG.length }]);
      expect(message.error).toBe('picture 2: not an image');
      const row = await t.hub.db.selectFrom('attachments').selectAll().where('id', '=', message.media[0]?.attachmentId ?? '').executeTakeFirstOrThrow();
      expect(row.kind).toBe('sms');
      const image = await fetch(`${t.hub.url}${message.media[0]?.url}`);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
      expect((await fetch(`${t.hub.url}${SMS_PATHS.media}sm1.forged.link`)).status).toBe(401);
    });

    it('closes the conversation with its task; the next text opens a new task offered first to the same agent', async () => {
      expectOk(await a4.emitWithAck('task:complete', { taskId }));
      expectOk(await a4.emitWithAck('task:wrapup', { taskId, disposition: general.dispositions[0] }));
      expectOk(await a1.emitWithAck('agent:state:set', { status: 'available' }));
      t.clock.offsetMs += 120_000;
      await t.hub.routing.tick();
      expectOk(await a4.emitWithAck('agent:state:set', { status: 'available' }));
      const offered = next<TaskOffer>(a4, 'task:offer');
      await text('又是我');
      const offer = await offered;
      expect(offer.task.id).not.toBe(taskId);
      expect(await task(offer.task.id)).toMatchObject({ channel: 'sms', customerId, offeredTo: ids.a4 });
      const conversations = await t.hub.db.selectFrom('sms_conversations').select(['status', 'task_id']).orderBy('started_at').execute();
      expect(conversations.map((row) => row.status)).toEqual(['done', 'open']);
    });

    it('opens no task for a keyword alone, yet opts the number out and puts the text on the timeline', async () => {
      const open = await t.hub.db.selectFrom('sms_conversations').select('task_id').where('status', '=', 'open').executeTakeFirstOrThrow();
      const reopened = open.task_id ?? '';
      expectOk(await a4.emitWithAck('task:accept', { taskId: reopened }));
      expectOk(await a4.emitWithAck('task:complete', { taskId: reopened }));
      expectOk(await a4.emitWithAck('task:wrapup', { taskId: reopened, disposition: general.dispositions[0] }));
      const tasksBefore = (await t.hub.db.selectFrom('tasks').select('id').execute()).length;
      const timelineBefore = (await smsTimeline()).length;
      expect((await text('STOP')).status).toBe(200);
      expect((await t.hub.db.selectFrom('tasks').select('id').execute()).length).toBe(tasksBefore);
      expect(await t.hub.db.selectFrom('sms_opt_outs').select('keyword').where('number', '=', CUSTOMER).executeTakeFirst()).toEqual({ keyword: 'STOP' });
      expect((await smsTimeline()).length).toBe(timelineBefore + 1);
      expect((await text('订阅')).status).toBe(200);
      expect(await t.hub.db.selectFrom('sms_opt_outs').select('keyword').where('number', '=', CUSTOMER).executeTakeFirst()).toBeUndefined();
      expect((await t.hub.db.selectFrom('tasks').select('id').execute()).length).toBe(tasksBefore);
    });

    it('keeps the SMS events to their roles', async () => {
      expect(expectError(await admin.emitWithAck('sms:open', { taskId })).code).toBe('forbidden');
      expect(expectError(await a4.emitWithAck('admin:sms:get', {})).code).toBe('forbidden');
      expect(expectError(await a4.emitWithAck('sms:send', { taskId, clientId: 'not-a-ulid', text: 'x' })).code).toBe('invalid-payload');
      expect(expectError(await a4.emitWithAck('sms:send', { taskId, clientId: ulid(), text: '   ' })).code).toBe('invalid-payload');
    });
  });
}
