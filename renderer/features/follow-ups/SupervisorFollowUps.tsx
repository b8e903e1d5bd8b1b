import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FollowUpView } from '../../../shared/protocol/follow-ups';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import type { AdminFailure } from '../../sync/admin-client';
import { useSync } from '../../sync/context';
import { useWorkspace } from '../../store/workspace';
import { loadFailureText } from '../admin/save-refusal';
import { createFollowUpClient } from './follow-up-client';
import './follow-ups.css';

/** The hub's list is read again this often; a supervisor can also refresh it. */
const REFRESH_MS = 60_000;

type Listed = { status: 'loading' } | { status: 'ready'; rows: FollowUpView[] } | { status: 'failed'; failure: AdminFailure };

/** Every agent's overdue follow-ups, longest overdue first, each opening its customer on the desk. */
export function SupervisorFollowUps() {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { engine } = useSync();
  const client = useMemo(() => createFollowUpClient(engine.socket), [engine]);
  const [listed, setListed] = useState<Listed>({ status: 'loading' });
  const load = useCallback(() => {
    void client.list({ scope: 'overdue', everyone: true }).then((answer) => {
      setListed((previous) => (answer.ok ? { status: 'ready', rows: answer.data } : previous.status === 'ready' ? previous : { status: 'failed', failure: answer.failure }));
    });
  }, [client]);
  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  return (
    <section className="supervisor-follow-ups" aria-label={t('followUps.overdue.title')} data-testid="supervisor-follow-ups">
      <div className="panel-head">
        <h3 className="section-title">
          {t('followUps.overdue.title')} {listed.status === 'ready' && <span className="count">{listed.rows.length}</span>}
        </h3>
        <button type="button" className="button small" onClick={load} data-testid="follow-ups-refresh">
          {t('followUps.overdue.refresh')}
        </button>
      </div>
      {listed.status === 'failed' && (
        <p className="form-error" role="alert">
          {t('followUps.overdue.failed', { reason: loadFailureText(t, listed.failure) })}
        </p>
      )}
      {listed.status === 'ready' && listed.rows.length === 0 && <p className="muted">{t('followUps.overdue.empty')}</p>}
      {listed.status === 'ready' && listed.rows.length > 0 && (
        <table className="follow-up-table">
          <thead>
            <tr>
              <th>{t('followUps.overdue.customer')}</th>
              <th>{t('followUps.overdue.kind')}</th>
              <th>{t('followUps.overdue.due')}</th>
              <th>{t('followUps.overdue.assignee')}</th>
              <th>{t('followUps.priority')}</th>
            </tr>
          </thead>
          <tbody>
            {listed.rows.map((row) => (
              <tr key={row.id} className="is-overdue" data-testid="overdue-follow-up">
                <td>
                  <button type="button" className="link-button" onClick={() => useWorkspace.getState().openCustomer(row.customerId)}>
                    {row.customerName} <span className="muted mono">{row.customerNumber}</span>
                  </button>
                </td>
                <td>{t(`followUp.kind.${row.kind}`)}</td>
                <td className="follow-up-late">{formatDateTime(row.dueAt, locale)}</td>
                <td>{row.assigneeName ?? t('followUps.overdue.nobody')}</td>
                <td>{t(`followUps.priority.${row.priority}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
