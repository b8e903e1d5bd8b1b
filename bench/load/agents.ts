import { ulid } from 'ulid';
import type { Session } from '../../shared/protocol';
import type { TaskView } from '../../shared/protocol/routing';
import { type HubClient, openHubClient } from '../hub-client';
import { log } from '../log';
import { pool, sleep, unwrap } from '../pool';

/**
 * The simulated agents: one socket.io desktop each, working every task the
 * hub gives them as a quick agent would. Calls are answered by the agents'
 * phone (SIPp) and the hub hears of it from Kamailio, so a call offer needs
 * nothing from the desktop; after the caller hangs up the desktop wraps up.
 * Chats and emails are accepted, worked for a few seconds (a chat gets a
 * reply), completed and wrapped up.
 */

/** How long a chat or email is worked before it is completed: short, so 500 agents turn over a steady stream. */
const HANDLE_MS = { chat: [3_000, 6_000], email: [1_000, 3_000] } as const;
const ACK_TIMEOUT_MS = 60_000;

export type AgentFloor = {
  /** The first time each task's offer reached a desktop (this process's Date.now(), the hub's clock on the same machine). */
  offerReceivedAt: ReadonlyMap<string, number>;
  counts: { offers: number; reOffers: number; worked: number; errors: number };
  /** Every task a desktop is still working finished (or `limitMs` passed). */
  drain(limitMs: number): Promise<void>;
  close(): void;
};

/** `nodeUrl(i)`: the hub node agent i's desktop connects to. */
export async function startAgentFloor(nodeUrl: (index: number) => string, sessions: readonly Session[], disposition: string): Promise<AgentFloor> {
  const offerReceivedAt = new Map<string, number>();
  const counts = { offers: 0, reOffers: 0, worked: 0, errors: 0 };
  const sockets: HubClient[] = [];
  let working = 0;
  let closing = false;

  const failed = (username: string, error: unknown) => {
    // Work still under way when the run stops finds its desktop gone: not a refusal.
    if (closing) return;
    if (counts.errors++ < 5) log(`load: ${username}: ${String(error)}`);
  };
  const wrapUp = async (socket: HubClient, taskId: string) => {
    unwrap(await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('task:wrapup', { taskId, disposition }), 'task:wrapup');
    unwrap(await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('agent:state:set', { status: 'available' }), 'agent:state:set');
    counts.worked += 1;
  };
  const work = async (socket: HubClient, task: TaskView, channel: 'chat' | 'email') => {
    unwrap(await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('task:accept', { taskId: task.id }), 'task:accept');
    if (channel === 'chat') {
      unwrap(await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:send', { taskId: task.id, clientId: ulid(), text: 'Hello, how can I help?' }), 'chat:send');
    }
    const [min, max] = HANDLE_MS[channel];
    await sleep(min + Math.random() * (max - min));
    unwrap(await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('task:complete', { taskId: task.id }), 'task:complete');
    await wrapUp(socket, task.id);
  };
  const track = (username: string, job: () => Promise<void>) => {
    working += 1;
    job()
      .catch((error: unknown) => failed(username, error))
      .finally(() => {
        working -= 1;
      });
  };

  await pool(sessions, 50, async (session, index) => {
    const socket = await openHubClient(nodeUrl(index), session.accessToken);
    sockets.push(socket);
    const me = session.user.id;
    socket.on('task:offer', ({ task }) => {
      counts.offers += 1;
      if (offerReceivedAt.has(task.id)) counts.reOffers += 1;
      else offerReceivedAt.set(task.id, Date.now());
      if (task.channel === 'chat' || task.channel === 'email') track(session.user.username, () => work(socket, task, task.channel as 'chat' | 'email'));
    });
    // The caller hung up: the call's after-call work, done at once.
    socket.on('task:updated', (task) => {
      if (task.channel === 'call' && task.status === 'wrap-up' && task.assignedTo === me) track(session.user.username, () => wrapUp(socket, task.id));
    });
    unwrap(await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('agent:phone', { registered: true }), 'agent:phone');
    unwrap(await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('agent:state:set', { status: 'available' }), 'agent:state:set');
  });

  return {
    offerReceivedAt,
    counts,
    drain: async (limitMs) => {
      const until = performance.now() + limitMs;
      while (working > 0 && performance.now() < until) await sleep(200);
    },
    close: () => {
      closing = true;
      for (const socket of sockets) socket.disconnect();
    },
  };
}
