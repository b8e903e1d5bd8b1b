import type { TaskView } from '../../../shared/protocol/routing';
import { useRouting } from '../inbox/routing-context';
import { useChat } from './chat-context';

/**
 * The inbox's selected task when it is a chat I hold (assigned, or in
 * wrap-up): the main area then shows the conversation. A chat task with no
 * conversation behind it (one a supervisor made by hand) is worked like any
 * other task, from the customer view.
 */
export function useSelectedChat(): TaskView | null {
  const task = useRouting(
    (state) =>
      state.tasks.find(
        (candidate) =>
          candidate.id === state.selectedTaskId && candidate.channel === 'chat' && (candidate.status === 'assigned' || candidate.status === 'wrap-up'),
      ) ?? null,
  );
  const noConversation = useChat((state) => {
    const load = task ? state.rooms[task.id]?.load : undefined;
    return load?.kind === 'failed' && load.code === 'not-found';
  });
  return noConversation ? null : task;
}
