import { useEffect, useMemo, useState } from 'react';
import { ulid } from 'ulid';
import type { CrossSellRule } from '../../../shared/crm/cross-sell';
import type { CrossSellCard as Card } from '../../../shared/protocol/customer-analysis';
import { useLocale, useT } from '../../i18n/locale-store';
import type { AdminFailure } from '../../sync/admin-client';
import { useSync } from '../../sync/context';
import { loadFailureText } from '../admin/save-refusal';
import { formatLift, formatShare } from '../customer-analysis/analysis-format';
import { useOnline } from '../customer-value/use-value';
import { createCrossSellClient } from './cross-sell-client';
import './cross-sell.css';

type Outcome = 'made' | 'taken' | 'declined';
/** What this desk knows of each product's suggestion: its id (kept for the answer) and latest outcome. */
type Said = Record<string, { suggestionId: string; outcome: Outcome }>;

/**
 * Cross-sell on the customer 360 (issue 7): "customers who bought X also
 * bought Y" from the hub's mined rules, with the figures behind each
 * (confidence, lift, support), and three buttons to record that the agent
 * suggested it and whether the customer took it or declined.
 */
export function CrossSellCard({ customerId }: { customerId: string }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const online = useOnline();
  const { engine } = useSync();
  const client = useMemo(() => createCrossSellClient(engine.socket), [engine]);
  const [card, setCard] = useState<Card | null>(null);
  const [said, setSaid] = useState<Said>({});
  const [failure, setFailure] = useState<AdminFailure | null>(null);

  useEffect(() => {
    if (!online) return;
    let active = true;
    setCard(null);
    setSaid({});
    void client.suggest(customerId).then((result) => {
      if (!active) return;
      if (!result.ok) return setFailure(result.failure);
      setCard(result.data);
      const known: Said = {};
      // Newest first from the hub: the first seen per product is its latest.
      for (const o of result.data.outcomes) known[o.product] ??= { suggestionId: o.suggestionId, outcome: o.outcome };
      setSaid(known);
    });
    return () => {
      active = false;
    };
  }, [online, client, customerId]);

  async function record(product: string, rule: CrossSellRule, outcome: Outcome) {
    const suggestionId = said[product]?.suggestionId ?? ulid();
    setFailure(null);
    const result = await client.record({ id: ulid(), suggestionId, customerId, product, rule, outcome });
    if (!result.ok) return setFailure(result.failure);
    setSaid((current) => ({ ...current, [product]: { suggestionId, outcome } }));
  }

  return (
    <section className="panel-section cross-sell-card" aria-label={t('crossSell.title')} data-testid="cross-sell-card">
      <h3 className="section-title">{t('crossSell.title')}</h3>
      {!online ? (
        <p className="muted small">{t('crossSell.offline')}</p>
      ) : !card ? (
        failure ? null : <p className="muted small">{t('app.loading')}</p>
      ) : card.minedAt === null ? (
        <p className="muted small">{t('crossSell.notMined')}</p>
      ) : card.suggestions.length === 0 ? (
        <p className="muted small" data-testid="cross-sell-none">
          {t('crossSell.none')}
        </p>
      ) : (
        <ul className="cross-sell-list">
          {card.suggestions.map(({ product, rule }) => {
            const state = said[product]?.outcome;
            return (
              <li key={product} className="cross-sell-item" data-testid="cross-sell-suggestion" data-product={product}>
                <p className="cross-sell-line">{t('crossSell.line', { from: rule.antecedent.join(' + '), product })}</p>
                <p className="muted small" data-testid="cross-sell-figures">
                  {t('crossSell.figures', { confidence: formatShare(rule.confidence, locale), lift: formatLift(rule.lift, locale), support: formatShare(rule.support, locale) })}
                </p>
                {state === 'taken' || state === 'declined' ? (
                  <p className={`cross-sell-state is-${state}`} role="status" data-testid="cross-sell-state">
                    {t(`crossSell.state.${state}`)}
                  </p>
                ) : (
                  <div className="cross-sell-actions">
                    {state === 'made' ? (
                      <span className="cross-sell-state is-made" role="status" data-testid="cross-sell-state">
                        {t('crossSell.state.made')}
                      </span>
                    ) : (
                      <button type="button" className="button small" onClick={() => void record(product, rule, 'made')} data-testid="cross-sell-made">
                        {t('crossSell.made')}
                      </button>
                    )}
                    <button type="button" className="button small" onClick={() => void record(product, rule, 'taken')} data-testid="cross-sell-taken">
                      {t('crossSell.taken')}
                    </button>
                    <button type="button" className="button small" onClick={() => void record(product, rule, 'declined')} data-testid="cross-sell-declined">
                      {t('crossSell.declined')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {failure && (
        <p className="form-error" role="alert">
          {t('crossSell.failed', { reason: loadFailureText(t, failure) })}
        </p>
      )}
    </section>
  );
}
