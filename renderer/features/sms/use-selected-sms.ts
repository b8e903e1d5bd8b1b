import type { TaskView } from '../../../shared/protocol/routing';
import { useRouting } from '../inbox/routing-context';
import { useSms } from './sms-context';

/**
 * The inbox's selected task when it is an SMS conversation I hold (assigned,
 * or in wrap-up); an sms task with no conversation behind it (made by hand)
 * is worked from the customer view.
 */
export function useSelectedSms(): TaskView | null {
  const task = useRouting(
    (state) =>
      state.tasks.find(
        (candidate) => candidate.id === state.selectedTaskId && candidate.channel === 'sms' && (candidate.status === 'assigned' || candidate.status === 'wrap-up'),
      ) ?? null,
  );
  const noConversation = useSms((state) => {
    const load = task ? state.rooms[task.id]?.load : undefined;
    return load?.kind === 'failed' && load.code === 'not-found';
  });
  return noConversation ? null : task;
}
