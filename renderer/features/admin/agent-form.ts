import { type AgentProfile, AgentProfileSchema, TASK_CHANNELS, type TaskChannel } from '../../../shared/domain/routing';
import type { User } from '../../../shared/domain/user';
import { errorsFromZod, type FormResult, mergeErrors, NO_ERRORS, type PathMap, recordRowsPath } from './field-errors';
import { numberFrom, textFrom } from './form-numbers';
import { rowsFromSkills, type SkillRow, skillsFromRows } from './skill-rows';

/** An agent's routing profile as its form holds it. */
export type AgentDraft = {
  userId: string;
  skills: SkillRow[];
  queueIds: string[];
  /** '' = the agent does not take the channel. */
  capacity: Record<TaskChannel, string>;
  autoAccept: Record<TaskChannel, boolean>;
  maxMissedBeforeAway: string;
};

const perChannel = <T>(valueOn: (channel: TaskChannel) => T): Record<TaskChannel, T> => ({
  call: valueOn('call'),
  video: valueOn('video'),
  chat: valueOn('chat'),
  sms: valueOn('sms'),
  email: valueOn('email'),
});

/** One live conversation, a few chats and messages, a handful of emails: the usual desk. */
const USUAL_CAPACITY: Record<TaskChannel, number> = { call: 1, video: 1, chat: 3, sms: 3, email: 5 };

export function newAgentDraft(userId: string): AgentDraft {
  return {
    userId,
    skills: [],
    queueIds: [],
    capacity: perChannel((channel) => textFrom(USUAL_CAPACITY[channel])),
    autoAccept: perChannel(() => false),
    maxMissedBeforeAway: '3',
  };
}

export function draftFromProfile(profile: AgentProfile): AgentDraft {
  return {
    userId: profile.userId,
    skills: rowsFromSkills(profile.skills),
    queueIds: [...profile.queueIds],
    capacity: perChannel((channel) => {
      const held = profile.capacity[channel];
      return held === undefined ? '' : textFrom(held);
    }),
    autoAccept: perChannel((channel) => profile.autoAccept[channel] === true),
    maxMissedBeforeAway: textFrom(profile.maxMissedBeforeAway),
  };
}

export const agentPathMap = (draft: AgentDraft): PathMap =>
  recordRowsPath(
    'skills',
    'skills',
    draft.skills.map((row) => row.skill.trim()),
  );

export function profileFromDraft(draft: AgentDraft): FormResult<AgentProfile> {
  const { skills, errors: skillErrors } = skillsFromRows(draft.skills, 'skills');
  const taken = TASK_CHANNELS.filter((channel) => draft.capacity[channel].trim() !== '');
  const parsed = AgentProfileSchema.safeParse({
    userId: draft.userId,
    skills,
    queueIds: draft.queueIds,
    capacity: Object.fromEntries(taken.map((channel) => [channel, numberFrom(draft.capacity[channel])])),
    // Only the channels that are on: an absent channel already means "press accept".
    autoAccept: Object.fromEntries(TASK_CHANNELS.filter((channel) => draft.autoAccept[channel]).map((channel) => [channel, true])),
    maxMissedBeforeAway: numberFrom(draft.maxMissedBeforeAway),
  });
  if (parsed.success && skillErrors.size === 0) return { ok: true, value: parsed.data };
  return { ok: false, errors: mergeErrors(skillErrors, parsed.success ? NO_ERRORS : errorsFromZod(parsed.error, agentPathMap(draft))) };
}

/** Who can be given a routing profile: agents and supervisors (who also take work), not admins. */
export const routableUsers = (users: readonly User[]): User[] => users.filter((user) => user.role === 'agent' || user.role === 'supervisor');

/** People without a profile yet, for "add an agent". */
export function usersWithoutProfile(users: readonly User[], profiles: readonly AgentProfile[]): User[] {
  const profiled = new Set(profiles.map((profile) => profile.userId));
  return routableUsers(users).filter((user) => !profiled.has(user.id));
}

export function toggleQueue(queueIds: readonly string[], queueId: string, on: boolean): string[] {
  const rest = queueIds.filter((id) => id !== queueId);
  return on ? [...rest, queueId] : rest;
}
