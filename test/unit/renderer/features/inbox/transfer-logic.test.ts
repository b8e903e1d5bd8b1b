import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { AgentDirectory, DirectoryAgent } from '../../../../../shared/protocol/routing';
import { agentChoices, canReceive, presenceKey, queueChoices, transferredAway, transferTarget } from '../../../../../renderer/features/inbox/transfer-logic';
import { makeTask } from './routing-fixtures';

const agent = (displayName: string, status: DirectoryAgent['status'], connected = true): DirectoryAgent => ({ id: ulid(), displayName, status, connected });

describe('transfer logic', () => {
  const ready = agent('Zoe', 'available');
  const away = agent('Al', 'away');
  const gone = agent('Bo', 'available', false);
  const directory: AgentDirectory = {
    agents: [away, gone, ready],
    queues: [
      { id: ulid(), name: 'Calls', channels: ['call'] },
      { id: ulid(), name: 'Chats', channels: ['chat', 'email'] },
    ],
  };

  it('lets only connected, available colleagues receive, listing them first', () => {
    expect([ready, away, gone].map(canReceive)).toEqual([true, false, false]);
    expect(agentChoices(directory).map((a) => a.displayName)).toEqual(['Zoe', 'Al', 'Bo']);
    expect([ready, away, gone, agent('Wu', 'wrap-up')].map(presenceKey)).toEqual([
      'agentState.available',
      'transfer.away',
      'agentState.offline',
      'agentState.wrapUp',
    ]);
  });

  it('offers only queues serving the task’s channel', () => {
    expect(queueChoices(directory, makeTask({ channel: 'email' })).map((q) => q.name)).toEqual(['Chats']);
  });

  it('builds a target only for a complete, receivable choice', () => {
    const queueId = directory.queues[0]?.id ?? '';
    expect(transferTarget(directory, 'queue', '', ready.id)).toBeNull();
    expect(transferTarget(directory, 'queue', queueId, '')).toEqual({ kind: 'queue', queueId });
    expect(transferTarget(directory, 'agent', queueId, away.id)).toBeNull();
    expect(transferTarget(directory, 'agent', '', ready.id)).toEqual({ kind: 'agent', agentId: ready.id });
  });

  it('takes a transferred task off my desk', () => {
    const me = ulid();
    const task = makeTask({ status: 'assigned', assignedTo: me });
    const queueId = ulid();
    expect(transferredAway(task, { kind: 'queue', queueId })).toMatchObject({ status: 'queued', queueId, assignedTo: null, declinedBy: [me] });
    expect(transferredAway(task, { kind: 'agent', agentId: ready.id })).toMatchObject({ status: 'offered', offeredTo: ready.id, assignedTo: null });
  });
});
