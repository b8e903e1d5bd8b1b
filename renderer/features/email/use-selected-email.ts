import type { TaskView } from '../../../shared/protocol/routing';
import { useRouting } from '../inbox/routing-context';

/** The inbox's selected task when it is an email I hold (assigned, or in wrap-up): the main area then shows the thread. */
export function useSelectedEmail(): TaskView | null {
  return useRouting(
    (state) =>
      state.tasks.find(
        (candidate) =>
          candidate.id === state.selectedTaskId && candidate.channel === 'email' && (candidate.status === 'assigned' || candidate.status === 'wrap-up'),
      ) ?? null,
  );
}
