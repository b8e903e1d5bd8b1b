import { ulid } from 'ulid';
import { followUpLine, newFollowUp } from '../../shared/follow-ups/follow-up-life';
import { insertInteractions } from '../db/interaction-queries';
import type { StepContext } from '../routing/routing-service';
import { insertFollowUp } from './follow-up-store';

/**
 * A caller the voice queue released at its max wait is called back (virtual
 * hold): the callback task is already routed, and this files it as a
 * follow-up too, due now and worked by whoever takes the task, so it is on
 * the customer's record, the timeline and the supervisors' overdue list
 * until an agent records how the callback went.
 */
export async function fileCallback(ctx: StepContext, callback: { customerId: string; queueId: string; taskId: string; caller: string }): Promise<void> {
  const scheduled = newFollowUp(
    {
      followUpId: ulid(),
      lineId: ulid(),
      customerId: callback.customerId,
      kind: 'callback',
      dueAt: ctx.now,
      assigneeId: null,
      queueId: callback.queueId,
      priority: 'high',
      notes: `${callback.caller} waited past the queue's max wait and asked to be called back.`,
    },
    'virtual-hold',
    null,
    ctx.now,
  );
  const followUp = { ...scheduled, status: 'due' as const, taskId: callback.taskId };
  await insertFollowUp(ctx.trx, followUp);
  ctx.drafts.push({ entity: 'followUp', op: 'put', data: followUp });
  for (const entry of followUp.history) {
    const line = followUpLine(followUp, entry);
    await insertInteractions(ctx.trx, [line]);
    ctx.drafts.push({ entity: 'interaction', op: 'put', data: line });
  }
}
