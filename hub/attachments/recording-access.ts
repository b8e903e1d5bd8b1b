import type { Role } from '../../shared/domain/user';

/** What the access rule needs to know about a recording. */
export type RecordingScope = { queueId: string | null; agentId: string };

/** Who is asking: their role and, for an agent, the queues their profile puts them in. */
export type Listener = { id: string; role: Role; queueIds: readonly string[] };

/**
 * Who may hear a call recording: supervisors and administrators always; an
 * agent when they are in the recording's queue, or when it is their own call
 * (a direct call has no queue, and an agent moved out of a queue keeps their own).
 */
export function mayHearRecording(listener: Listener, recording: RecordingScope): boolean {
  if (listener.role === 'supervisor' || listener.role === 'admin') return true;
  if (listener.role !== 'agent') return false;
  if (recording.agentId === listener.id) return true;
  return recording.queueId !== null && listener.queueIds.includes(recording.queueId);
}

/** Whether a user is the agent on a call: the one who answered it, or the one its task is offered or assigned to. */
export function isAgentOnCall(userId: string, call: { agentId: string | null }, task: { offeredTo: string | null; assignedTo: string | null } | null): boolean {
  return call.agentId === userId || task?.assignedTo === userId || task?.offeredTo === userId;
}
