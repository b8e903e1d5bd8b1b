import { describe, expect, it } from 'vitest';
import type { RoutingState } from '../../../../renderer/store/routing';
import { taskThreads } from '../../../../renderer/sync/task-threads';

/** Only `live` is read by taskThreads; `mine` decides the tasks. */
const state = (live: boolean) => ({ live }) as RoutingState;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function harness(initial: string[]) {
  let mine = initial;
  let held: string[] = [];
  let connected = true;
  const opens: string[] = [];
  const answers = new Map<string, boolean>();
  const threads = taskThreads({
    mine: () => mine,
    held: () => held,
    changed: (taskIds) => {
      held = taskIds;
    },
    open: async (taskId) => {
      opens.push(taskId);
      return answers.get(taskId) ?? true;
    },
    connected: () => connected,
  });
  return {
    threads,
    opens,
    answers,
    setMine: (next: string[]) => {
      mine = next;
    },
    setConnected: (next: boolean) => {
      connected = next;
    },
    held: () => held,
  };
}

describe('taskThreads', () => {
  it('does nothing until the desk is live: an empty list then means "not known yet"', () => {
    const h = harness([]);
    h.threads.reconcile(state(false));
    expect(h.opens).toEqual([]);
  });

  it('opens each of my tasks once per connection and forgets tasks that left me', async () => {
    const h = harness(['a', 'b']);
    h.threads.reconcile(state(true));
    h.threads.reconcile(state(true));
    await settle();
    expect(h.opens).toEqual(['a', 'b']);
    expect(h.held()).toEqual(['a', 'b']);
    h.setMine(['b']);
    h.threads.reconcile(state(true));
    expect(h.held()).toEqual(['b']);
    h.threads.disconnected();
    h.threads.reconcile(state(true));
    expect(h.opens).toEqual(['a', 'b', 'b']);
  });

  it('opens again on the next reconcile a thread whose opening should be retried (network trouble)', async () => {
    const h = harness(['a']);
    h.answers.set('a', false);
    h.threads.reconcile(state(true));
    await settle();
    h.answers.set('a', true);
    h.threads.reconcile(state(true));
    await settle();
    h.threads.reconcile(state(true));
    expect(h.opens).toEqual(['a', 'a']);
  });

  it('follows the task list while offline but opens nothing until connected', () => {
    const h = harness(['a']);
    h.setConnected(false);
    h.threads.reconcile(state(true));
    expect(h.held()).toEqual(['a']);
    expect(h.opens).toEqual([]);
  });
});
