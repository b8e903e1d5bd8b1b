import type { InteractionOf } from '../../../shared/domain/interaction';
import { formatPhone } from '../../../shared/phone/e164';
import { formatDuration } from '../../i18n/format';
import { useT } from '../../i18n/locale-store';
import type { Translate } from '../../i18n/translate';
import { CallRecordings } from '../customer360/CallRecordings';
import { dispositionLabel } from './disposition';

type Call = InteractionOf<'call'>;

const phoneOrRaw = (value: string) => (value.startsWith('+') ? formatPhone(value) : value);

/**
 * A call's timeline item, expanded: who rang whom, through which queue, who
 * took it, how it ended, wait / talk / hold, and the agent's wrap-up. Calls
 * written before these figures were kept show only what they have.
 */
export function CallDetails({ call }: { call: Call }) {
  const t = useT();
  return (
    <dl className="details-grid" data-testid="call-details">
      <dt>{t('detail.from')}</dt>
      <dd className="mono">{phoneOrRaw(call.from)}</dd>
      <dt>{t('detail.to')}</dt>
      <dd className="mono">{phoneOrRaw(call.to)}</dd>
      {call.queue && (
        <>
          <dt>{t('callLog.queue')}</dt>
          <dd>{call.queue.name}</dd>
        </>
      )}
      {call.agentName && (
        <>
          <dt>{t('callLog.agent')}</dt>
          <dd>{call.agentName}</dd>
        </>
      )}
      {call.outcome && (
        <>
          <dt>{t('callLog.outcome')}</dt>
          <dd data-testid="call-outcome" data-outcome={call.outcome}>
            {t(`callLog.outcome.${call.outcome}`)}
          </dd>
        </>
      )}
      {call.waitSec !== undefined && (
        <>
          <dt>{t('callLog.wait')}</dt>
          <dd data-testid="call-wait">{formatDuration(call.waitSec)}</dd>
        </>
      )}
      <dt>{call.outcome ? t('callLog.talk') : t('detail.duration')}</dt>
      <dd data-testid="call-talk">{formatDuration(call.durationSec)}</dd>
      {call.holdSec !== undefined && (
        <>
          <dt>{t('callLog.hold')}</dt>
          <dd data-testid="call-hold">{formatDuration(call.holdSec)}</dd>
        </>
      )}
      <dt>{t('detail.disposition')}</dt>
      <dd data-testid="call-disposition">
        {call.disposition ? dispositionLabel(t, call.disposition) : <span className="muted">{t('detail.noDisposition')}</span>}
      </dd>
      {call.notes && (
        <>
          <dt>{t('callLog.notes')}</dt>
          <dd className="prewrap" data-testid="call-notes">
            {call.notes}
          </dd>
        </>
      )}
      {call.callId && (
        <>
          <dt>{t('callLog.callId')}</dt>
          <dd className="mono muted">{call.callId}</dd>
        </>
      )}
      {call.callId && <CallRecordings callId={call.callId} />}
    </dl>
  );
}

/** The collapsed item's line: direction, how it ended, talk time, the wait and hold when there were any, the disposition. */
export function callSummary(t: Translate, call: Call): string {
  return [
    t(`direction.voice.${call.direction}`),
    call.outcome && call.outcome !== 'answered' ? t(`callLog.outcome.${call.outcome}`) : null,
    call.outcome === undefined || call.outcome === 'answered' ? formatDuration(call.durationSec) : null,
    call.waitSec ? t('callLog.summary.wait', { time: formatDuration(call.waitSec) }) : null,
    call.holdSec ? t('callLog.summary.hold', { time: formatDuration(call.holdSec) }) : null,
    call.disposition && dispositionLabel(t, call.disposition),
  ]
    .filter(Boolean)
    .join(' · ');
}
