import type { AgentProfile, Queue } from '../../shared/domain/routing';
import type { User } from '../../shared/domain/user';
import type { AgentDirectory } from '../../shared/protocol/routing';
import { initialAgentState, type StoredAgentState } from '../db/routing-queries';

export type DirectoryInput = {
  callerId: string;
  profiles: readonly AgentProfile[];
  users: readonly User[];
  states: ReadonlyMap<string, StoredAgentState>;
  queues: readonly Queue[];
  isConnected: (userId: string) => boolean;
};

/**
 * Who and where a task can be transferred to: every queue (not only the
 * caller's) and every agent with a routing profile except the caller, by name.
 * A profile whose user is gone is left out.
 */
export function buildDirectory(input: DirectoryInput): AgentDirectory {
  const users = new Map(input.users.map((user) => [user.id, user]));
  const agents = input.profiles.flatMap((profile) => {
    const user = users.get(profile.userId);
    if (!user || user.id === input.callerId) return [];
    const status = (input.states.get(user.id) ?? initialAgentState()).state.status;
    return [{ id: user.id, displayName: user.displayName, status, connected: input.isConnected(user.id) }];
  });
  agents.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
  const queues = input.queues.map(({ id, name, channels }) => ({ id, name, channels }));
  queues.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { agents, queues };
}
