import { connect } from 'node:net';
import { type Socket as ClientSocket, io } from 'socket.io-client';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAttachment } from '../../shared/domain/chat';
import type { Interaction } from '../../shared/domain/interaction';
import type { Queue } from '../../shared/domain/routing';
import type { Response } from '../../shared/protocol/errors';
import type { AgentChatLine } from '../../shared/protocol/chat';
import type { TaskOffer } from '../../shared/protocol/routing';
import {
  type HubToVisitorEvents,
  VISITOR_NAMESPACE,
  VISITOR_PATHS,
  type VisitorSession,
  type VisitorToHubEvents,
} from '../../shared/protocol/visitor';
import { type Desktop, expectError, expectOk, refusedHandshake, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

type Visitor = ClientSocket<HubToVisitorEvents, VisitorToHubEvents>;

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const XSS = '<img src=x onerror=alert(1)><script>alert(2)</script>';

/**
 * Sends a chunked body of text for as long as the connection stays open:
 * resolves, with what the hub answered and how much was sent, only when the
 * hub closes the connection (a hub that read on forever would time the test out).
 */
/**
 * Streams a chunked upload with no length, stopping (without ending the
 * request) once `stopAfter` bytes are out, as a client does that waits for an
 * early answer; resolves when the hub has answered and closed the connection.
 */
function streamPastLimit(port: number, path: string, headers: Record<string, string>, stopAfter: number): Promise<{ answer: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunk = Buffer.concat([Buffer.from('10000\r\n'), Buffer.alloc(0x10000, 'a'), Buffer.from('\r\n')]);
    let answer = '';
    let sent = 0;
    const pump = () => {
      while (!socket.destroyed && sent < stopAfter) {
        sent += 0x10000;
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    socket.on('data', (data) => {
      answer += data.toString('utf8');
    });
    socket.once('close', () => resolve({ answer }));
    socket.once('connect', () => {
      const head = Object.entries({ host: `127.0.0.1:${port}`, 'transfer-encoding': 'chunked', ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
      socket.write(`POST ${path} HTTP/1.1\r\n${head.join('')}\r\n`);
      pump();
    });
  });
}

/** Resolves with the next event of `name` that passes `match`. */
function next<T>(socket: Desktop | Visitor, name: string, match: (value: T) => boolean = () => true, timeoutMs = 3_000): Promise<T> {
  // Both sockets' event maps are typed; this helper listens by name, so it sees them as plain emitters.
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

/**
 * The web chat channel on a real hub: visitors over HTTP and their own
 * namespace, agents on their desktops, the hub's clock moved for max wait.
 * Steps build on each other, in order.
 */
export function defineChatSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`web chat on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let sup: Desktop;
    let a1: Desktop;
    let a4: Desktop;
    let general: Queue;
    const visitors: Visitor[] = [];

    const startChat = async (body: Record<string, unknown>) => {
      const { status, json } = await t.post(VISITOR_PATHS.start, { widgetId: 'demo', ...body });
      return { status, answer: json as Response<VisitorSession> };
    };
    const openVisitor = (token: string): Promise<Visitor> =>
      new Promise((resolve, reject) => {
        const socket: Visitor = io(`${t.hub.url}${VISITOR_NAMESPACE}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
        visitors.push(socket);
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    const upload = (token: string, type: string, body: Buffer, extra: Record<string, string> = {}) =>
      fetch(`${t.hub.url}${VISITOR_PATHS.upload}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': type, 'x-file-name': encodeURIComponent('照片 photo.png'), ...extra },
        body: new Uint8Array(body),
      });

    beforeAll(async () => {
      store = await makeStore();
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` }, { chatLimits: { starts: { burst: 20, refillMs: 60_000 } } });
      sup = await t.desktop('supervisor');
      [a1, a4] = await Promise.all([t.desktop('agent1'), t.desktop('agent4')]);
      general = expectOk(await sup.emitWithAck('admin:queue:list', {})).find((queue) => queue.name.startsWith('General')) as Queue;
    });

    afterAll(async () => {
      for (const socket of visitors) socket.disconnect();
      await t?.close();
      await store?.cleanup();
    });

    it('describes the demo widget, and refuses an unknown one', async () => {
      const { status, json } = await t.post(VISITOR_PATHS.widget, { widgetId: 'demo' });
      expect(status).toBe(200);
      expect(json).toMatchObject({ ok: true, data: { widgetId: 'demo', askName: 'optional', open: true, nextOpenAt: null } });
      const missing = await t.post(VISITOR_PATHS.widget, { widgetId: 'nope' });
      expect(missing.status).toBe(404);
      expect(missing.json).toMatchObject({ ok: false, error: { code: 'not-found' } });
    });

    let first: VisitorSession;
    let visitor: Visitor;
    /** A second visitor, waiting behind the first. */
    let otherSocket: Visitor;
    let taskId: string;

    it('starts a chat as a task with a provisional customer, offered to an available agent with screen pop', async () => {
      expectOk(await a1.emitWithAck('agent:state:set', { status: 'available' }));
      const offered = next<TaskOffer>(a1, 'task:offer');
      const { status, answer } = await startChat({ name: 'Lin Mei', locale: 'zh-CN' });
      expect(status).toBe(200);
      first = expectOk(answer);
      const offer = await offered;
      taskId = offer.task.id;
      expect(offer.task.channel).toBe('chat');
      expect(offer.task.subject).toContain('Lin Mei');
      expect(offer.customer).toMatchObject({ name: 'Lin Mei', tags: ['provisional'], tier: 'small' });
      expect(offer.customer?.number).toMatch(/^W\d{7}$/);
      visitor = await openVisitor(first.token);
      const state = expectOk(await visitor.emitWithAck('chat:resume', {}));
      expect(state.conversation.status).toBe('waiting');
      expect(state.lines[0]).toMatchObject({ from: 'system', seq: 1 });
      expect(state.queue).toEqual({ position: 1, open: true });
      expect(state.lines[0]).not.toHaveProperty('agentId');
    });

    it('keeps visitors and agents apart: each namespace takes only its own tokens and events', async () => {
      const session = await t.login('agent4');
      expect((await refusedHandshake(t.connect(first.token))).message).toBe('token-invalid');
      const onVisitorDoor = io(`${t.hub.url}${VISITOR_NAMESPACE}`, { auth: { token: session.accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
      const refused = await new Promise<Error>((resolve) => onVisitorDoor.once('connect_error', resolve));
      expect(refused.message).toBe('token-invalid');
      onVisitorDoor.disconnect();
      // An agent event name sent by a visitor reaches nothing.
      const unknown = (await visitor.timeout(3_000).emitWithAck('task:accept' as 'chat:resume', {})) as Response<unknown>;
      expect(expectError(unknown).code).toBe('unknown-event');
      // A visitor sees lines only from their own conversation.
      const other = expectOk((await startChat({ name: 'Other visitor' })).answer);
      otherSocket = await openVisitor(other.token);
      const leaked: unknown[] = [];
      otherSocket.on('chat:line', (line) => leaked.push(line));
      expectOk(await visitor.emitWithAck('chat:send', { clientId: 'iso-1', text: 'only for my agent' }));
      expect(expectOk(await otherSocket.emitWithAck('chat:resume', {})).lines.map((line) => line.text)).not.toContain('only for my agent');
      expect(leaked).toEqual([]);
      expect(expectOk(await otherSocket.emitWithAck('chat:resume', {})).queue?.position).toBe(2);
    });

    it('joins the agent on accept; lines, typing and read marks flow both ways; XSS stays verbatim text', async () => {
      const joined = next<{ status: string; agentName: string | null }>(visitor, 'chat:status', (status) => status.status === 'active');
      const movedUp = next<{ position: number }>(otherSocket, 'chat:queue', (standing) => standing.position === 1);
      expectOk(await a1.emitWithAck('task:accept', { taskId }));
      expect((await joined).agentName).toBeTruthy();
      // The visitor behind hears they are next.
      expect(await movedUp).toEqual({ position: 1, open: true });
      expectOk(await otherSocket.emitWithAck('chat:leave', {}));
      // Only the holder of the task (or a supervisor) opens it.
      expect(expectError(await a4.emitWithAck('chat:open', { taskId })).code).toBe('forbidden');
      expect(expectOk(await sup.emitWithAck('chat:open', { taskId })).conversation.id).toBe(first.conversationId);
      const thread = expectOk(await a1.emitWithAck('chat:open', { taskId }));
      expect(thread.lines.map((line) => line.text)).toContain('only for my agent');

      const atAgent = next<AgentChatLine>(a1, 'chat:line', (message) => message.line.text === XSS);
      const typing = next<{ typing: boolean }>(a1, 'chat:typing');
      const overheard: unknown[] = [];
      a4.on('chat:typing', (signal) => overheard.push(signal));
      expectOk(await visitor.emitWithAck('chat:typing', { typing: true }));
      expect(await typing).toMatchObject({ taskId, typing: true });
      // The hub emits before it acks, and one connection keeps order: anything meant for agent4 would be here by now.
      expectOk(await a4.emitWithAck('canned:list', {}));
      expect(overheard).toEqual([]);
      a4.off('chat:typing');
      const sent = expectOk(await visitor.emitWithAck('chat:send', { clientId: 'xss-1', text: XSS }));
      expect((await atAgent).line).toMatchObject({ from: 'visitor', text: XSS, authorName: 'Lin Mei' });
      // Re-sent after a reconnect: stored once.
      expect(expectOk(await visitor.emitWithAck('chat:send', { clientId: 'xss-1', text: XSS })).id).toBe(sent.id);

      const atVisitor = next<{ text: string; from: string }>(visitor, 'chat:line', (line) => line.from === 'agent');
      const reply = expectOk(await a1.emitWithAck('chat:send', { taskId, clientId: ulid(), text: '您好，请问有什么可以帮您？' }));
      expect(await atVisitor).toMatchObject({ text: '您好，请问有什么可以帮您？' });
      expect(reply.agentId).toBeTruthy();
      const readMark = next<{ taskId: string; receipts: { visitorRead: number } }>(a1, 'chat:receipts', (message) => message.receipts.visitorRead >= reply.seq);
      expectOk(await visitor.emitWithAck('chat:read', { upToSeq: reply.seq }));
      expect((await readMark).receipts.visitorRead).toBe(reply.seq);
      expectOk(await a1.emitWithAck('chat:read', { taskId, upToSeq: reply.seq }));
      const resumed = expectOk(await visitor.emitWithAck('chat:resume', {}));
      expect(resumed.receipts.agentRead).toBe(reply.seq);
      expect(resumed.queue).toBeNull();
    });

    it('resumes after a reconnect with the whole history, marking delivered only what reached the visitor', async () => {
      // Wait for the hub's side of the socket to go, so it knows nobody is there to receive.
      const atHub = t.hub.io.of(VISITOR_NAMESPACE).sockets.get(visitor.id ?? '');
      if (!atHub) throw new Error('the hub does not know the visitor socket');
      const gone = new Promise<void>((resolve) => atHub.once('disconnect', () => resolve()));
      visitor.disconnect();
      await gone;
      const whileAway = expectOk(await a1.emitWithAck('chat:send', { taskId, clientId: ulid(), text: 'Are you still there?' }));
      expect(expectOk(await a1.emitWithAck('chat:open', { taskId })).receipts.visitorDelivered).toBeLessThan(whileAway.seq);
      const delivered = next<{ receipts: { visitorDelivered: number } }>(a1, 'chat:receipts', (message) => message.receipts.visitorDelivered === whileAway.seq);
      visitor = await openVisitor(first.token);
      const resumed = expectOk(await visitor.emitWithAck('chat:resume', {}));
      expect(resumed.lines.map((line) => line.text)).toEqual(expect.arrayContaining(['only for my agent', XSS, 'Are you still there?']));
      expect(resumed.lines.map((line) => line.seq)).toEqual(resumed.lines.map((_line, index) => index + 1));
      expect(resumed.receipts.visitorDelivered).toBe(whileAway.seq);
      await delivered;
    });

    it('takes an image, refuses oversize and disguised files, and serves files only behind their link', async () => {
      const good = await upload(first.token, 'image/png', PNG);
      expect(good.status).toBe(200);
      const attachment = ((await good.json()) as { data: ChatAttachment }).data;
      expect(attachment).toMatchObject({ name: '照片 photo.png', mimeType: 'image/png', size: PNG.length });
      const line = expectOk(await visitor.emitWithAck('chat:send', { clientId: 'img-1', text: '', attachmentId: attachment.id }));
      expect(line.attachment?.url).toBe(attachment.url);
      const file = await fetch(`${t.hub.url}${attachment.url}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect(file.headers.get('content-security-policy')).toContain('sandbox');
      expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
      const forged = await fetch(`${t.hub.url}${attachment.url.replace(/sig=.*/, 'sig=forged')}`);
      expect(forged.status).toBe(404);

      const tooBig = await upload(first.token, 'image/png', Buffer.alloc(5 * 1024 * 1024 + 1, 1));
      expect(tooBig.status).toBe(413);
      expect(((await tooBig.json()) as Response<unknown> & { ok: false }).error.code).toBe('too-large');
      // Streamed without a length: refused once past the limit, and the hub closes the connection after its answer.
      const streamed = await streamPastLimit(t.hub.port, VISITOR_PATHS.upload, { authorization: `Bearer ${first.token}`, 'content-type': 'text/plain' }, 6 * 1024 * 1024);
      expect(streamed.answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(streamed.answer).toContain('"too-large"');
      const disguised = await upload(first.token, 'image/png', Buffer.from('MZ\x90\x00 this is an exe'));
      expect(disguised.status).toBe(415);
      expect(((await disguised.json()) as Response<unknown> & { ok: false }).error.code).toBe('unsupported-type');
      const html = await upload(first.token, 'text/html', Buffer.from('<script>alert(1)</script>'));
      expect(html.status).toBe(415);
      // An agent uploads into the chat of a task they hold, and only that one.
      const a4Session = await t.login('agent4');
      const notTheirs = await upload(a4Session.accessToken, 'image/png', PNG, { 'x-conversation': taskId });
      expect(notTheirs.status).toBe(403);
    });

    it('holds back a flooding visitor and says when to try again', async () => {
      let refusal: Response<unknown> | null = null;
      for (let i = 0; i < 20 && !refusal; i += 1) {
        const answer = (await visitor.emitWithAck('chat:send', { clientId: `flood-${i}`, text: `spam ${i}` })) as Response<unknown>;
        if (!answer.ok) refusal = answer;
      }
      const error = expectError(refusal ?? { ok: true, data: null });
      expect(error.code).toBe('rate-limited');
      expect(error.retryAfterSec).toBeGreaterThan(0);
      t.clock.offsetMs += 60_000;
    });

    it('ends on wrap-up with a disposition and puts the transcript on the customer timeline', async () => {
      const ended = next<{ status: string; endReason: string | null }>(visitor, 'chat:status', (status) => status.status === 'ended');
      expectOk(await a1.emitWithAck('task:complete', { taskId }));
      expect((await ended).endReason).toBe('agent-ended');
      expectOk(await a1.emitWithAck('task:wrapup', { taskId, disposition: general.dispositions[0] }));
      expect(expectError(await visitor.emitWithAck('chat:send', { clientId: 'late', text: 'hello?' })).code).toBe('conflict');
      const customerId = (await t.hub.db.selectFrom('chat_conversations').select('customer_id').where('id', '=', first.conversationId).executeTakeFirstOrThrow()).customer_id;
      const chats = (await t.hub.db.selectFrom('interactions').select('data').where('customer_id', '=', customerId).where('channel', '=', 'chat').execute()).map(
        (row) => JSON.parse(row.data) as Interaction & { channel: 'chat' },
      );
      expect(chats).toHaveLength(1);
      const texts = chats[0]?.messages.map((message) => message.text) ?? [];
      expect(texts).toContain(XSS);
      expect(texts).toContain('您好，请问有什么可以帮您？');
      expect(chats[0]?.messages.find((message) => message.attachment)?.attachment?.mimeType).toBe('image/png');
      expect(chats[0]?.agentId).toBeTruthy();
      expectOk(await a1.emitWithAck('agent:state:set', { status: 'offline' }));
    });

    it('links a visitor who gives a known email to that customer', async () => {
      const known = await t.hub.db.selectFrom('identities').select(['customer_id', 'value']).where('kind', '=', 'email').limit(1).executeTakeFirstOrThrow();
      const session = expectOk((await startChat({ name: 'Returning', email: known.value.toUpperCase() })).answer);
      const row = await t.hub.db.selectFrom('chat_conversations').select('customer_id').where('id', '=', session.conversationId).executeTakeFirstOrThrow();
      expect(row.customer_id).toBe(known.customer_id);
      const socket = await openVisitor(session.token);
      expectOk(await socket.emitWithAck('chat:leave', {}));
      const task = await t.hub.db.selectFrom('tasks').select('status').where('queue_id', '=', general.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      expect(task.status).toBe('abandoned');
    });

    it('refuses a start that leaves out a required field, naming it', async () => {
      const admin = await t.desktop('admin');
      const widget = expectOk(await admin.emitWithAck('admin:widget:list', {}))[0];
      if (!widget) throw new Error('no demo widget');
      expectOk(await admin.emitWithAck('admin:widget:upsert', { ...widget, askEmail: 'required' }));
      const { status, answer } = await startChat({ name: 'No email' });
      expect(status).toBe(400);
      expect(expectError(answer).issues?.map((issue) => issue.path)).toEqual(['email']);
      expect(expectError(await admin.emitWithAck('admin:widget:upsert', { ...widget, queueId: ulid() })).code).toBe('invalid-payload');
      expect(expectError(await a4.emitWithAck('admin:widget:upsert', widget)).code).toBe('forbidden');

      // A widget that names its sites starts chats only from them (and from the hub's own frame).
      expectOk(await admin.emitWithAck('admin:widget:upsert', { ...widget, allowedOrigins: ['https://shop.example.com'] }));
      const startFrom = async (origin: string | null) => {
        const response = await fetch(`${t.hub.url}${VISITOR_PATHS.start}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(origin === null ? {} : { origin }) },
          body: JSON.stringify({ widgetId: 'demo', name: 'Site check' }),
        });
        return { status: response.status, answer: (await response.json()) as Response<VisitorSession> };
      };
      const elsewhere = await startFrom('https://evil.example');
      expect(elsewhere.status).toBe(403);
      expect(expectError(elsewhere.answer).code).toBe('forbidden');
      expect((await startFrom(null)).status).toBe(403);
      const onShop = await startFrom('https://shop.example.com');
      expect(onShop.status).toBe(200);
      const inFrame = await startFrom(new URL(t.hub.url).origin);
      expect(inFrame.status).toBe(200);
      for (const session of [expectOk(onShop.answer), expectOk(inFrame.answer)]) {
        expectOk(await (await openVisitor(session.token)).emitWithAck('chat:leave', {}));
      }
      expectOk(await admin.emitWithAck('admin:widget:upsert', widget));
      admin.disconnect();
    });

    it('keeps canned replies: shared by supervisors, personal per agent', async () => {
      const shared = expectOk(await a4.emitWithAck('canned:list', {}));
      expect(shared.map((reply) => reply.shortcut)).toContain('hello');
      const hello = shared.find((reply) => reply.shortcut === 'hello');
      if (!hello) throw new Error('no /hello');
      expect(expectError(await a4.emitWithAck('canned:upsert', { id: ulid(), scope: 'shared', shortcut: 'mine', title: 'Mine', text: 'x' })).code).toBe('forbidden');
      expect(expectError(await a4.emitWithAck('canned:delete', { id: hello.id })).code).toBe('forbidden');
      const mine = expectOk(await a4.emitWithAck('canned:upsert', { id: ulid(), scope: 'personal', shortcut: 'hello', title: 'My hello', text: '嗨！' }));
      expect(mine.ownerId).not.toBeNull();
      const dup = expectError(await a4.emitWithAck('canned:upsert', { id: ulid(), scope: 'personal', shortcut: 'hello', title: 'Again', text: 'x' }));
      expect(dup.code).toBe('conflict');
      expect(expectOk(await a1.emitWithAck('canned:list', {})).map((reply) => reply.title)).not.toContain('My hello');
      expect(expectError(await a1.emitWithAck('canned:delete', { id: mine.id })).code).toBe('forbidden');
      expectOk(await sup.emitWithAck('canned:upsert', { id: ulid(), scope: 'shared', shortcut: 'refund', title: 'Refund', text: 'Your refund is on its way.' }));
      expect(expectOk(await a4.emitWithAck('canned:list', {})).map((reply) => reply.shortcut)).toContain('refund');
      expectOk(await a4.emitWithAck('canned:delete', { id: mine.id }));
    });
    // Last: it moves the hub's clock past every desktop's session.
    it('turns a chat nobody answered within max wait into a follow-up, with the transcript kept', async () => {
      const session = expectOk((await startChat({ name: 'Patient', email: 'patient@example.com' })).answer);
      const socket = await openVisitor(session.token);
      expectOk(await socket.emitWithAck('chat:send', { clientId: 'q-1', text: 'Is my order shipped?' }));
      const anonymous = expectOk((await startChat({ name: 'Anonymous' })).answer);
      const anonymousSocket = await openVisitor(anonymous.token);
      const ended = next<{ status: string; endReason: string | null }>(socket, 'chat:status', (status) => status.status === 'ended');
      const anonymousEnded = next<{ status: string }>(anonymousSocket, 'chat:status', (status) => status.status === 'ended');
      t.clock.offsetMs += (general.maxWaitSec + 1) * 1000;
      await t.hub.routing.tick();
      expect((await ended).endReason).toBe('max-wait');
      await anonymousEnded;

      // Nothing to reach them by yet: a callback. Once they leave an email (and no phone), an email follow-up replaces it.
      const taskOf = async (conversationId: string) => {
        const row = await t.hub.db.selectFrom('chat_conversations').select('task_id').where('id', '=', conversationId).executeTakeFirstOrThrow();
        const task = await t.hub.db.selectFrom('tasks').select(['id', 'data', 'status']).where('id', '=', row.task_id ?? '').executeTakeFirstOrThrow();
        return { id: task.id, status: task.status, ...(JSON.parse(task.data) as { channel: string; subject: string }) };
      };
      const callback = await taskOf(anonymous.conversationId);
      expect(callback).toMatchObject({ channel: 'call', status: 'queued' });
      expectOk(await anonymousSocket.emitWithAck('chat:contact', { email: 'anon@example.com' }));
      const replaced = await taskOf(anonymous.conversationId);
      expect(replaced).toMatchObject({ channel: 'email', status: 'queued' });
      expect(replaced.subject).toContain('anon@example.com');
      expect((await t.hub.db.selectFrom('tasks').select('status').where('id', '=', callback.id).executeTakeFirstOrThrow()).status).toBe('abandoned');
      const resumed = expectOk(await socket.emitWithAck('chat:resume', {}));
      expect(resumed.lines.at(-1)?.from).toBe('system');
      const record = await t.hub.db.selectFrom('chat_conversations').select(['task_id', 'customer_id']).where('id', '=', session.conversationId).executeTakeFirstOrThrow();
      const followUp = await t.hub.db.selectFrom('tasks').select(['data', 'status']).where('id', '=', record.task_id ?? '').executeTakeFirstOrThrow();
      expect(followUp.status).toBe('queued');
      expect(JSON.parse(followUp.data)).toMatchObject({ channel: 'email', customerId: record.customer_id });
      const transcript = await t.hub.db.selectFrom('interactions').select('data').where('customer_id', '=', record.customer_id).where('channel', '=', 'chat').execute();
      expect(transcript.map((row) => row.data).join()).toContain('Is my order shipped?');
      // The visitor leaves a phone too; it lands on the customer for the callback.
      expectOk(await socket.emitWithAck('chat:contact', { phone: '138 0013 8000' }));
      const phone = await t.hub.db.selectFrom('identities').select('value').where('customer_id', '=', record.customer_id).where('kind', '=', 'phone').executeTakeFirst();
      expect(phone?.value).toBe('+8613800138000');
      expect((await taskOf(session.conversationId)).subject).toContain('+8613800138000');
    });

    it('holds back an address that starts chat after chat, and says when to try again', async () => {
      let refused: Awaited<ReturnType<typeof t.post>> | null = null;
      for (let i = 0; i < 25 && !refused; i += 1) {
        const attempt = await t.post(VISITOR_PATHS.start, { widgetId: 'demo', name: `Bot ${i}` });
        if (attempt.status !== 200) refused = attempt;
      }
      expect(refused?.status).toBe(429);
      expect(expectError(refused?.json as Response<unknown>)).toMatchObject({ code: 'rate-limited', retryAfterSec: 60 });
      expect(refused?.headers.get('retry-after')).toBe('60');
    });

  });
}
