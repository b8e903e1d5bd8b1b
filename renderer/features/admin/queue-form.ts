import { type Queue, QueueSchema, TASK_CHANNELS, type TaskChannel } from '../../../shared/domain/routing';
import { businessHoursFrom, type HoursDraft, hoursDraftFrom } from './business-hours-form';
import { errorsFromZod, type FormResult, mergeErrors, NO_ERRORS, type PathMap, recordRowsPath } from './field-errors';
import { numberFrom, textFrom } from './form-numbers';
import { rowsFromSkills, type SkillRow, skillsFromRows } from './skill-rows';

/** A queue as its edit form holds it. Field paths in errors are the schema's, except skills (`skills.<row>`). */
export type QueueDraft = {
  id: string;
  name: string;
  channels: TaskChannel[];
  skills: SkillRow[];
  serviceLevelPercent: string;
  serviceLevelSeconds: string;
  maxWaitSec: string;
  /** '' = no overflow. */
  overflowQueueId: string;
  hours: HoursDraft;
  dispositions: string[];
  preferredAgentHoldSec: string;
  recordCalls: boolean;
  recordingNotice: string;
};

/** The usual targets: 80 % answered in 20 s, nobody waits more than 15 minutes. */
export function newQueueDraft(id: string): QueueDraft {
  return {
    id,
    name: '',
    channels: [],
    skills: [],
    serviceLevelPercent: '80',
    serviceLevelSeconds: '20',
    maxWaitSec: '900',
    overflowQueueId: '',
    hours: hoursDraftFrom(null),
    dispositions: [],
    preferredAgentHoldSec: '0',
    recordCalls: false,
    recordingNotice: '',
  };
}

export function draftFromQueue(queue: Queue): QueueDraft {
  return {
    id: queue.id,
    name: queue.name,
    channels: [...queue.channels],
    skills: rowsFromSkills(queue.requiredSkills),
    serviceLevelPercent: textFrom(queue.serviceLevel.percent),
    serviceLevelSeconds: textFrom(queue.serviceLevel.seconds),
    maxWaitSec: textFrom(queue.maxWaitSec),
    overflowQueueId: queue.overflowQueueId ?? '',
    hours: hoursDraftFrom(queue.businessHours),
    dispositions: [...queue.dispositions],
    preferredAgentHoldSec: textFrom(queue.preferredAgentHoldSec),
    recordCalls: queue.recordCalls ?? false,
    recordingNotice: queue.recordingNotice ?? '',
  };
}

/** Ticking a channel keeps the contract's channel order, so a saved queue reads the same every time. */
export function toggleChannel(channels: readonly TaskChannel[], channel: TaskChannel, on: boolean): TaskChannel[] {
  return TASK_CHANNELS.filter((candidate) => (candidate === channel ? on : channels.includes(candidate)));
}

/** Maps the schema's `requiredSkills.<code>` to the editor's skill rows. */
export const queuePathMap = (draft: QueueDraft): PathMap =>
  recordRowsPath(
    'requiredSkills',
    'skills',
    draft.skills.map((row) => row.skill.trim()),
  );

/** The queue to send, checked with the shared schema; or the problems, keyed by field. */
export function queueFromDraft(draft: QueueDraft): FormResult<Queue> {
  const { skills, errors: skillErrors } = skillsFromRows(draft.skills, 'skills');
  const parsed = QueueSchema.safeParse({
    id: draft.id,
    name: draft.name,
    channels: draft.channels,
    requiredSkills: skills,
    serviceLevel: { percent: numberFrom(draft.serviceLevelPercent), seconds: numberFrom(draft.serviceLevelSeconds) },
    maxWaitSec: numberFrom(draft.maxWaitSec),
    overflowQueueId: draft.overflowQueueId || null,
    businessHours: businessHoursFrom(draft.hours),
    dispositions: draft.dispositions,
    preferredAgentHoldSec: numberFrom(draft.preferredAgentHoldSec),
    // Left out when off or empty: a queue saved before recording existed reads the same.
    ...(draft.recordCalls ? { recordCalls: true } : {}),
    ...(draft.recordingNotice.trim() ? { recordingNotice: draft.recordingNotice } : {}),
  });
  if (parsed.success && skillErrors.size === 0) return { ok: true, value: parsed.data };
  return { ok: false, errors: mergeErrors(skillErrors, parsed.success ? NO_ERRORS : errorsFromZod(parsed.error, queuePathMap(draft))) };
}

/** Where a queue may overflow: any other queue. */
export const overflowChoices = (queues: readonly Queue[], queueId: string): Queue[] => queues.filter((queue) => queue.id !== queueId);
