import { useCallback, useState } from 'react';
import { ulid } from 'ulid';

type Selection = {
  mode: 'existing' | 'new';
  /** The record picked (null = the first in the list), or the id made for a new one. */
  id: string | null;
  /** The form's React key: a new form for every pick, the same one when a new record is saved. */
  formKey: number;
};

/**
 * Which record of a list-and-form tab is in the form. Saving a new record
 * keeps its form on screen (with its "Saved" line) rather than opening the
 * saved record afresh.
 */
export function useListSelection() {
  const [selection, setSelection] = useState<Selection>({ mode: 'existing', id: null, formKey: 0 });
  const select = useCallback((id: string | null) => setSelection((s) => ({ mode: 'existing', id, formKey: s.formKey + 1 })), []);
  const add = useCallback(() => setSelection((s) => ({ mode: 'new', id: ulid(), formKey: s.formKey + 1 })), []);
  const saved = useCallback((id: string) => setSelection((s) => ({ mode: 'existing', id, formKey: s.formKey })), []);
  return { ...selection, select, add, saved };
}

/** The record the form shows: the one picked, else the first. */
export function pickedRecord<T>(list: readonly T[], id: string | null, key: (record: T) => string): T | null {
  return list.find((record) => key(record) === id) ?? list[0] ?? null;
}
