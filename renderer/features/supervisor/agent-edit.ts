import { EditAgentSchema } from '../../../shared/protocol/supervisor';
import { type SkillRow, skillsFromRows } from '../admin/skill-rows';

export type AgentEdit = { agentId: string; skills: Record<string, number>; queueIds: string[] };

/** Why the edit cannot be sent, and on which skill row (null: not a row's fault). */
export type AgentEditProblem = { row: number | null; kind: 'duplicate' | 'skill' | 'invalid' };

/** The edit form's rows and ticks as the hub's payload, or the first row to fix. Blank rows are dropped, not refused. */
export function agentEditFromForm(
  agentId: string,
  rows: readonly SkillRow[],
  queueIds: readonly string[],
): { ok: true; edit: AgentEdit } | { ok: false; problem: AgentEditProblem } {
  const kept = rows.flatMap((row, index) => (row.skill.trim() === '' ? [] : [{ row, index }]));
  const rowOf = (keptIndex: number) => kept[keptIndex]?.index ?? null;
  const { skills, keys, errors } = skillsFromRows(
    kept.map((entry) => entry.row),
    'skills',
  );
  const [duplicate] = errors.keys();
  if (duplicate !== undefined) return { ok: false, problem: { row: rowOf(Number(duplicate.split('.')[1])), kind: 'duplicate' } };
  const parsed = EditAgentSchema.safeParse({ agentId, skills, queueIds: [...new Set(queueIds)] });
  if (parsed.success) return { ok: true, edit: parsed.data };
  const skillIssue = parsed.error.issues.find((issue) => issue.path[0] === 'skills' && issue.path.length > 1);
  if (!skillIssue) return { ok: false, problem: { row: null, kind: 'invalid' } };
  return { ok: false, problem: { row: rowOf(keys.indexOf(String(skillIssue.path[1]))), kind: 'skill' } };
}
