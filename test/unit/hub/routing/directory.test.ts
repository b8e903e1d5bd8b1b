import { describe, expect, it } from 'vitest';
import type { AgentProfile } from '../../../../shared/domain/routing';
import type { User } from '../../../../shared/domain/user';
import { buildDirectory } from '../../../../hub/routing/directory';
import { makeQueue } from '../../renderer/features/inbox/routing-fixtures';

const user = (id: string, displayName: string): User => ({ id, username: displayName.toLowerCase(), displayName, role: 'agent' });
const profile = (userId: string): AgentProfile => ({ userId, skills: {}, queueIds: [], capacity: {}, autoAccept: {}, maxMissedBeforeAway: 0 });

describe('buildDirectory', () => {
  const users = [user('me', 'Me'), user('b', 'Bo'), user('a', 'Al'), user('sup', 'Sue')];
  const profiles = [profile('me'), profile('b'), profile('a'), profile('ghost')];

  it('lists other agents with a profile, by name, with state and presence; never the caller', () => {
    const states = new Map([['a', { state: { status: 'available' as const, since: 1 }, missedCount: 0, idleSince: 1 }]]);
    const directory = buildDirectory({ callerId: 'me', profiles, users, states, queues: [], isConnected: (id) => id === 'a' });
    expect(directory.agents).toEqual([
      { id: 'a', displayName: 'Al', status: 'available', connected: true },
      { id: 'b', displayName: 'Bo', status: 'offline', connected: false },
    ]);
  });

  it('lists every queue by name, with only id, name and channels', () => {
    const queues = [makeQueue({ name: 'Billing', channels: ['chat'] }), makeQueue({ name: 'Accounts' })];
    const directory = buildDirectory({ callerId: 'me', profiles: [], users, states: new Map(), queues, isConnected: () => false });
    expect(directory.queues.map((queue) => queue.name)).toEqual(['Accounts', 'Billing']);
    expect(directory.queues[1]).toEqual({ id: queues[0]?.id, name: 'Billing', channels: ['chat'] });
  });
});
