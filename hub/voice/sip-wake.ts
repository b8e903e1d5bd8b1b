import type { TaskEventKind } from '../../shared/domain/routing';
import { VOICE_KEY_HEADER } from '../../shared/protocol/voice';
import { findCallByTask } from '../db/voice-queries';
import type { Logger } from '../log';
import type { TaskObserver } from '../routing/routing-service';
import { kamailioRequest } from './kamailio-http';

/**
 * Wakes callers waiting in a queue. Kamailio parks a waiting caller's INVITE
 * once (t_suspend) instead of re-asking on a timer; when routing changes what
 * the route answer would say for the call, the hub tells Kamailio to ask again
 * at once (deploy/kamailio/kamailio.cfg route[WAKE]). Kamailio re-asks on its
 * own after a slow fallback, so a lost wake only delays a caller.
 */

/** The task events after which a waiting caller's route answer may differ: an agent to ring, a release at max wait, an end. */
const WAKING: ReadonlySet<TaskEventKind> = new Set(['offered', 'assigned', 'accepted', 'timed-out', 'abandoned', 'transferred', 'done']);

/** How long one wake may take; Kamailio answers before it re-asks, so this is only a dead listener. */
const WAKE_TIMEOUT_MS = 3_000;

export type WakeResult = { ok: true; status: number } | { ok: false; error: string };

/**
 * POSTs one wake. 200: the caller was waiting and now asks again; 202: not
 * waiting at this moment (remembered for their next wait, or an unknown call).
 * Never throws: a wake is fire-and-forget.
 */
export async function postWake(wakeUrl: string, voiceKey: string, callId: string): Promise<WakeResult> {
  try {
    const status = await kamailioRequest(wakeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [VOICE_KEY_HEADER]: voiceKey },
      body: JSON.stringify({ callId }),
      timeoutMs: WAKE_TIMEOUT_MS,
    });
    if (status === 200 || status === 202) return { ok: true, status };
    return { ok: false, error: `Kamailio answered ${status}` };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A routing observer: for each call task whose situation changed in the step,
 * wakes its caller after the commit (a re-ask before it would read the old task).
 */
export function sipWakeObserver(deps: { wakeUrl: string; voiceKey: string; log: Logger }): TaskObserver {
  return async (ctx, events) => {
    // A task opened in this step is a call Kamailio is asking about right now: the answer to that ask already says who to ring.
    const opened = new Set(events.filter((event) => event.kind === 'created').map((event) => event.taskId));
    const taskIds = new Set(events.filter((event) => WAKING.has(event.kind) && !opened.has(event.taskId)).map((event) => event.taskId));
    for (const taskId of taskIds) {
      const call = await findCallByTask(ctx.trx, taskId);
      // Not a call, or one already answered: nobody is waiting in Kamailio for it.
      if (!call || call.answeredAt !== null) continue;
      ctx.afterCommit(() => {
        void postWake(deps.wakeUrl, deps.voiceKey, call.callId).then((result) => {
          if (!result.ok) deps.log.warn(`could not wake call ${call.callId} in Kamailio (it re-asks on its own later): ${result.error}`);
        });
      });
    }
  };
}
