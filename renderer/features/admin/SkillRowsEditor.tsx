import { useT } from '../../i18n/locale-store';
import { useAdmin } from './admin-context';
import type { FieldErrors } from './field-errors';
import { FieldMessage, isInvalid } from './FieldMessage';
import { SKILL_LEVELS, type SkillRow } from './skill-rows';

/** Skill + level rows, for a queue's requirements and an agent's skills. Row `n`'s path is `skills.<n>`. */
export function SkillRowsEditor({ rows, onChange, errors }: { rows: readonly SkillRow[]; onChange(rows: SkillRow[]): void; errors: FieldErrors }) {
  const t = useT();
  const { canEdit } = useAdmin();
  const set = (index: number, change: Partial<SkillRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <div className="admin-rows" data-testid="skill-rows">
      {rows.length === 0 && <p className="muted">{t('admin.skills.none')}</p>}
      {rows.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by index, as their error paths are
        <div className="admin-row" key={index}>
          <div className="admin-row-fields">
            <input
              className="admin-row-input"
              value={row.skill}
              maxLength={40}
              placeholder={t('admin.skills.placeholder')}
              aria-label={t('admin.skills.skill', { n: index + 1 })}
              aria-invalid={isInvalid(errors, `skills.${index}`)}
              onChange={(event) => set(index, { skill: event.target.value })}
              data-testid="skill-name"
            />
            <select
              value={row.level}
              aria-label={t('admin.skills.level', { n: index + 1 })}
              onChange={(event) => set(index, { level: Number(event.target.value) })}
              data-testid="skill-level"
            >
              {SKILL_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t('admin.skills.levelN', { level })}
                </option>
              ))}
            </select>
            {canEdit && (
              <button
                type="button"
                className="icon-button"
                aria-label={t('admin.removeRow', { n: index + 1 })}
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              >
                ×
              </button>
            )}
          </div>
          <FieldMessage errors={errors} paths={`skills.${index}`} />
        </div>
      ))}
      <FieldMessage errors={errors} paths="skills" />
      {canEdit && (
        <button type="button" className="button small" onClick={() => onChange([...rows, { skill: '', level: 1 }])} data-testid="skill-add">
          {t('admin.skills.add')}
        </button>
      )}
    </div>
  );
}
