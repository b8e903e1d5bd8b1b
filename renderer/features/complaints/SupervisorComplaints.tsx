import { useCallback, useEffect, useState } from 'react';
import { COMPLAINT_SEVERITIES } from '../../../shared/complaints/complaint';
import type { SlaColour } from '../../../shared/complaints/sla';
import { valueOr } from '../../db/live';
import { useT } from '../../i18n/locale-store';
import type { AdminFailure } from '../../sync/admin-client';
import { loadFailureText } from '../admin/save-refusal';
import type { ListedComplaint } from './complaint-client';
import { ComplaintDrawer } from './ComplaintDetail';
import { ComplaintRow } from './ComplaintRow';
import { filterRanked, type ListFilter, rankByUrgency } from './complaint-logic';
import { useComplaintClient, useComplaintSettings, useLatestComplaintChange } from './use-complaints';
import { useNow } from '../inbox/routing-context';
import './complaints.css';

const COLOURS: readonly SlaColour[] = ['red', 'amber', 'green'];
/** The hub's list is read again this often, and whenever a complaint changes; the clocks tick in between. */
const REFRESH_MS = 30_000;

/** Every open complaint in the centre, most urgent first, with filters by clock colour and severity. */
export function SupervisorComplaints() {
  const t = useT();
  const client = useComplaintClient();
  const settings = useComplaintSettings();
  // Hundreds of complaints, each clock walked through the business calendar: the list ticks by the ten seconds, the open complaint by the second.
  const now = useNow(10_000);
  const [listed, setListed] = useState<{ status: 'loading' } | { status: 'ready'; rows: ListedComplaint[] } | { status: 'failed'; failure: AdminFailure }>({ status: 'loading' });
  const [filter, setFilter] = useState<ListFilter>({ colour: 'all', severity: 'all' });
  const load = useCallback(() => {
    void client.list({ scope: 'all', status: 'open', limit: 500 }).then((answer) => {
      setListed((previous) => (answer.ok ? { status: 'ready', rows: answer.data } : previous.status === 'ready' ? previous : { status: 'failed', failure: answer.failure }));
    });
  }, [client]);
  // Every complaint change reaches this desktop's cache through sync: the newest one's stamp says when to read the list again.
  const lastChange = valueOr(useLatestComplaintChange(), null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a newer complaint change is the reason to read the list again
  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, lastChange]);

  const ranked = listed.status === 'ready' ? rankByUrgency(listed.rows, settings, now) : [];
  const shown = filterRanked(ranked, filter);
  const count = (colour: SlaColour) => ranked.filter((r) => r.lead.colour === colour).length;
  return (
    <section className="supervisor-complaints" aria-label={t('complaints.supervisor.title')} data-testid="supervisor-complaints">
      <div className="complaint-filters">
        <fieldset className="segmented" aria-label={t('complaints.filter.colour')}>
          <button type="button" className={`segment${filter.colour === 'all' ? ' is-on' : ''}`} onClick={() => setFilter({ ...filter, colour: 'all' })} data-testid="filter-colour-all">
            {t('complaints.filter.all')} <span className="muted">{ranked.length}</span>
          </button>
          {COLOURS.map((colour) => (
            <button
              key={colour}
              type="button"
              className={`segment colour-${colour}${filter.colour === colour ? ' is-on' : ''}`}
              onClick={() => setFilter({ ...filter, colour })}
              data-testid={`filter-colour-${colour}`}
            >
              <span className={`clock-dot is-${colour}`} aria-hidden="true" /> {t(`complaints.colour.${colour}`)} <span className="muted">{count(colour)}</span>
            </button>
          ))}
        </fieldset>
        <label className="inline-field">
          <span>{t('complaints.field.severity')}</span>
          <select
            value={filter.severity}
            onChange={(e) => {
              const severity = COMPLAINT_SEVERITIES.find((s) => s === e.target.value) ?? 'all';
              setFilter({ ...filter, severity });
            }}
            data-testid="filter-severity"
          >
            <option value="all">{t('complaints.filter.all')}</option>
            {COMPLAINT_SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {t(`complaints.severity.${severity}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button small" onClick={load}>
          {t('complaints.refresh')}
        </button>
      </div>
      {listed.status === 'loading' && <p className="muted">{t('app.loading')}</p>}
      {listed.status === 'failed' && (
        <p className="form-error" role="alert">
          {t('admin.loadFailed', { reason: loadFailureText(t, listed.failure) })}
        </p>
      )}
      {listed.status === 'ready' && shown.length === 0 && <p className="muted">{t('complaints.supervisor.none')}</p>}
      <ul className="complaint-list supervisor-list">
        {shown.map((r) => (
          <ComplaintRow key={r.complaint.id} complaint={r.complaint} clocks={r.clocks} lead={r.lead} who={`${r.complaint.customerName} (${r.complaint.customerNumber})`}
            categories={settings.categories} />
        ))}
      </ul>
      <ComplaintDrawer />
    </section>
  );
}
