import type { FieldErrors } from './field-errors';
import { FieldMessage, isInvalid } from './FieldMessage';

type Props = {
  label: string;
  /** The schema path the value is checked at. */
  path: string;
  value: string;
  onChange(value: string): void;
  errors: FieldErrors;
  /** Shown after the box: "s", "min", "%". */
  unit?: string;
  testId: string;
};

/** A number typed as text (so a half-typed value stays), its unit, and its problem underneath. */
export function NumberField({ label, path, value, onChange, errors, unit, testId }: Props) {
  return (
    <label className="field">
      <span>{label}</span>
      <span className="admin-inline">
        <input
          className="admin-short"
          inputMode="decimal"
          value={value}
          aria-invalid={isInvalid(errors, path)}
          onChange={(event) => onChange(event.target.value)}
          data-testid={testId}
        />
        {unit && <span className="admin-unit">{unit}</span>}
      </span>
      <FieldMessage errors={errors} paths={path} />
    </label>
  );
}
