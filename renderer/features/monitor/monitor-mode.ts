import type { MonitorMode } from '../../../shared/protocol/monitor';

/** Where the supervisor's voice goes on the agent's desktop. */
export type SupervisorVoiceRoute = { agentHears: boolean; callerHears: boolean };

/**
 * listen: nowhere; whisper: the agent's ear only; barge: the agent's ear and
 * the caller. In a three-way conference the call's outbound track is already
 * the conference mix, so a barge is heard by the agent only (as a whisper)
 * rather than undoing the conference.
 */
export function supervisorVoiceRoute(mode: MonitorMode, inConference: boolean): SupervisorVoiceRoute {
  return { agentHears: mode !== 'listen', callerHears: mode === 'barge' && !inConference };
}

/** Whether the supervisor's microphone should be open: only when someone will hear it. */
export const supervisorSpeaks = (mode: MonitorMode): boolean => mode !== 'listen';
