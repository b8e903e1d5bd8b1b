import { type FormEvent, useMemo, useState } from 'react';
import { MAX_HOURLY_DAYS, MAX_REPORT_DAYS, REPORT_GROUPS, type ReportGroup, type ReportRequest, type ReportResult } from '../../../shared/protocol/reports';
import { daysBetween, presetRange, type RangePreset } from '../../../shared/reports/range';
import { useLocale, useT } from '../../i18n/locale-store';
import type { Translate } from '../../i18n/translate';
import { useSession } from '../../store/session';
import { useSync } from '../../sync/context';
import type { AdminFailure } from '../../sync/admin-client';
import { loadFailureText } from '../admin/save-refusal';
import { saveFile } from '../timeline/hub-file';
import { ReportChart } from './ReportChart';
import { createReportClient } from './report-client';
import { ReportTable } from './ReportTable';
import './reports.css';

const PRESETS: readonly RangePreset[] = ['today', 'yesterday', 'last7', 'thisMonth'];

/** Why the form's range cannot be run, in the supervisor's words (the hub checks the same rules). */
function rangeProblem(t: Translate, form: Pick<ReportRequest, 'from' | 'to' | 'interval'>): string | null {
  if (!form.from || !form.to) return null;
  if (form.from > form.to) return t('reports.problem.order');
  const days = daysBetween(form.from, form.to);
  if (days > MAX_REPORT_DAYS) return t('reports.problem.tooLong', { max: MAX_REPORT_DAYS, days });
  if (form.interval === 'hour' && days > MAX_HOURLY_DAYS) return t('reports.problem.hourly', { max: MAX_HOURLY_DAYS });
  return null;
}

/** Historical reports: a date range by queue, agent, channel or disposition, with a chart, a table and CSV export. */
export function ReportsPanel() {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { engine } = useSync();
  const client = useMemo(() => createReportClient(engine.socket), [engine]);
  // The supervisor's own zone: "today" is their day, not the hub's.
  const timeZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);
  const [form, setForm] = useState<ReportRequest>(() => ({ ...presetRange('last7', Date.now(), timeZone), timeZone, groupBy: 'queue', interval: 'day' }));
  const [report, setReport] = useState<ReportResult | null>(null);
  const [busy, setBusy] = useState<'run' | 'export' | null>(null);
  const [failure, setFailure] = useState<{ action: 'run' | 'export'; failure: AdminFailure } | null>(null);
  const problem = rangeProblem(t, form);

  const change = (patch: Partial<ReportRequest>) => setForm((current) => ({ ...current, ...patch }));

  async function run(event: FormEvent) {
    event.preventDefault();
    if (problem || busy) return;
    setBusy('run');
    setFailure(null);
    const result = await client.run(form);
    setBusy(null);
    if (result.ok) setReport(result.data);
    else setFailure({ action: 'run', failure: result.failure });
  }

  async function exportCsv() {
    const session = useSession.getState().current;
    if (!report || !session || busy) return;
    setBusy('export');
    setFailure(null);
    const result = await client.exportCsv(report.request, { hubUrl: session.hubUrl, accessToken: session.accessToken, locale });
    setBusy(null);
    if (result.ok) saveFile(result.data.blob, result.data.name);
    else setFailure({ action: 'export', failure: result.failure });
  }

  return (
    <section className="reports-panel" aria-label={t('reports.title')} data-testid="reports-panel">
      <form className="supervisor-card reports-form" onSubmit={run} aria-label={t('reports.form')}>
        <div className="reports-presets">
          {PRESETS.map((preset) => (
            <button key={preset} type="button" className="button" onClick={() => change(presetRange(preset, Date.now(), timeZone))} data-testid={`reports-preset-${preset}`}>
              {t(`reports.preset.${preset}`)}
            </button>
          ))}
        </div>
        <label className="field">
          <span>{t('reports.from')}</span>
          <input type="date" value={form.from} required onChange={(e) => change({ from: e.target.value })} data-testid="reports-from" />
        </label>
        <label className="field">
          <span>{t('reports.to')}</span>
          <input type="date" value={form.to} required onChange={(e) => change({ to: e.target.value })} data-testid="reports-to" />
        </label>
        <label className="field">
          <span>{t('reports.groupBy')}</span>
          <select value={form.groupBy} onChange={(e) => change({ groupBy: e.target.value as ReportGroup })} data-testid="reports-group">
            {REPORT_GROUPS.map((group) => (
              <option key={group} value={group}>
                {t(`reports.group.${group}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('reports.interval')}</span>
          <select value={form.interval} onChange={(e) => change({ interval: e.target.value === 'hour' ? 'hour' : 'day' })} data-testid="reports-interval">
            <option value="day">{t('reports.interval.day')}</option>
            <option value="hour">{t('reports.interval.hour')}</option>
          </select>
        </label>
        <div className="reports-actions">
          <button type="submit" className="button primary" disabled={problem !== null || busy !== null} data-testid="reports-run">
            {busy === 'run' ? t('reports.running') : t('reports.run')}
          </button>
          <button type="button" className="button" disabled={!report || busy !== null} onClick={() => void exportCsv()} data-testid="reports-export">
            {busy === 'export' ? t('reports.exporting') : t('reports.export')}
          </button>
        </div>
        <p className="muted reports-zone">{t('reports.zone', { zone: timeZone })}</p>
        {problem && (
          <p className="supervisor-error" role="alert" data-testid="reports-problem">
            {problem}
          </p>
        )}
        {failure && (
          <p className="supervisor-error" role="alert" data-testid="reports-failure">
            {failure.action === 'export' ? t('reports.exportFailed', { reason: loadFailureText(t, failure.failure) }) : loadFailureText(t, failure.failure)}
          </p>
        )}
      </form>
      {!report ? (
        <p className="muted">{t('reports.prompt')}</p>
      ) : (
        <>
          <div className="supervisor-card">
            <h2 className="reports-heading">{t('reports.chart.title')}</h2>
            <ReportChart report={report} />
          </div>
          <div className="supervisor-card">
            <h2 className="reports-heading">{t('reports.table.title')}</h2>
            {report.lines.length === 0 ? <p className="muted" data-testid="reports-empty">{t('reports.empty')}</p> : <ReportTable report={report} />}
            {!report.csatCollected && (
              <p className="muted reports-note" data-testid="reports-csat-note">
                {t('reports.csatMissing')}
              </p>
            )}
            <p className="muted reports-note">{t('reports.help')}</p>
          </div>
        </>
      )}
    </section>
  );
}
