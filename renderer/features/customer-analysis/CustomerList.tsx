import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { CustomerListRow } from '../../../shared/protocol/customer-analysis';
import { formatDate, formatMoney } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import { useSession } from '../../store/session';
import { useWorkspace } from '../../store/workspace';
import type { AdminFailure } from '../../sync/admin-client';
import { loadFailureText } from '../admin/save-refusal';
import { TierBadge } from '../customer360/TierBadge';
import { saveFile } from '../timeline/hub-file';
import type { AnalysisClient } from './analysis-client';
import { EMPTY_FORM, filterOf, type ListForm, toggle } from './list-filter';

const CURRENCY = 'CNY';
const PAGE = 50;
const TIERS = ['vip', 'key', 'ordinary', 'small'] as const;
const STAGES = ['exploration', 'formation', 'stability', 'decline'] as const;
const SCORES = [1, 2, 3, 4, 5] as const;
const RFM = ['recency', 'frequency', 'monetary'] as const;

/** The customer list by tier, stage, RFM, tags and open complaints, a page at a time, and its CSV export. */
export function CustomerList({ client }: { client: AnalysisClient }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const [form, setForm] = useState<ListForm>(EMPTY_FORM);
  const [applied, setApplied] = useState<ListForm>(EMPTY_FORM);
  const [rows, setRows] = useState<CustomerListRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState<'list' | 'more' | 'export' | null>(null);
  const [failure, setFailure] = useState<AdminFailure | null>(null);
  const change = (patch: Partial<ListForm>) => setForm((current) => ({ ...current, ...patch }));

  const load = useCallback(
    async (wanted: ListForm, after: string | null) => {
      setBusy(after ? 'more' : 'list');
      setFailure(null);
      const result = await client.list({ ...filterOf(wanted), sort: wanted.sort, direction: wanted.direction, limit: PAGE, ...(after ? { after } : {}) });
      setBusy(null);
      if (!result.ok) return setFailure(result.failure);
      setRows((current) => (after ? [...(current ?? []), ...result.data.rows] : result.data.rows));
      setNext(result.data.next);
    },
    [client],
  );

  useEffect(() => {
    void load(EMPTY_FORM, null);
  }, [load]);

  function apply(event: FormEvent) {
    event.preventDefault();
    setApplied(form);
    void load(form, null);
  }

  async function exportCsv() {
    const session = useSession.getState().current;
    if (!session || busy) return;
    setBusy('export');
    setFailure(null);
    const result = await client.exportCsv(filterOf(applied), { hubUrl: session.hubUrl, accessToken: session.accessToken, locale });
    setBusy(null);
    if (result.ok) saveFile(result.data.blob, result.data.name);
    else setFailure(result.failure);
  }

  return (
    <div className="analysis-list" data-testid="customer-list">
      <form className="analysis-filters" onSubmit={apply} aria-label={t('analysis.list.filters')}>
        <fieldset>
          <legend>{t('analysis.list.tier')}</legend>
          {TIERS.map((tier) => (
            <label key={tier} className="check">
              <input type="checkbox" checked={form.tiers.includes(tier)} onChange={() => change({ tiers: toggle(form.tiers, tier) })} data-testid={`filter-tier-${tier}`} />
              {t(`tier.${tier}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('analysis.list.stage')}</legend>
          {STAGES.map((stage) => (
            <label key={stage} className="check">
              <input type="checkbox" checked={form.stages.includes(stage)} onChange={() => change({ stages: toggle(form.stages, stage) })} data-testid={`filter-stage-${stage}`} />
              {t(`value.stage.${stage}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="analysis-rfm">
          <legend>{t('analysis.list.col.rfm')}</legend>
          {RFM.map((part) => (
            <span key={part} className="analysis-range">
              <b>{t(`analysis.list.${part}`)}</b>
              {([0, 1] as const).map((end) => (
                <select
                  key={end}
                  value={form[part][end]}
                  aria-label={t('analysis.list.rangeOf', { score: t(`analysis.list.${part}`), min: form[part][0], max: form[part][1] })}
                  onChange={(e) => {
                    const value: [number, number] = [...form[part]];
                    value[end] = Number(e.target.value);
                    change({ [part]: value });
                  }}
                  data-testid={`filter-${part}-${end === 0 ? 'min' : 'max'}`}
                >
                  {SCORES.map((score) => (
                    <option key={score} value={score}>
                      {score}
                    </option>
                  ))}
                </select>
              ))}
            </span>
          ))}
        </fieldset>
        <label className="field analysis-tags">
          <span>{t('analysis.list.tags')}</span>
          <input value={form.tags} onChange={(e) => change({ tags: e.target.value })} data-testid="filter-tags" />
        </label>
        <label className="field">
          <span>&nbsp;</span>
          <select value={form.tagMode} onChange={(e) => change({ tagMode: e.target.value === 'all' ? 'all' : 'any' })} data-testid="filter-tag-mode">
            <option value="any">{t('analysis.list.tagMode.any')}</option>
            <option value="all">{t('analysis.list.tagMode.all')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('analysis.list.complaints')}</span>
          <select value={form.complaints} onChange={(e) => change({ complaints: e.target.value as ListForm['complaints'] })} data-testid="filter-complaints">
            <option value="either">{t('analysis.list.complaints.either')}</option>
            <option value="open">{t('analysis.list.complaints.open')}</option>
            <option value="none">{t('analysis.list.complaints.none')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('analysis.list.sort')}</span>
          <select value={form.sort} onChange={(e) => change({ sort: e.target.value as ListForm['sort'] })} data-testid="filter-sort">
            {(['profit', 'clv', 'lastOrder', 'name', 'number'] as const).map((sort) => (
              <option key={sort} value={sort}>
                {t(`analysis.list.sort.${sort}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>&nbsp;</span>
          <select value={form.direction} onChange={(e) => change({ direction: e.target.value === 'asc' ? 'asc' : 'desc' })} data-testid="filter-direction">
            <option value="desc">{t('analysis.list.direction.desc')}</option>
            <option value="asc">{t('analysis.list.direction.asc')}</option>
          </select>
        </label>
        <div className="analysis-actions">
          <button type="submit" className="button primary" disabled={busy !== null} data-testid="filter-apply">
            {t('analysis.list.apply')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setForm(EMPTY_FORM);
              setApplied(EMPTY_FORM);
              void load(EMPTY_FORM, null);
            }}
            data-testid="filter-reset"
          >
            {t('analysis.list.reset')}
          </button>
          <button type="button" className="button" disabled={busy !== null} onClick={() => void exportCsv()} data-testid="customers-export">
            {busy === 'export' ? t('analysis.list.exporting') : t('analysis.list.export')}
          </button>
        </div>
      </form>
      {failure && (
        <p className="form-error" role="alert" data-testid="customer-list-failure">
          {loadFailureText(t, failure)}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted">{t('analysis.list.empty')}</p>}
      {rows && rows.length > 0 && (
        <div className="report-table-scroll">
          <table className="report-table analysis-list-table">
            <thead>
              <tr>
                <th>{t('analysis.list.col.number')}</th>
                <th>{t('analysis.list.col.name')}</th>
                <th>{t('analysis.list.col.tier')}</th>
                <th>{t('analysis.list.col.stage')}</th>
                <th>{t('analysis.list.col.rfm')}</th>
                <th className="num">{t('analysis.list.col.profit')}</th>
                <th className="num">{t('analysis.list.col.clv')}</th>
                <th className="num">{t('analysis.list.col.orders')}</th>
                <th>{t('analysis.list.col.lastOrder')}</th>
                <th className="num">{t('analysis.list.col.complaints')}</th>
                <th>{t('analysis.list.col.tags')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.customerId} data-testid="customer-list-row" data-customer-id={row.customerId}>
                  <td className="mono">{row.number}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => useWorkspace.getState().openCustomer(row.customerId)}>
                      {row.name}
                    </button>
                  </td>
                  <td>
                    <TierBadge tier={row.tier} />
                  </td>
                  <td>{row.stage ? t(`value.stage.${row.stage}`) : <span className="muted">{t('analysis.list.notComputed')}</span>}</td>
                  <td className="mono">{row.rfm ? `${row.rfm.recency}${row.rfm.frequency}${row.rfm.monetary}` : '—'}</td>
                  <td className="num">{formatMoney(row.profitCents, CURRENCY, locale)}</td>
                  <td className="num">{formatMoney(row.clvCents, CURRENCY, locale)}</td>
                  <td className="num">{row.orderCount}</td>
                  <td>{row.lastOrderAt === null ? '—' : formatDate(row.lastOrderAt, locale)}</td>
                  <td className="num">{row.openComplaints}</td>
                  <td>{row.tags.join(locale === 'zh-CN' ? '、' : ', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows && (
        <div className="analysis-more">
          <span className="muted small" data-testid="customer-list-count">
            {t('analysis.list.shown', { count: rows.length })}
          </span>
          {next && (
            <button type="button" className="button small" disabled={busy !== null} onClick={() => void load(applied, next)} data-testid="customer-list-more">
              {t('analysis.list.more')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
