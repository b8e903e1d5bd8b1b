import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChurnAnswer, LifecycleAnswer, MigrationAnswer, PyramidAnswer } from '../../../shared/protocol/customer-analysis';
import { formatDateTime, formatMoney } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import type { AdminFailure } from '../../sync/admin-client';
import { useSync } from '../../sync/context';
import { loadFailureText } from '../admin/save-refusal';
import { CrossSellFigures } from '../cross-sell/CrossSellFigures';
import { useOnline } from '../customer-value/use-value';
import { createAnalysisClient } from './analysis-client';
import { formatShare } from './analysis-format';
import { ChurnList } from './ChurnList';
import { CustomerList } from './CustomerList';
import { LifecycleChart } from './LifecycleChart';
import { MigrationTable } from './MigrationTable';
import { PyramidChart } from './PyramidChart';
import '../reports/reports.css';
import './customer-analysis.css';

type Figures = { pyramid: PyramidAnswer; lifecycle: LifecycleAnswer; migration: MigrationAnswer; churn: ChurnAnswer };

/**
 * The supervisor's Customers tab (issue 7): the tier pyramid, lifecycle
 * distribution, tier migration, churn risk and the filtered customer list,
 * read live from the hub (hub/crm/analysis/). Loaded lazily with its charts.
 */
export function CustomerAnalysisPanel() {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const online = useOnline();
  const { engine } = useSync();
  const client = useMemo(() => createAnalysisClient(engine.socket), [engine]);
  const [figures, setFigures] = useState<Figures | null>(null);
  const [failure, setFailure] = useState<AdminFailure | null>(null);
  const [round, setRound] = useState(0);

  const load = useCallback(async () => {
    setFailure(null);
    const [pyramid, lifecycle, migration, churn] = await Promise.all([client.pyramid(), client.lifecycle(), client.migration({}), client.churn()]);
    for (const result of [pyramid, lifecycle, migration, churn]) if (!result.ok) return setFailure(result.failure);
    if (pyramid.ok && lifecycle.ok && migration.ok && churn.ok) setFigures({ pyramid: pyramid.data, lifecycle: lifecycle.data, migration: migration.data, churn: churn.data });
  }, [client]);

  useEffect(() => {
    if (online) void load();
  }, [online, load]);

  async function migrate(from: string, to: string) {
    const result = await client.migration(from <= to ? { from, to } : { from: to, to: from });
    if (result.ok) setFigures((current) => (current ? { ...current, migration: result.data } : current));
    else setFailure(result.failure);
  }

  if (!online) return <p className="muted">{t('analysis.offline')}</p>;
  return (
    <section className="analysis-panel" aria-label={t('analysis.title')} data-testid="customer-analysis">
      <div className="analysis-head">
        <h2>{t('analysis.title')}</h2>
        {figures?.pyramid.computedAt && <span className="muted small">{t('analysis.pyramid.computedAt', { time: formatDateTime(figures.pyramid.computedAt, locale) })}</span>}
        <button
          type="button"
          className="button small"
          onClick={() => {
            setRound((n) => n + 1);
            void load();
          }}
          data-testid="analysis-refresh"
        >
          {t('analysis.refresh')}
        </button>
      </div>
      {failure && (
        <p className="form-error" role="alert" data-testid="analysis-failure">
          {loadFailureText(t, failure)}
        </p>
      )}
      {!figures && !failure && <p className="muted">{t('app.loading')}</p>}
      {figures && (
        <>
          <div className="analysis-grid">
            <section className="supervisor-card analysis-card" aria-label={t('analysis.pyramid.title')} data-testid="pyramid-card">
              <h3 className="section-title">{t('analysis.pyramid.title')}</h3>
              {figures.pyramid.customers === 0 ? (
                <p className="muted">{t('analysis.pyramid.notComputed')}</p>
              ) : (
                <>
                  <PyramidChart pyramid={figures.pyramid} />
                  <div className="report-table-scroll">
                    <table className="report-table analysis-pyramid-table">
                      <thead>
                        <tr>
                          <th>{t('analysis.pyramid.tier')}</th>
                          <th className="num">{t('analysis.pyramid.customers')}</th>
                          <th className="num">{t('analysis.pyramid.profit')}</th>
                          <th className="num">{t('analysis.pyramid.share')}</th>
                          <th className="num">{t('analysis.pyramid.cutoff')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {figures.pyramid.tiers.map((tier) => (
                          <tr key={tier.tier} data-testid={`pyramid-row-${tier.tier}`}>
                            <th>{t(`tier.${tier.tier}`)}</th>
                            <td className="num">{tier.customers}</td>
                            <td className="num">{formatMoney(tier.profitCents, 'CNY', locale)}</td>
                            <td className="num">{formatShare(tier.profitShare, locale)}</td>
                            <td className="num">{tier.minProfitCents === null ? '—' : formatMoney(tier.minProfitCents, 'CNY', locale)}</td>
                          </tr>
                        ))}
                        <tr className="report-total">
                          <th>{t('analysis.pyramid.total')}</th>
                          <td className="num">{figures.pyramid.customers}</td>
                          <td className="num">{formatMoney(figures.pyramid.profitCents, 'CNY', locale)}</td>
                          <td />
                          <td />
                        </tr>
                      </tbody>
                    </table>
                  </div>
                </>
              )}
            </section>
            <section className="supervisor-card analysis-card" aria-label={t('analysis.lifecycle.title')} data-testid="lifecycle-card">
              <h3 className="section-title">{t('analysis.lifecycle.title')}</h3>
              <LifecycleChart lifecycle={figures.lifecycle} />
            </section>
            <section className="supervisor-card analysis-card" aria-label={t('analysis.migration.title')} data-testid="migration-card">
              <h3 className="section-title">{t('analysis.migration.title')}</h3>
              <MigrationTable answer={figures.migration} onDays={(from, to) => void migrate(from, to)} />
            </section>
            <section className="supervisor-card analysis-card" aria-label={t('crossSell.figures.title')}>
              <h3 className="section-title">{t('crossSell.figures.title')}</h3>
              <CrossSellFigures round={round} />
            </section>
            <section className="supervisor-card analysis-card is-wide" aria-label={t('analysis.churn.title')} data-testid="churn-card">
              <h3 className="section-title">{t('analysis.churn.title')}</h3>
              <ChurnList answer={figures.churn} />
            </section>
          </div>
          <section className="supervisor-card analysis-card" aria-label={t('analysis.list.title')}>
            <h3 className="section-title">{t('analysis.list.title')}</h3>
            <CustomerList client={client} />
          </section>
        </>
      )}
    </section>
  );
}
