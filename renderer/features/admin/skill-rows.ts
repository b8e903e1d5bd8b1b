import type { SkillRequirements } from '../../../shared/domain/routing';
import type { FieldErrors, FieldProblem } from './field-errors';

/** One line of a skills editor: a skill code and a level from 1 (has it) to 5 (expert). */
export type SkillRow = { skill: string; level: number };

export const SKILL_LEVELS = [1, 2, 3, 4, 5] as const;

export const rowsFromSkills = (skills: SkillRequirements): SkillRow[] =>
  Object.entries(skills).map(([skill, level]) => ({ skill, level }));

/**
 * Rows back to the record the schemas expect. A record keeps one level per
 * skill, so a second row naming the same skill would silently win: it is
 * marked as a duplicate instead. `keys` (each row's code, in row order) lets
 * the schema's record paths be mapped back to rows.
 */
export function skillsFromRows(rows: readonly SkillRow[], rowsField: string): { skills: SkillRequirements; keys: string[]; errors: FieldErrors } {
  const keys = rows.map((row) => row.skill.trim());
  const errors = new Map<string, FieldProblem>();
  const levels = new Map<string, number>();
  rows.forEach((row, index) => {
    const skill = keys[index] ?? '';
    if (levels.has(skill)) errors.set(`${rowsField}.${index}`, { kind: 'duplicate' });
    else levels.set(skill, row.level);
  });
  // fromEntries defines own properties, so even a code like `__proto__` (refused by the schema next) cannot touch the prototype.
  return { skills: Object.fromEntries(levels), keys, errors };
}
