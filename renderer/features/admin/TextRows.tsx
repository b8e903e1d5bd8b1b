import type { MessageKey } from '../../i18n/translate';
import { useT } from '../../i18n/locale-store';
import { useAdmin } from './admin-context';
import type { FieldErrors } from './field-errors';
import { FieldMessage, isInvalid } from './FieldMessage';

type Props = {
  rows: readonly string[];
  onChange(rows: string[]): void;
  /** The list's field path; row `n` is `<path>.<n>`. */
  path: string;
  errors: FieldErrors;
  addLabel: MessageKey;
  rowLabel: MessageKey;
  type?: 'text' | 'date';
  maxLength?: number;
  testId: string;
};

/** An editable list of single values (dispositions, holidays), one input per row. */
export function TextRows({ rows, onChange, path, errors, addLabel, rowLabel, type = 'text', maxLength, testId }: Props) {
  const t = useT();
  const { canEdit } = useAdmin();
  const set = (index: number, value: string) => onChange(rows.map((row, i) => (i === index ? value : row)));
  return (
    <div className="admin-rows" data-testid={testId}>
      {rows.length === 0 && <p className="muted">{t('admin.noneYet')}</p>}
      {rows.map((row, index) => (
        // Rows have no identity of their own; the index is what the error paths use too.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div className="admin-row" key={index}>
          <div className="admin-row-fields">
            <input
              className="admin-row-input"
              type={type}
              value={row}
              maxLength={maxLength}
              aria-label={t(rowLabel, { n: index + 1 })}
              aria-invalid={isInvalid(errors, `${path}.${index}`)}
              onChange={(event) => set(index, event.target.value)}
              data-testid={`${testId}-input`}
            />
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
          <FieldMessage errors={errors} paths={`${path}.${index}`} />
        </div>
      ))}
      <FieldMessage errors={errors} paths={path} />
      {canEdit && (
        <button type="button" className="button small" onClick={() => onChange([...rows, ''])} data-testid={`${testId}-add`}>
          {t(addLabel)}
        </button>
      )}
    </div>
  );
}
