import { useState } from 'react';
import type { CustomerValueRecord, LedgerLine } from '../../../shared/protocol/customer-value';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import { TierBadge } from '../customer360/TierBadge';
import { AddOrderForm } from './AddOrderForm';
import { CreditNote } from './CreditNote';
import { PointsEditor } from './PointsEditor';
import { useCachedValue, useLiveValue, useMayCall } from './use-value';
import './customer-value.css';

/** Figures are in the shop's currency; the hub keeps them in minor units without one, so the desk's usual currency names them. */
const CURRENCY = 'CNY';

function Rfm({ value }: { value: CustomerValueRecord }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { rfm } = value;
  return (
    <div className="value-block" data-testid="value-rfm">
      <h4>{t('value.rfm')}</h4>
      {rfm === null ? (
        <p className="muted">{t('value.rfm.none')}</p>
      ) : (
        <>
          <div className="rfm-scores">
            {(['recency', 'frequency', 'monetary'] as const).map((part) => (
              <span key={part} className={`rfm-score rfm-${rfm[part]}`} title={t(`value.rfm.${part}`)} data-testid={`rfm-${part}`}>
                <b>{part[0]?.toUpperCase()}</b>
                {rfm[part]}
              </span>
            ))}
          </div>
          <p className="muted small">{t('value.rfm.detail', { days: rfm.recencyDays, orders: rfm.orderCount, revenue: formatMoney(rfm.revenueCents, CURRENCY, locale) })}</p>
        </>
      )}
    </div>
  );
}

function LifetimeValue({ value }: { value: CustomerValueRecord }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const lv = value.lifetimeValue;
  const money = (cents: number) => formatMoney(cents, CURRENCY, locale);
  return (
    <div className="value-block" data-testid="value-clv">
      <h4>
        {t('value.clv')} <span className="clv-figure">{money(lv.clvCents)}</span>
      </h4>
      {lv.projection.length === 0 ? (
        <p className="muted small">{t('value.clv.none')}</p>
      ) : (
        <>
          <p className="muted small">{t('value.clv.inputs', { rate: `${Math.round(lv.discountRate * 1000) / 10} %`, periods: lv.horizonPeriods, days: lv.periodDays })}</p>
          <table className="clv-table">
            <thead>
              <tr>
                <th>{t('value.clv.period')}</th>
                <th>{t('value.clv.income')}</th>
                <th>{t('value.clv.discounted')}</th>
              </tr>
            </thead>
            <tbody>
              {lv.projection.map((p) => (
                <tr key={p.n}>
                  <td>{p.n}</td>
                  <td>{money(p.incomeCents)}</td>
                  <td>{money(p.discountedCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small" data-testid="clv-history">
            {t('value.clv.history', { list: lv.history.map((h) => money(h.profitCents)).join(' · ') })}
          </p>
          <p className="muted small">{t('value.clv.fit', { base: money(lv.baseCents), trend: money(lv.trendCentsPerPeriod) })}</p>
        </>
      )}
    </div>
  );
}

function Lifecycle({ value }: { value: CustomerValueRecord }) {
  const t = useT();
  const { stage, reason, tenureDays, recencyDays } = value.lifecycle;
  const days = reason === 'lapsed' ? recencyDays : tenureDays;
  return (
    <div className="value-block" data-testid="value-stage" data-stage={stage}>
      <h4>{t('value.stage')}</h4>
      <p>
        <span className={`stage-chip stage-${stage}`}>{t(`value.stage.${stage}`)}</span> <span className="muted small">{t(`value.reason.${reason}`, { days: days ?? 0 })}</span>
      </p>
    </div>
  );
}

function Ledger({ lines }: { lines: LedgerLine[] }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  if (lines.length === 0) return <p className="muted small">{t('value.ledger.empty')}</p>;
  return (
    <ul className="ledger" data-testid="value-ledger">
      {lines.map((line) => (
        <li key={line.id} data-kind={line.kind}>
          <span className={line.delta < 0 ? 'ledger-delta minus' : 'ledger-delta'}>{line.delta > 0 ? `+${line.delta}` : line.delta}</span>
          <span className="ledger-detail">
            {line.kind === 'earned' ? t('value.ledger.earned', { detail: line.detail }) : line.kind === 'redeemed' ? t('value.ledger.redeemed', { detail: line.detail }) : line.detail}
          </span>
          <span className="muted small">{formatDate(line.at, locale)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * 客户价值 on the 360's profile panel: tier, RFM, lifetime value with its
 * inputs, lifecycle stage with its reason, points with the ledger, the credit
 * standing note, and "Add order". Offline it shows the cached figures
 * read-only; every change is made live on the hub.
 */
export function CustomerValuePanel({ customerId }: { customerId: string }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const cached = useCachedValue(customerId);
  const cachedValue = cached.status === 'ready' ? (cached.value ?? null) : null;
  const { online, answer, refresh } = useLiveValue(customerId, cachedValue?.computedAt ?? null);
  const mayAdjust = useMayCall('loyalty:adjust');
  const mayAddOrder = useMayCall('order:add');
  const [editing, setEditing] = useState<'adjust' | 'redeem' | 'order' | null>(null);
  const [notice, setNotice] = useState('');
  // The fresher of the two: the hub's answer, or the cache once sync has brought a newer change.
  const live = answer?.value ?? null;
  const value = live && (!cachedValue || live.computedAt >= cachedValue.computedAt) ? live : cachedValue;
  const done = (message = '') => {
    setEditing(null);
    setNotice(message);
    refresh();
  };

  return (
    <section className="panel-section customer-value" aria-label={t('value.title')} data-testid="customer-value">
      <div className="panel-head">
        <h3 className="section-title">{t('value.title')}</h3>
        {mayAddOrder && online && editing !== 'order' && (
          <button type="button" className="button small" onClick={() => setEditing('order')} data-testid="order-add">
            {t('value.order.add')}
          </button>
        )}
      </div>
      {!online && <p className="muted small" data-testid="value-offline">{t('value.offline')}</p>}
      {notice && <p className="value-notice" role="status">{notice}</p>}
      {online && editing === 'order' && <AddOrderForm customerId={customerId} onDone={done} />}
      {value === null ? (
        <p className="muted" data-testid="value-none">{t('value.notComputed')}</p>
      ) : (
        <>
          <div className="value-head">
            <TierBadge tier={value.tier} />
            <span className="muted small">{t('value.rank', { rank: value.tierRank })}</span>
            <span className="muted small" title={t('value.profitWindow')}>
              {formatMoney(value.tierProfitCents, CURRENCY, locale)}
            </span>
          </div>
          <Rfm value={value} />
          <LifetimeValue value={value} />
          <Lifecycle value={value} />
          <div className="value-block" data-testid="value-points">
            <h4>
              {t('value.points')} <span className="points-balance" data-testid="points-balance">{t('value.points.balance', { points: value.pointsBalance })}</span>
            </h4>
            {mayAdjust && online && editing === null && (
              <div className="value-actions">
                <button type="button" className="button small" onClick={() => setEditing('adjust')} data-testid="points-adjust">
                  {t('value.points.adjust')}
                </button>
                <button type="button" className="button small" onClick={() => setEditing('redeem')} data-testid="points-redeem">
                  {t('value.points.redeem')}
                </button>
              </div>
            )}
            {online && (editing === 'adjust' || editing === 'redeem') && <PointsEditor key={editing} customerId={customerId} kind={editing} onDone={() => done()} />}
            <h5>{t('value.ledger')}</h5>
            {answer ? <Ledger lines={answer.ledger} /> : <p className="muted small">{t('value.ledger.offline')}</p>}
          </div>
          <CreditNote customerId={customerId} note={value.creditNote} online={online} onSaved={refresh} />
          <p className="muted small">{t('value.computedAt', { time: formatDateTime(value.computedAt, locale) })}</p>
        </>
      )}
    </section>
  );
}
