import { type AgentProfile, LIVE_CHANNELS, type RoutingPolicy, type SkillRequirements, type TaskChannel } from '../domain/routing';

/** Tasks an agent holds per channel: pending offers, assigned, and in wrap-up all count. */
export type ChannelLoad = Partial<Record<TaskChannel, number>>;

/** How many more tasks of this channel the agent can take now (0 when none). */
export function spareCapacity(
  profile: AgentProfile,
  load: ChannelLoad,
  channel: TaskChannel,
  policy: Pick<RoutingPolicy, 'oneLiveConversation'>,
): number {
  let spare = (profile.capacity[channel] ?? 0) - (load[channel] ?? 0);
  if (policy.oneLiveConversation && LIVE_CHANNELS.includes(channel)) {
    const live = (load.call ?? 0) + (load.video ?? 0);
    spare = Math.min(spare, 1 - live);
  }
  return Math.max(0, spare);
}

/** A queue's requirements with the task's own on top; where both name a skill, the higher level wins. */
export function mergeRequirements(queue: SkillRequirements, task: SkillRequirements): [string, number][] {
  const merged = new Map(Object.entries(queue));
  for (const [skill, level] of Object.entries(task)) merged.set(skill, Math.max(level, merged.get(skill) ?? 0));
  return [...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Every required skill at its minimum level. Own keys only, so a skill named "constructor" is not inherited. */
export function hasSkills(skills: Readonly<Record<string, number>>, required: readonly (readonly [string, number])[]): boolean {
  for (const [skill, min] of required) {
    const level = Object.hasOwn(skills, skill) ? (skills[skill] ?? 0) : 0;
    if (level < min) return false;
  }
  return true;
}
