import type { Translate } from '../../i18n/translate';
import type { AdminFailure } from '../../sync/admin-client';
import { loadFailureText } from '../admin/save-refusal';

/** What the supervisor was doing when the hub said no: the same code means something different on each. */
export type SupervisorAction = 'watch' | 'task:move' | 'task:assign' | 'agent:state' | 'agent:edit' | 'message' | 'settings';

/**
 * Why a supervisor action did not happen, in the supervisor's language. The
 * floor moves while the supervisor reads it, so the refusals they will meet
 * most (the task was taken, the agent cannot take it) get their own words.
 */
export function supervisorFailureText(t: Translate, action: SupervisorAction, failure: AdminFailure): string {
  if (failure.kind === 'hub') {
    const { code } = failure.error;
    const task = action === 'task:move' || action === 'task:assign';
    if (task && code === 'not-found') return t('supervisor.refused.taskGone');
    if (action === 'task:move' && code === 'conflict') return t('supervisor.refused.taskGone');
    if (action === 'task:assign' && code === 'conflict') return t('supervisor.refused.agentCannotTake');
    if (action === 'agent:state' && code === 'conflict') return t('supervisor.refused.agentState');
    if (action === 'agent:edit' && code === 'forbidden') return t('supervisor.refused.editAgents');
    if (action === 'settings' && code === 'forbidden') return t('supervisor.refused.settings');
  }
  return loadFailureText(t, failure);
}
