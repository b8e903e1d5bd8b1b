import { describe, expect, it } from 'vitest';
import { accountTasks, creations, type EventRow } from '../../../bench/load/accounting';
import { LoadConfigError, loadConfigFromEnv } from '../../../bench/load/config';
import { spread } from '../../../bench/load/samples';
import { sourceAddress } from '../../../bench/load/visitors';

const event = (taskId: string, kind: string, extra: Partial<EventRow> = {}): EventRow => ({ taskId, kind, agentId: null, at: 0, reason: null, channel: null, ...extra });

describe('load run task accounting', () => {
  it('counts a task that reached an agent, one still queued, one abandoned with a reason and one timed out as accounted for', () => {
    const result = accountTasks(
      [
        { id: 'a', status: 'done' },
        { id: 'q', status: 'queued' },
        { id: 'o', status: 'offered' },
        { id: 'x', status: 'abandoned' },
        { id: 't', status: 'timed-out' },
      ],
      [
        event('a', 'created'),
        event('a', 'offered', { agentId: 'u1' }),
        event('a', 'accepted', { agentId: 'u1' }),
        event('a', 'done', { agentId: 'u1' }),
        event('x', 'abandoned', { reason: 'caller hung up' }),
      ],
    );
    expect(result).toMatchObject({ created: 5, reachedAgent: 1, stillQueued: 2, abandonedWithReason: 1, timedOut: 1, lost: 0, doubleAssigned: 0 });
    expect(result.byStatus).toEqual({ done: 1, queued: 1, offered: 1, abandoned: 1, 'timed-out': 1 });
  });

  it('counts as lost a task abandoned without a reason, or finished without ever reaching an agent', () => {
    const result = accountTasks(
      [
        { id: 'x', status: 'abandoned' },
        { id: 'd', status: 'done' },
      ],
      [event('x', 'abandoned'), event('d', 'created')],
    );
    expect(result.lost).toBe(2);
    expect(result.lostTaskIds).toEqual(['x', 'd']);
  });

  it('counts a task taken by a second agent while the first still held it as double-assigned, but not after a transfer', () => {
    const result = accountTasks(
      [
        { id: 'dup', status: 'done' },
        { id: 'moved', status: 'done' },
      ],
      [
        event('dup', 'accepted', { agentId: 'u1' }),
        event('dup', 'assigned', { agentId: 'u2' }),
        event('moved', 'accepted', { agentId: 'u1' }),
        event('moved', 'transferred', { agentId: 'u1' }),
        event('moved', 'accepted', { agentId: 'u2' }),
      ],
    );
    expect(result.doubleAssigned).toBe(1);
    expect(result.doubleAssignedTaskIds).toEqual(['dup']);
    expect(result.reachedAgent).toBe(2);
  });

  it('reads when and on which channel each task was created', () => {
    const created = creations([event('a', 'created', { at: 5, channel: 'call' }), event('a', 'offered', { at: 9 }), event('b', 'created', { at: 7, channel: 'email' })]);
    expect([...created]).toEqual([
      ['a', { at: 5, channel: 'call' }],
      ['b', { at: 7, channel: 'email' }],
    ]);
  });
});

describe('load run configuration', () => {
  it('defaults to ten minutes with 500 agents', () => {
    expect(loadConfigFromEnv({})).toMatchObject({ minutes: 10, agents: 500, callsPerSec: 5, hubNodes: 1 });
  });

  it('takes overrides and reports every bad value at once', () => {
    expect(loadConfigFromEnv({ LOAD_MINUTES: '1', LOAD_AGENTS: '50', LOAD_CHATS_PER_MIN: '0', HUB_NODES: '2' })).toMatchObject({ minutes: 1, agents: 50, chatsPerMin: 0, hubNodes: 2 });
    try {
      loadConfigFromEnv({ LOAD_AGENTS: '2.5', LOAD_CALLS_PER_SEC: 'fast', HUB_NODES: '3' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LoadConfigError);
      expect((error as LoadConfigError).problems).toHaveLength(3);
    }
  });
});

describe('load run helpers', () => {
  it('summarises samples as min, average and max', () => {
    expect(spread([3, 1, 2])).toEqual({ n: 3, min: 1, avg: 2, max: 3 });
    expect(spread([]).n).toBe(0);
  });

  it('gives each chat visitor its own loopback source address', () => {
    const addresses = new Set(Array.from({ length: 1_000 }, (_, i) => sourceAddress(i)));
    expect(addresses.size).toBe(1_000);
    for (const address of addresses) expect(address).toMatch(/^127\.1\.([1-9]\d?|1\d\d|2[0-4]\d|250)\.([1-9]\d?|1\d\d|2[0-4]\d|250)$/);
  });
});
