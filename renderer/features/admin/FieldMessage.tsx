import { useT } from '../../i18n/locale-store';
import type { FieldErrors } from './field-errors';
import { problemAt } from './problem-text';

/** The problem with a field (or a row: its own path and its fields'), shown right under it. */
export function FieldMessage({ errors, paths }: { errors: FieldErrors; paths: string | readonly string[] }) {
  const t = useT();
  const list = typeof paths === 'string' ? [paths] : paths;
  const text = problemAt(t, errors, list);
  if (!text) return null;
  return (
    <p className="admin-field-error" role="alert" data-testid="field-error" data-path={list[0]}>
      {text}
    </p>
  );
}

/** For `aria-invalid` on an input. */
export const isInvalid = (errors: FieldErrors, ...paths: string[]): boolean => paths.some((path) => errors.has(path));
