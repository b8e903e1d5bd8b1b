import { useStore } from 'zustand';
import { syncErrorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/locale-store';
import type { Translate } from '../../i18n/translate';
import type { SyncStatus } from '../../store/sync-status';
import { syncProgress } from '../../sync/cursor';
import { useSync } from '../../sync/context';

export function badgeText(t: Translate, status: SyncStatus): string {
  const { connection, pending } = status;
  switch (connection.kind) {
    case 'connecting':
      return t('status.connecting');
    case 'syncing':
      return t('status.syncing', { percent: Math.floor(syncProgress(connection.cursor, connection.head) * 100) });
    case 'online':
      return pending > 0 ? t('status.onlinePending', { count: pending }) : t('status.online');
    case 'offline':
      return pending > 0 ? t('status.offlinePending', { count: pending }) : t('status.offline');
  }
}

/** Online, offline (with what waits to be sent), or syncing: the one thing an agent must always be able to see. */
export function SyncBadge() {
  const t = useT();
  const { engine } = useSync();
  const status = useStore(engine.status);
  const state = status.connection.kind === 'online' && status.pending > 0 ? 'pending' : status.connection.kind;
  return (
    <output
      className={`sync-badge is-${state}`}
      aria-label={t('status.label')}
      aria-live="polite"
      title={status.lastError ? syncErrorMessage(t, status.lastError) : undefined}
      data-testid="sync-badge"
      data-state={status.connection.kind}
      data-pending={status.pending}
    >
      <span className="dot" aria-hidden="true" />
      {badgeText(t, status)}
    </output>
  );
}
