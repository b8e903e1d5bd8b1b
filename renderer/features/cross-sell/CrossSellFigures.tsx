import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CrossSellFiguresAnswer } from '../../../shared/protocol/customer-analysis';
import { formatDate } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import type { AdminFailure } from '../../sync/admin-client';
import { useSync } from '../../sync/context';
import { loadFailureText } from '../admin/save-refusal';
import { formatShare } from '../customer-analysis/analysis-format';
import { createCrossSellClient } from './cross-sell-client';

/**
 * The supervisor's view of cross-sell: per product, suggestions still open,
 * taken and declined over the last 90 days and the take rate; and the rules
 * mined again now (they are also mined every night).
 */
export function CrossSellFigures({ round }: { round: number }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { engine } = useSync();
  const client = useMemo(() => createCrossSellClient(engine.socket, 120_000), [engine]);
  const [figures, setFigures] = useState<CrossSellFiguresAnswer | null>(null);
  const [mined, setMined] = useState<{ rules: number; baskets: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AdminFailure | null>(null);

  const load = useCallback(async () => {
    const result = await client.figures();
    if (result.ok) setFigures(result.data);
    else setFailure(result.failure);
  }, [client]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` is the panel's Refresh, a trigger for a fresh read
  useEffect(() => {
    void load();
  }, [load, round]);

  async function mine() {
    setBusy(true);
    setFailure(null);
    const result = await client.mine();
    setBusy(false);
    if (result.ok) setMined({ rules: result.data.rules, baskets: result.data.baskets });
    else setFailure(result.failure);
  }

  return (
    <div className="cross-sell-figures" data-testid="cross-sell-figures-card">
      <div className="analysis-actions">
        <button type="button" className="button small" disabled={busy} onClick={() => void mine()} data-testid="cross-sell-mine">
          {busy ? t('crossSell.mining') : t('crossSell.mine')}
        </button>
        {mined && (
          <span className="muted small" role="status" data-testid="cross-sell-mined">
            {t('crossSell.mined', { count: mined.rules, baskets: mined.baskets })}
          </span>
        )}
      </div>
      {failure && (
        <p className="form-error" role="alert">
          {loadFailureText(t, failure)}
        </p>
      )}
      {figures && figures.products.length === 0 && <p className="muted small">{t('crossSell.figures.none')}</p>}
      {figures && figures.products.length > 0 && (
        <div className="report-table-scroll">
          <p className="muted small">{t('crossSell.figures.since', { date: formatDate(figures.since, locale) })}</p>
          <table className="report-table">
            <thead>
              <tr>
                <th>{t('crossSell.figures.product')}</th>
                <th className="num">{t('crossSell.figures.open')}</th>
                <th className="num">{t('crossSell.taken')}</th>
                <th className="num">{t('crossSell.declined')}</th>
                <th className="num">{t('crossSell.figures.takeRate')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.products.map((row) => (
                <tr key={row.product} data-testid="cross-sell-figure-row">
                  <th>{row.product}</th>
                  <td className="num">{row.made}</td>
                  <td className="num">{row.taken}</td>
                  <td className="num">{row.declined}</td>
                  <td className="num">{row.takeRate === null ? '—' : formatShare(row.takeRate, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
