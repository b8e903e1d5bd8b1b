import type { RoutingState } from '../store/routing';

export type TaskThreadsOptions = {
  /** The channel's tasks the agent holds in this routing state. */
  mine(state: RoutingState): string[];
  /** The tasks the channel's store has a thread for now. */
  held(): string[];
  /** The agent's set of tasks changed: the store follows, and what was waiting to be sent for tasks gone is dropped. */
  changed(taskIds: string[]): void;
  /** Opens one task's thread; answers false when it should be opened again with the next connection. */
  open(taskId: string): Promise<boolean>;
  connected(): boolean;
};

/**
 * The threads of one channel's tasks the agent holds (chats, SMS
 * conversations): each is opened once per connection, and one whose task left
 * the agent is forgotten. The chat and SMS clients both follow routing so.
 */
export function taskThreads(options: TaskThreadsOptions): { reconcile(state: RoutingState): void; disconnected(): void } {
  /** Opened over the current connection; cleared when it drops, so all are reopened after. */
  const opened = new Set<string>();
  return {
    reconcile(state) {
      // Until the hub has described the desk, an empty task list means "not known yet", not "none".
      if (!state.live) return;
      const taskIds = options.mine(state);
      const held = options.held();
      if (held.length !== taskIds.length || held.some((id) => !taskIds.includes(id))) {
        options.changed(taskIds);
        for (const id of opened) if (!taskIds.includes(id)) opened.delete(id);
      }
      if (!options.connected()) return;
      for (const taskId of taskIds) {
        if (opened.has(taskId)) continue;
        opened.add(taskId);
        void options.open(taskId).then((kept) => {
          if (!kept) opened.delete(taskId);
        });
      }
    },
    disconnected() {
      opened.clear();
    },
  };
}
