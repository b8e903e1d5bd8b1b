import { createHmac } from 'node:crypto';
import { type Socket as ClientSocket, io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatWidget } from '../../shared/domain/chat';
import type { Response } from '../../shared/protocol/errors';
import {
  type HubToVisitorEvents,
  VISITOR_NAMESPACE,
  VISITOR_PATHS,
  type VisitorSession,
  type VisitorToHubEvents,
} from '../../shared/protocol/visitor';
import { VOICE_KEY_HEADER, VOICE_PATHS, type VoiceRouteAnswer, type VoiceRouteRequest } from '../../shared/protocol/voice';
import { VISITOR_CALLS } from '../../hub/voice/visitor-call';
import { type Desktop, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import { sqliteTestStore, type TestStore } from './helpers/test-stores';

/**
 * "Call us" from the widget on a real hub: the visitor's `call:ticket` (SIP
 * credentials for their open chat only, limited per chat, typed refusals),
 * and Kamailio's route request for a visitor's call (only the chat's queue,
 * as the chat's customer; 403 for anything else).
 */

type Visitor = ClientSocket<HubToVisitorEvents, VisitorToHubEvents>;

const VOICE_KEY = 'integration-visitor-call-voice-key-0123456789';
const WS_URL = 'wss://sip.shop.example:7443';

let store: TestStore;
let t: TestHub;
let admin: Desktop;
let callSeq = 0;
const sockets: Visitor[] = [];

async function chatAs(name: string): Promise<{ session: VisitorSession; socket: Visitor }> {
  const { json } = await t.post(VISITOR_PATHS.start, { widgetId: 'demo', name });
  const session = expectOk(json as Response<VisitorSession>);
  const socket: Visitor = await new Promise((resolve, reject) => {
    const opened: Visitor = io(`${t.hub.url}${VISITOR_NAMESPACE}`, { auth: { token: session.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(opened);
    opened.once('connect', () => resolve(opened));
    opened.once('connect_error', reject);
  });
  return { session, socket };
}

async function route(request: Partial<VoiceRouteRequest>): Promise<VoiceRouteAnswer> {
  const response = await fetch(`${t.hub.url}${VOICE_PATHS.route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [VOICE_KEY_HEADER]: VOICE_KEY },
    body: JSON.stringify({ callId: `visitor-call-${++callSeq}@widget`, dialled: 'support', fromUser: '', fromDisplay: '', attempt: 1, ...request }),
  });
  expect(response.status).toBe(200);
  return expectOk((await response.json()) as Response<VoiceRouteAnswer>);
}

async function demoWidget(): Promise<ChatWidget> {
  const widgets = expectOk(await admin.emitWithAck('admin:widget:list', {}));
  return widgets.find((widget) => widget.id === 'demo') as ChatWidget;
}

beforeAll(async () => {
  store = await sqliteTestStore();
  t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here`, VOICE_KEY, SIP_WS_URL: WS_URL });
  admin = await t.desktop('admin');
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await t?.close();
  await store?.cleanup();
});

describe('call:ticket', () => {
  it('the demo widget offers calls: resume says so, and the ticket is SIP credentials for v~<visitor> and the queue’s number', async () => {
    const { session, socket } = await chatAs('Vera');
    expect(expectOk(await socket.emitWithAck('chat:resume', {})).calls).toBe(true);
    const ticket = expectOk(await socket.emitWithAck('call:ticket', {}));
    expect(ticket).toMatchObject({ sipUser: `v~${session.visitorId}`, displayName: 'Vera', domain: 'switchboard.local', dial: 'support', wsUrl: WS_URL });
    const [expiry, user] = ticket.authorizationUsername.split(':');
    expect(user).toBe(`v~${session.visitorId}`);
    expect(Number(expiry) * 1000).toBe(ticket.expiresAt);
    expect(ticket.expiresAt - t.clock.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    expect(ticket.authorizationPassword).toBe(createHmac('sha1', t.hub.sipAuthSecret).update(ticket.authorizationUsername).digest('base64'));
  });

  it('is limited per chat: a few at once, then rate-limited with a wait; another chat is not held back', async () => {
    const { socket } = await chatAs('Rita');
    for (let i = 0; i < VISITOR_CALLS.burst; i += 1) expectOk(await socket.emitWithAck('call:ticket', {}));
    const refused = expectError(await socket.emitWithAck('call:ticket', {}));
    expect(refused.code).toBe('rate-limited');
    expect(refused.retryAfterSec).toBeGreaterThan(0);
    const other = await chatAs('Otto');
    expectOk(await other.socket.emitWithAck('call:ticket', {}));
  });

  it('refuses a payload with anything in it', async () => {
    const { socket } = await chatAs('Paula');
    // @ts-expect-error the ticket is always for the socket's own chat
    expect(expectError(await socket.emitWithAck('call:ticket', { visitorId: '01HZX5V8Q2M3N4P5R6S7T8V9WA' })).code).toBe('invalid-payload');
  });

  it('refuses an ended chat with conflict', async () => {
    const { socket } = await chatAs('Leo');
    expectOk(await socket.emitWithAck('chat:leave', {}));
    expect(expectError(await socket.emitWithAck('call:ticket', {})).code).toBe('conflict');
    expect(expectOk(await socket.emitWithAck('chat:resume', {})).calls).toBe(false);
  });

  it('refuses with forbidden when the widget does not offer calls', async () => {
    const widget = await demoWidget();
    expectOk(await admin.emitWithAck('admin:widget:upsert', { ...widget, calls: false }));
    try {
      const { socket } = await chatAs('Fay');
      expect(expectOk(await socket.emitWithAck('chat:resume', {})).calls).toBe(false);
      expect(expectError(await socket.emitWithAck('call:ticket', {})).code).toBe('forbidden');
    } finally {
      expectOk(await admin.emitWithAck('admin:widget:upsert', { ...widget, calls: true }));
    }
  });
});

describe('a visitor’s call, as Kamailio asks the hub', () => {
  it('reaches the chat’s queue as the chat’s customer: no provisional phone customer is made', async () => {
    const { session } = await chatAs('Vic');
    const before = await t.hub.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const callId = `visitor-call-${++callSeq}@widget`;
    const answer = await route({ callId, visitor: true, fromUser: `v~${session.visitorId}`, fromDisplay: 'Vic' });
    expect(answer.action === 'wait' || answer.action === 'ring').toBe(true);
    const row = await t.hub.db.selectFrom('voice_calls').select('data').where('call_id', '=', callId).executeTakeFirstOrThrow();
    const conversation = await t.hub.db.selectFrom('chat_conversations').select('customer_id').where('visitor_id', '=', session.visitorId).executeTakeFirstOrThrow();
    expect(JSON.parse(row.data)).toMatchObject({ customerId: conversation.customer_id, caller: null, callerName: 'Vic', dialled: 'support' });
    const after = await t.hub.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('a video call from the widget opens a video task in the chat’s queue; a voice call a call task', async () => {
    const { session } = await chatAs('Vera');
    const fromUser = `v~${session.visitorId}`;
    const taskOf = async (callId: string) => {
      const row = await t.hub.db.selectFrom('voice_calls').select('data').where('call_id', '=', callId).executeTakeFirstOrThrow();
      const { taskId } = JSON.parse(row.data) as { taskId: string };
      const task = await t.hub.db.selectFrom('tasks').select('data').where('id', '=', taskId).executeTakeFirstOrThrow();
      return JSON.parse(task.data) as { channel: string; queueId: string };
    };
    const videoCall = `visitor-call-${++callSeq}@widget`;
    expect((await route({ callId: videoCall, visitor: true, video: true, fromUser, fromDisplay: 'Vera' })).action).not.toBe('reject');
    const videoTask = await taskOf(videoCall);
    expect(videoTask).toMatchObject({ channel: 'video', queueId: (await demoWidget()).queueId });
    const voiceCall = `visitor-call-${++callSeq}@widget`;
    expect((await route({ callId: voiceCall, visitor: true, fromUser, fromDisplay: 'Vera' })).action).not.toBe('reject');
    expect(await taskOf(voiceCall)).toMatchObject({ channel: 'call' });
  });

  it('refuses with 403 an agent’s extension, another queue’s number, an unknown visitor and an ended chat', async () => {
    const { session, socket } = await chatAs('Max');
    const fromUser = `v~${session.visitorId}`;
    for (const dialled of ['agent1', 'vip', 'nosuchnumber']) {
      expect(await route({ visitor: true, fromUser, dialled }), dialled).toMatchObject({ action: 'reject', status: 403 });
    }
    expect(await route({ visitor: true, fromUser: 'v~01HZX5V8Q2M3N4P5R6S7T8V9WA' })).toMatchObject({ action: 'reject', status: 403 });
    expect(await route({ visitor: true, fromUser: 'agent2' })).toMatchObject({ action: 'reject', status: 403 });
    expectOk(await socket.emitWithAck('chat:leave', {}));
    expect(await route({ visitor: true, fromUser })).toMatchObject({ action: 'reject', status: 403 });
  });
});
