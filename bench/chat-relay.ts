import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { ulid } from 'ulid';
import { loadConfig } from '../hub/config';
import { startHub } from '../hub/server';
import type { Response } from '../shared/protocol';
import type { HubToVisitorEvents, VisitorSession, VisitorToHubEvents } from '../shared/protocol/visitor';
import { VISITOR_NAMESPACE, VISITOR_PATHS } from '../shared/protocol/visitor';
import { type HubClient, loginDemo, openHubClient } from './hub-client';
import { log } from './log';
import { scaled } from './scale';
import { report, round, summary } from './stats';
import { sleep, unwrap } from './pool';

/**
 * Web chat under load: visitor line → the agent's desktop, and the agent's
 * reply → the visitor's widget, with every line stored (and its receipts
 * moved) on the way; beside it the same two hops on bare socket.io (a relay
 * that stores nothing) in the same run.
 */
const CONVERSATIONS = scaled(100, 10);
const AGENTS = ['agent1', 'agent2', 'agent3', 'agent4', 'agent5'];
/** Each visitor writes a line every this often, so 100 conversations send 50 lines/s. */
const LINE_EVERY_MS = 2_000;
const DURATION_S = scaled(30, 5);

type Visitor = Socket<HubToVisitorEvents, VisitorToHubEvents>;

async function hubRelay() {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-chat-'));
  const config = loadConfig({ SWITCHBOARD_DATA: dataDir, PORT: '0', SMTP_PORT: '0', SEED_CUSTOMERS: '50', SEED_HEAVY_INTERACTIONS: '0', LOG_LEVEL: 'warn' });
  const hub = await startHub(config, { chatLimits: { starts: { burst: CONVERSATIONS * 2, refillMs: 1_000 } } });
  const sockets: Socket[] = [];
  try {
    const admin = await openHubClient(hub.url, (await loginDemo(hub.url, 'admin')).accessToken);
    sockets.push(admin);
    // Every demo agent takes a fair share of the chats at once, without pressing accept.
    const perAgent = Math.ceil(CONVERSATIONS / AGENTS.length);
    for (const profile of unwrap(await admin.emitWithAck('admin:agent:list', {}), 'admin:agent:list')) {
      unwrap(await admin.emitWithAck('admin:agent:upsert', { ...profile, capacity: { ...profile.capacity, chat: perAgent }, autoAccept: { chat: true } }), 'admin:agent:upsert');
    }
    const sentAt = new Map<string, number>();
    const toAgent: number[] = [];
    const toVisitor: number[] = [];
    const desks: HubClient[] = [];
    for (const name of AGENTS) {
      const desk = await openHubClient(hub.url, (await loginDemo(hub.url, name)).accessToken);
      sockets.push(desk);
      desks.push(desk);
      desk.on('chat:line', ({ taskId, line }) => {
        if (line.from !== 'visitor' || !line.clientId) return;
        const at = sentAt.get(line.clientId);
        if (at !== undefined) toAgent.push(performance.now() - at);
        // The agent answers at once; the reply's trip to the widget is the second figure.
        const replyId = ulid();
        sentAt.set(replyId, performance.now());
        desk.timeout(30_000).emitWithAck('chat:send', { taskId, clientId: replyId, text: `re: ${line.text}` }).catch(() => {});
      });
      unwrap(await desk.emitWithAck('agent:state:set', { status: 'available' }), 'agent:state:set');
    }

    const visitors: Visitor[] = [];
    for (let i = 0; i < CONVERSATIONS; i += 1) {
      const res = await fetch(`${hub.url}${VISITOR_PATHS.start}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ widgetId: 'demo', name: `Bench visitor ${i}` }),
      });
      const session = unwrap((await res.json()) as Response<VisitorSession>, 'visitor start');
      const visitor: Visitor = connect(`${hub.url}${VISITOR_NAMESPACE}`, { auth: { token: session.token }, transports: ['websocket'], forceNew: true });
      await new Promise<void>((resolve, reject) => {
        visitor.once('connect', () => resolve());
        visitor.once('connect_error', reject);
      });
      visitor.on('chat:line', (line) => {
        if (line.from !== 'agent' || !line.clientId) return;
        const at = sentAt.get(line.clientId);
        if (at !== undefined) toVisitor.push(performance.now() - at);
      });
      sockets.push(visitor);
      visitors.push(visitor);
    }
    await hub.routing.tick();
    await sleep(1_000);

    let refused = 0;
    const started = performance.now();
    const total = Math.floor((DURATION_S * 1000) / LINE_EVERY_MS) * CONVERSATIONS;
    for (let i = 0; i < total; i += 1) {
      const due = started + (i * LINE_EVERY_MS) / CONVERSATIONS;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const visitor = visitors[i % CONVERSATIONS] as Visitor;
      const clientId = `v-${i}`;
      sentAt.set(clientId, performance.now());
      visitor
        .timeout(30_000)
        .emitWithAck('chat:send', { clientId, text: `question ${i}` })
        .then(
          (answer) => {
            if (!answer.ok) refused += 1;
          },
          () => {
            refused += 1;
          },
        );
    }
    for (let waited = 0; (toAgent.length < total || toVisitor.length < total) && waited < 10_000; waited += 100) await sleep(100);
    return { lines: total, linesPerS: round(total / DURATION_S, 1), refused, visitorToAgent: summary(toAgent), agentToVisitor: summary(toVisitor) };
  } finally {
    for (const socket of sockets) socket.disconnect();
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same two hops on bare socket.io: a line in with an ack, out to the other side's room, nothing stored. */
async function rawRelay() {
  const http = createServer();
  const server = new Server(http);
  server.on('connection', (socket) => {
    const pair = String(socket.handshake.auth.pair);
    void socket.join(`pair:${pair}`);
    socket.on('line', (line: { id: string; from: string }, ack: (ok: boolean) => void) => {
      socket.to(`pair:${pair}`).emit('line', line);
      ack(true);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: Socket[] = [];
  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  try {
    const open = (pair: number) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = connect(url, { auth: { pair }, transports: ['websocket'], forceNew: true });
        clients.push(socket);
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    const pairs = [];
    for (let i = 0; i < CONVERSATIONS; i += 1) {
      const [visitor, agent] = [await open(i), await open(i)];
      agent.on('line', (line: { id: string }) => {
        const at = sentAt.get(line.id);
        if (at !== undefined) samples.push(performance.now() - at);
      });
      pairs.push(visitor);
    }
    const total = Math.floor((DURATION_S * 1000) / LINE_EVERY_MS) * CONVERSATIONS;
    const started = performance.now();
    for (let i = 0; i < total; i += 1) {
      const wait = started + (i * LINE_EVERY_MS) / CONVERSATIONS - performance.now();
      if (wait > 0) await sleep(wait);
      const id = `r-${i}`;
      sentAt.set(id, performance.now());
      (pairs[i % CONVERSATIONS] as Socket).emit('line', { id, from: 'visitor' }, () => {});
    }
    for (let waited = 0; samples.length < total && waited < 5_000; waited += 50) await sleep(50);
    return { lines: total, relay: summary(samples) };
  } finally {
    for (const socket of clients) socket.disconnect();
    server.close();
    http.close();
  }
}

export async function benchChatRelay(): Promise<void> {
  log(`chat-relay: raw socket.io relay, ${CONVERSATIONS} pairs`);
  const raw = await rawRelay();
  log(`chat-relay: hub, ${CONVERSATIONS} conversations, a line every ${LINE_EVERY_MS} ms each, for ${DURATION_S} s`);
  const hub = await hubRelay();
  report('chat-relay', {
    conversations: CONVERSATIONS,
    durationS: DURATION_S,
    unit: 'ms',
    hub,
    rawSocketIo: raw,
    p95OverRaw: round(hub.visitorToAgent.p95 / raw.relay.p95),
  });
}
