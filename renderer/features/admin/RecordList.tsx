import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n/translate';
import { useT } from '../../i18n/locale-store';
import { useAdmin } from './admin-context';

export type RecordItem = { id: string; title: string; detail?: string };

type Props = {
  label: MessageKey;
  items: readonly RecordItem[];
  selectedId: string | null;
  onSelect(id: string): void;
  /** The "new …" button; left out for read-only viewers. */
  addLabel?: MessageKey;
  onAdd?(): void;
  empty: MessageKey;
  children?: ReactNode;
};

/** The left column of a list-and-form tab: the records, the one being edited marked. */
export function RecordList({ label, items, selectedId, onSelect, addLabel, onAdd, empty, children }: Props) {
  const t = useT();
  const { canEdit } = useAdmin();
  return (
    <aside className="admin-list" aria-label={t(label)}>
      {canEdit && addLabel && onAdd && (
        <button type="button" className="button small primary" onClick={onAdd} data-testid="admin-add">
          {t(addLabel)}
        </button>
      )}
      {children}
      {items.length === 0 && <p className="muted">{t(empty)}</p>}
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className={`admin-list-item${item.id === selectedId ? ' is-selected' : ''}`}
              aria-current={item.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(item.id)}
              data-testid="admin-list-item"
            >
              <span className="admin-list-title">{item.title}</span>
              {item.detail && <span className="admin-list-detail">{item.detail}</span>}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
