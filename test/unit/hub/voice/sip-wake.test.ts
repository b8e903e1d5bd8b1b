import { describe, expect, it } from 'vitest';
import type { TaskEvent } from '../../../../shared/domain/routing';
import type { StepContext } from '../../../../hub/routing/routing-service';
import { sipWakeObserver } from '../../../../hub/voice/sip-wake';
import type { Logger } from '../../../../hub/log';

const silent = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
const TASK = '01JCALL0000000000000000000';
const QUEUE = '01JQUEUE000000000000000000';
const AGENT = '01JAGENT000000000000000000';

/** A step context whose store must not be read: the observer has nothing to look up for a call opened in the same step. */
function untouchableStep(): { ctx: StepContext; announcements: (() => void)[] } {
  const announcements: (() => void)[] = [];
  const trx = new Proxy(
    {},
    {
      get: () => {
        throw new Error('the store was read');
      },
    },
  );
  const ctx = { trx, now: 1, afterCommit: (announce: () => void) => announcements.push(announce) } as unknown as StepContext;
  return { ctx, announcements };
}

describe('sipWakeObserver', () => {
  it('does not wake a call whose task the same step opened: Kamailio is asking about it right now', async () => {
    const step = untouchableStep();
    const events: TaskEvent[] = [
      { at: 1, taskId: TASK, queueId: QUEUE, kind: 'created', channel: 'call', priority: 50, customerId: null, customerTier: null, requiredSkills: {}, preferredAgentId: null },
      { at: 1, taskId: TASK, queueId: QUEUE, kind: 'offered', agentId: AGENT, expiresAt: 20_000, reason: 'longest-idle' },
    ];
    await sipWakeObserver({ wakeUrl: 'http://127.0.0.1:9/wake', voiceKey: 'k', log: silent })(step.ctx, events);
    expect(step.announcements).toHaveLength(0);
  });

  it('looks the call up for an offer on a task opened earlier (a waiting caller)', async () => {
    const step = untouchableStep();
    const events: TaskEvent[] = [{ at: 1, taskId: TASK, queueId: QUEUE, kind: 'offered', agentId: AGENT, expiresAt: 20_000, reason: 'longest-idle' }];
    await expect(sipWakeObserver({ wakeUrl: 'http://127.0.0.1:9/wake', voiceKey: 'k', log: silent })(step.ctx, events)).rejects.toThrow('the store was read');
  });
});
