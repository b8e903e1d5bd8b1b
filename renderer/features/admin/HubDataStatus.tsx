import { useT } from '../../i18n/locale-store';
import { loadFailureText } from './save-refusal';
import type { HubData } from './use-hub-data';

/** "Loading…" or why the hub's list did not come, with a retry. */
export function HubDataStatus({ states, onRetry }: { states: readonly HubData<unknown>[]; onRetry(): void }) {
  const t = useT();
  const failed = states.find((state) => state.status === 'failed');
  if (!failed) return <p className="muted admin-loading">{t('app.loading')}</p>;
  return (
    <div className="admin-load-failed" role="alert" data-testid="admin-load-failed">
      <p>{t('admin.loadFailed', { reason: loadFailureText(t, failed.failure) })}</p>
      <button type="button" className="button small" onClick={onRetry}>
        {t('admin.retry')}
      </button>
    </div>
  );
}
