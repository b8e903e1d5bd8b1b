import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterNode } from '../../hub/cluster/cluster-node';
import type { Change } from '../../shared/protocol/changes';
import type { Mutation } from '../../shared/protocol/mutations';
import type { TaskOffer } from '../../shared/protocol/routing';
import { type HubToVisitorEvents, VISITOR_NAMESPACE, VISITOR_PATHS, type VisitorSession, type VisitorToHubEvents } from '../../shared/protocol/visitor';
import type { Response } from '../../shared/protocol/errors';
import { io, type Socket } from 'socket.io-client';
import { connectDesktop, eventually, signIn, startTestNode } from './helpers/cluster-nodes';
import { startTestRedis, type TestRedis } from './helpers/redis-server';
import { type Desktop, expectOk } from './helpers/test-hub';
import { postgresTestStore, type TestStore } from './helpers/test-stores';

const note = (customerId: string, text: string): Mutation => ({
  id: ulid(),
  name: 'interaction.addNote',
  args: { interactionId: ulid(), customerId, text, occurredAt: Date.now() },
  createdAt: Date.now(),
});

/** Every change a desktop hears, for checking that a broadcast reached it. */
function heard(desktop: Desktop): Change[] {
  const changes: Change[] = [];
  desktop.on('sync:changes', (batch) => changes.push(...batch));
  return changes;
}

const noteHeard = (changes: Change[], text: string): boolean =>
  changes.some((change) => change.entity === 'interaction' && change.data.channel === 'note' && change.data.text === text);

/**
 * Two hub nodes in this process on one Postgres schema and one Redis: the
 * first to take the lock leads; the other passes its sockets' events and
 * its HTTP on, and its desktops hear every broadcast.
 */
describe('hub cluster on Postgres + Redis', () => {
  let redis: TestRedis;
  let store: TestStore;
  let first: ClusterNode;
  let second: ClusterNode;
  const lost: string[] = [];
  const desktops: Desktop[] = [];
  let customerId: string;

  /** Every offer any desktop of the test hears, with the desktop that heard it. */
  const offered: { offer: TaskOffer; desktop: Desktop }[] = [];
  const desktopOn = async (node: ClusterNode, username: string): Promise<Desktop> => {
    const desktop = await connectDesktop(node.url, (await signIn(node.url, username)).accessToken);
    desktop.on('task:offer', (offer) => offered.push({ offer, desktop }));
    desktops.push(desktop);
    return desktop;
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    store = await postgresTestStore();
    first = await startTestNode(store, redis.url, 'node-a', lost);
    await first.leading;
    second = await startTestNode(store, redis.url, 'node-b', lost);
    const pulled = expectOk(await (await desktopOn(first, 'admin')).emitWithAck('sync:pull', { since: 0, limit: 500 }));
    const customer = pulled.changes.find((change) => change.entity === 'customer');
    if (!customer) throw new Error('the demo seed has no customer');
    customerId = customer.data.id as string;
  });

  afterAll(async () => {
    for (const desktop of desktops) desktop.disconnect();
    await second?.close();
    await first?.close();
    await redis?.stop();
    await store?.cleanup();
  });

  it('has one leader; every node answers its own health, and only the leader says yes to /healthz/leader', async () => {
    expect(first.role()).toBe('leader');
    expect(second.role()).toBe('follower');
    const health = await (await fetch(`${second.url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', db: 'postgres', node: 'node-b', role: 'follower' });
    expect((await fetch(`${second.url}/healthz/leader`)).status).toBe(503);
    expect((await fetch(`${first.url}/healthz/leader`)).status).toBe(200);
  });

  it('signs in through a follower, answers its desktops through the leader, and broadcasts to both nodes', async () => {
    const onLeader = await desktopOn(first, 'agent1');
    const onFollower = await desktopOn(second, 'agent2');
    const leaderHeard = heard(onLeader);
    const followerHeard = heard(onFollower);

    const me = expectOk(await onFollower.emitWithAck('session:whoami', {}));
    expect(me.username).toBe('agent2');
    const text = `cluster note ${ulid()}`;
    const [result] = expectOk(await onFollower.emitWithAck('mutation:push', { mutations: [note(customerId, text)] })).results;
    expect(result).toMatchObject({ status: 'applied' });

    await eventually('the note on the leader node’s desktop', () => noteHeard(leaderHeard, text));
    await eventually('the note on the follower node’s desktop', () => noteHeard(followerHeard, text));
  });

  it('refuses a role on the follower as on the leader, and a bad payload with the leader’s field paths', async () => {
    const agent = await desktopOn(second, 'agent4');
    const forbidden = await agent.emitWithAck('task:create', { channel: 'chat', queueId: ulid(), customerId: null, priority: 50, subject: 'x' });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const invalid = await agent.emitWithAck('mutation:push', { mutations: 'not a list' } as never);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('offers a task to an agent whose desktop is on the follower, once, and takes the accept from there', async () => {
    const supervisor = await desktopOn(first, 'supervisor');
    const agent = await desktopOn(second, 'agent3');
    const offers: TaskOffer[] = [];
    agent.on('task:offer', (offer) => offers.push(offer));
    expectOk(await agent.emitWithAck('agent:state:set', { status: 'available' }));
    const desk = expectOk(await agent.emitWithAck('agent:desk', {}));
    const queueId = desk.profile?.queueIds.find((id) => id !== undefined);
    if (!queueId) throw new Error('agent3 is in no queue');

    const task = expectOk(await supervisor.emitWithAck('task:create', { channel: 'chat', queueId, customerId: null, priority: 90, subject: 'cluster offer' }));
    const offer = await eventually('the offer on the follower', () => offers.find((candidate) => candidate.task.id === task.id) ?? null);
    const accepted = expectOk(await agent.emitWithAck('task:accept', { taskId: offer.task.id }));
    expect(accepted).toMatchObject({ id: task.id, status: 'assigned' });
    expect(offers.filter((candidate) => candidate.task.id === task.id)).toHaveLength(1);
  });

  it('serves a chat visitor through the follower: start, widget events, lines both ways with the agent', async () => {
    expectOk(await (await desktopOn(first, 'agent1')).emitWithAck('agent:state:set', { status: 'available' }));
    const started = await fetch(`${second.url}${VISITOR_PATHS.start}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ widgetId: 'demo', name: 'Cluster visitor' }),
    });
    const session = expectOk((await started.json()) as Response<VisitorSession>);
    const visitor: Socket<HubToVisitorEvents, VisitorToHubEvents> = io(`${second.url}${VISITOR_NAMESPACE}`, { auth: { token: session.token }, transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      await new Promise((resolve, reject) => {
        visitor.once('connect', () => resolve(null));
        visitor.once('connect_error', reject);
      });
      expect(expectOk(await visitor.emitWithAck('chat:resume', {})).conversation.status).toBe('waiting');
      const { offer, desktop: agent } = await eventually('the chat offered to an agent', () => offered.find(({ offer }) => offer.task.subject.includes('Cluster visitor')) ?? null);
      expectOk(await agent.emitWithAck('task:accept', { taskId: offer.task.id }));
      const lines: string[] = [];
      agent.on('chat:line', ({ line }) => lines.push(line.text));
      const agentLines: string[] = [];
      visitor.on('chat:line', (line) => agentLines.push(line.text));
      expectOk(await visitor.emitWithAck('chat:send', { clientId: ulid(), text: '你好，我想查询订单' }));
      await eventually('the visitor’s line at the agent', () => lines.includes('你好，我想查询订单'));
      expectOk(await agent.emitWithAck('chat:send', { taskId: offer.task.id, clientId: ulid(), text: '您好，请稍等' }));
      await eventually('the agent’s line at the visitor on the follower', () => agentLines.includes('您好，请稍等'));
    } finally {
      visitor.disconnect();
    }
  });

  it('passes Kamailio’s routing hook on from a follower with the leader’s answer', async () => {
    const ask = (url: string) => fetch(`${url}/api/voice/route`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const [viaLeader, viaFollower] = [await ask(first.url), await ask(second.url)];
    expect(viaFollower.status).toBe(viaLeader.status);
    expect(await viaFollower.json()).toEqual(await viaLeader.json());
  });

  it('keeps working through a Redis restart: forwarded events and broadcasts come back', async () => {
    const onLeader = await desktopOn(first, 'agent5');
    const onFollower = await desktopOn(second, 'supervisor');
    const leaderHeard = heard(onLeader);
    await redis.restart();
    const text = `after the restart ${ulid()}`;
    const mutation = note(customerId, text);
    // The desktop's outbox re-sends until the hub answers: the same here, with the same id.
    await eventually('the note applied through the follower', async () => {
      const answer = await onFollower.timeout(12_000).emitWithAck('mutation:push', { mutations: [mutation] }).catch(() => null);
      return answer?.ok === true && answer.data.results[0]?.status !== undefined && ['applied', 'duplicate'].includes(answer.data.results[0].status);
    }, 30_000);
    await eventually('the note broadcast to the leader node’s desktop', () => noteHeard(leaderHeard, text), 30_000);
    expect(lost).toEqual([]);
  });

  it('hands over when the leader stops: the follower leads, desktops reconnect to it, and nothing is lost', async () => {
    const agent = await desktopOn(second, 'agent1');
    const text = `handover ${ulid()}`;
    await first.close();
    await second.leading;
    expect(second.role()).toBe('leader');
    expect((await fetch(`${second.url}/healthz/leader`)).status).toBe(200);
    const [result] = expectOk(await agent.emitWithAck('mutation:push', { mutations: [note(customerId, text)] })).results;
    expect(result).toMatchObject({ status: 'applied' });
    // A desktop that was on the stopped node signs in again through the one left.
    const returning = await desktopOn(second, 'agent2');
    const { changes } = expectOk(await returning.emitWithAck('sync:pull', { since: 0, limit: 5000 }));
    expect(changes.filter((change) => change.entity === 'interaction' && change.data.channel === 'note' && change.data.text === text)).toHaveLength(1);
  });
});
