import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import type { User } from '../../shared/domain/user';
import type { SupervisorMessage } from '../../shared/protocol/supervisor';
import type { Clock } from '../clock';
import type { Presence } from '../cluster/presence';
import { listProfiles, listQueues } from '../db/routing-queries';
import type { Database } from '../db/schema';
import { findUser } from '../db/user-queries';
import { type HubServer, userRoom } from '../socket/hub-socket';
import { refuse } from '../sync/refusal';

export type MessageTarget = { kind: 'agent'; agentId: string } | { kind: 'queue'; queueId: string };

/**
 * A supervisor's note to an agent or to every member of a queue (the team).
 * Live only, like a tap on the shoulder: it reaches the desktops connected
 * now and is not stored, so `delivered` tells the supervisor how many saw it.
 */
export async function sendAgentMessage(
  deps: { db: Kysely<Database>; io: HubServer; presence: Presence; clock: Clock },
  from: User,
  request: { to: MessageTarget; text: string },
): Promise<{ delivered: number }> {
  const { db, io } = deps;
  const isConnected = (userId: string): boolean => deps.presence.desktops(userRoom(userId)) > 0;
  const base = { id: ulid(deps.clock()), fromName: from.displayName, text: request.text, at: deps.clock() };
  if (request.to.kind === 'agent') {
    const agent = await findUser(db, request.to.agentId);
    if (!agent) throw refuse('not-found', 'No such agent.', { issues: [{ path: 'to.agentId', message: 'unknown user' }] });
    const message: SupervisorMessage = { ...base, to: 'you' };
    io.to(userRoom(agent.id)).emit('supervisor:message', message);
    return { delivered: isConnected(agent.id) ? 1 : 0 };
  }
  const { queueId } = request.to;
  const queue = (await listQueues(db)).find((candidate) => candidate.id === queueId);
  if (!queue) throw refuse('not-found', 'No such queue.', { issues: [{ path: 'to.queueId', message: 'unknown queue' }] });
  const message: SupervisorMessage = { ...base, to: { queueName: queue.name } };
  let delivered = 0;
  for (const profile of await listProfiles(db)) {
    if (!profile.queueIds.includes(queue.id) || profile.userId === from.id) continue;
    io.to(userRoom(profile.userId)).emit('supervisor:message', message);
    if (isConnected(profile.userId)) delivered++;
  }
  return { delivered };
}
