import { useState } from 'react';
import { useT } from '../../i18n/locale-store';
import { formatTimer, requestForChoice, stateChoice } from './inbox-logic';
import { agentStateLabel, awayReasonLabel } from './labels';
import { useNow, useRouting, useRoutingServices } from './routing-context';

/** Available / Away (with a reason) / Offline, with a coloured dot and the time spent in the state. */
export function AgentStateControl() {
  const t = useT();
  const { client } = useRoutingServices();
  const me = useRouting((state) => state.me);
  const live = useRouting((state) => state.live);
  const awayReasons = useRouting((state) => state.awayReasons);
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const choice = stateChoice(me);
  const status = me?.status ?? 'unknown';
  // `since` is 0 for someone the hub has never seen change state: there is no time in state to show.
  const inState = me && me.since > 0 ? formatTimer((now - me.since) / 1000) : '';
  // The hub's own reason (missed offers) is shown even though an agent cannot pick it.
  const reasons =
    me?.status === 'away' && !awayReasons.some((r) => r.code === me.reasonCode)
      ? [...awayReasons, { code: me.reasonCode, label: me.reasonCode }]
      : awayReasons;

  return (
    <div
      className={`agent-state is-${status}${live ? '' : ' is-paused'}`}
      data-testid="agent-state"
      data-status={status}
      title={live ? t('agentState.timeInState', { time: inState }) : t('routing.needsHub')}
    >
      <span className="agent-state-dot" aria-hidden="true" />
      <select
        aria-label={t('agentState.label')}
        value={choice}
        disabled={!live || busy}
        data-testid="agent-state-select"
        onChange={(event) => {
          const request = requestForChoice(event.target.value);
          if (!request) return;
          setBusy(true);
          void client.setState(request).finally(() => setBusy(false));
        }}
      >
        {choice === '' && <option value="">{t('agentState.unknown')}</option>}
        {choice === 'wrap-up' && <option value="wrap-up">{agentStateLabel(t, me, awayReasons)}</option>}
        <option value="available">{t('agentState.available')}</option>
        {reasons.map((reason) => (
          <option key={reason.code} value={`away:${reason.code}`} disabled={reason.code === 'missed-offers'}>
            {t('agentState.away', { reason: awayReasonLabel(t, reason.code, awayReasons) })}
          </option>
        ))}
        <option value="offline">{t('agentState.offline')}</option>
      </select>
      {inState && (
        <span className="agent-state-time mono" data-testid="agent-state-time">
          {inState}
        </span>
      )}
    </div>
  );
}
