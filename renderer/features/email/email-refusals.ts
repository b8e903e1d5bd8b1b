import type { SwitchboardDb } from '../../db/schema';
import type { SyncEngine } from '../../sync/engine';

/**
 * A reply the hub refused (its thread moved to another agent, a file was
 * not the agent's…) leaves the outbox, and the agent is told by the usual
 * notice; its draft, kept since sending, goes back to the composer so the
 * words are not lost. For the whole session, whether or not the thread is open.
 */
export function watchEmailRefusals(engine: Pick<SyncEngine, 'onRefusal'>, db: SwitchboardDb): () => void {
  return engine.onRefusal((refusal) => {
    if (refusal.mutation.name !== 'email.send') return;
    const emailId = refusal.mutation.args.emailId;
    void db.emailDrafts
      .filter((draft) => draft.queuedAs === emailId)
      .modify({ queuedAs: null })
      .catch(() => undefined);
  });
}
