import { useEffect, useMemo, useState } from 'react';
import type { Queue } from '../../../shared/domain/routing';
import type { ChurnAnswer, ChurnRow } from '../../../shared/protocol/customer-analysis';
import { formatDate, formatMoney } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import type { Translate } from '../../i18n/translate';
import { useWorkspace } from '../../store/workspace';
import { createAdminClient } from '../../sync/admin-client';
import { useSync } from '../../sync/context';
import { scheduleFollowUp } from '../../sync/mutations';
import { TierBadge } from '../customer360/TierBadge';
import { useRouting } from '../inbox/routing-context';
import { tomorrowAtTen } from './analysis-format';

const CURRENCY = 'CNY';

/** Why a customer is listed, in the supervisor's words ("profit ¥5 000 → ¥500"). */
export function churnReasons(t: Translate, row: ChurnRow, locale: 'en' | 'zh-CN'): string {
  const money = (cents: number | null) => (cents === null ? '—' : formatMoney(cents, CURRENCY, locale));
  return row.reasons
    .map((reason) =>
      reason === 'decline'
        ? t('analysis.churn.reason.decline')
        : reason === 'recency-fell'
          ? t('analysis.churn.reason.recency-fell', { from: row.earlierRecency ?? '—', to: row.recency ?? '—' })
          : t('analysis.churn.reason.profit-fell', { from: money(row.earlierProfitCents), to: money(row.profitCents) }),
    )
    .join(locale === 'zh-CN' ? '；' : '; ');
}

type RowState = { kind: 'idle' } | { kind: 'done' } | { kind: 'failed'; reason: string };

const ME = 'me';

/**
 * Who gets the retention calls: me when I take work (I have a routing profile), else
 * a queue that takes calls — a supervisor who does not take work themselves
 * hands them to a team.
 */
function useRetentionOwners(): { queues: Queue[]; takesWork: boolean } {
  const { engine } = useSync();
  const takesWork = useRouting((state) => state.takesWork);
  const [queues, setQueues] = useState<Queue[]>([]);
  const client = useMemo(() => createAdminClient(engine.socket), [engine]);
  useEffect(() => {
    let live = true;
    client
      .queues()
      .then((answer) => live && setQueues(answer.ok ? answer.data.filter((queue) => queue.channels.includes('call')) : []));
    return () => {
      live = false;
    };
  }, [client]);
  return { queues, takesWork };
}

/**
 * VIP and key customers slipping away, highest value at risk first, each
 * with a one-click retention follow-up (回访): due tomorrow at 10:00, mine,
 * its note saying why. The follow-up is an ordinary mutation, so it is kept
 * even if the hub is briefly away.
 */
export function ChurnList({ answer }: { answer: ChurnAnswer }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { mutation } = useSync();
  const [states, setStates] = useState<Record<string, RowState>>({});
  const owners = useRetentionOwners();
  const [chosen, setChosen] = useState<string | null>(null);
  const owner = chosen ?? (owners.takesWork ? ME : (owners.queues[0]?.id ?? ME));

  async function follow(row: ChurnRow) {
    const why = churnReasons(t, row, locale);
    try {
      await scheduleFollowUp(mutation, {
        customerId: row.customerId,
        kind: 'retention',
        dueAt: tomorrowAtTen(Date.now()),
        assigneeId: owner === ME ? mutation.agentId : null,
        queueId: owner === ME ? null : owner,
        priority: row.tier === 'vip' ? 'high' : 'normal',
        notes: t('analysis.churn.note', { reasons: why, value: formatMoney(row.valueAtRiskCents, CURRENCY, locale) }),
      });
      setStates((current) => ({ ...current, [row.customerId]: { kind: 'done' } }));
    } catch (error) {
      setStates((current) => ({ ...current, [row.customerId]: { kind: 'failed', reason: error instanceof Error ? error.message : String(error) } }));
    }
  }

  return (
    <div className="analysis-churn" data-testid="churn-list">
      <p className="muted small">{answer.comparedWith ? t('analysis.churn.help', { day: answer.comparedWith }) : t('analysis.churn.helpNoSnapshot')}</p>
      <label className="analysis-churn-owner">
        {t('analysis.churn.owner')}{' '}
        <select value={owner} onChange={(event) => setChosen(event.target.value)} data-testid="churn-owner">
          {owners.takesWork && <option value={ME}>{t('analysis.churn.ownerMe')}</option>}
          {owners.queues.map((queue) => (
            <option key={queue.id} value={queue.id}>
              {queue.name}
            </option>
          ))}
        </select>
      </label>
      {answer.rows.length === 0 ? (
        <p className="muted" data-testid="churn-empty">
          {t('analysis.churn.none')}
        </p>
      ) : (
        <div className="report-table-scroll">
          <table className="report-table analysis-churn-table">
            <thead>
              <tr>
                <th>{t('analysis.churn.customer')}</th>
                <th>{t('analysis.churn.why')}</th>
                <th className="num">{t('analysis.churn.valueAtRisk')}</th>
                <th>{t('analysis.churn.lastOrder')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {answer.rows.map((row) => {
                const state = states[row.customerId] ?? { kind: 'idle' };
                return (
                  <tr key={row.customerId} data-testid="churn-row" data-customer-id={row.customerId}>
                    <td>
                      <button type="button" className="link-button" onClick={() => useWorkspace.getState().openCustomer(row.customerId)}>
                        {row.name} <span className="muted mono">{row.number}</span>
                      </button>{' '}
                      <TierBadge tier={row.tier} />
                    </td>
                    <td data-testid="churn-why">{churnReasons(t, row, locale)}</td>
                    <td className="num">{formatMoney(row.valueAtRiskCents, CURRENCY, locale)}</td>
                    <td>{row.lastOrderAt === null ? '—' : formatDate(row.lastOrderAt, locale)}</td>
                    <td>
                      {state.kind === 'done' ? (
                        <span className="analysis-done" role="status" data-testid="churn-followed">
                          {t('analysis.churn.followed')}
                        </span>
                      ) : (
                        <button type="button" className="button small" onClick={() => void follow(row)} data-testid="churn-follow">
                          {t('analysis.churn.follow')}
                        </button>
                      )}
                      {state.kind === 'failed' && (
                        <p className="form-error" role="alert">
                          {t('analysis.churn.followFailed', { reason: state.reason })}
                        </p>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
