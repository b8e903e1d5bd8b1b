import type { SlaClock } from '../../../shared/complaints/sla';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import type { Translate } from '../../i18n/translate';
import { spanParts } from './complaint-logic';

function spanText(t: Translate, ms: number): string {
  const { hours, minutes } = spanParts(ms);
  return hours > 0 ? t('complaints.span.hoursMinutes', { hours, minutes }) : t('complaints.span.minutes', { minutes });
}

/** "3 h 20 min left", "overdue by 40 min", "met", "paused": what a clock says now. */
export function clockText(t: Translate, clock: SlaClock): string {
  if (clock.stoppedAt !== null) return clock.breached ? t('complaints.clock.metLate') : t('complaints.clock.met');
  if (clock.paused) return t('complaints.clock.paused', { span: spanText(t, clock.remainingMs) });
  return clock.breached ? t('complaints.clock.overdue', { span: spanText(t, clock.remainingMs) }) : t('complaints.clock.left', { span: spanText(t, clock.remainingMs) });
}

/** One SLA clock as a coloured chip (green / amber / red); `named` adds which clock it is, `full` also its due time. */
export function ClockChip({ clock, show = 'text' }: { clock: SlaClock; show?: 'text' | 'named' | 'full' }) {
  const full = show === 'full';
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const label = t(clock.kind === 'first-response' ? 'complaints.clock.firstResponse' : 'complaints.clock.resolution');
  return (
    <span
      className={`clock-chip is-${clock.colour}${clock.stoppedAt !== null ? ' is-stopped' : ''}`}
      data-testid={`clock-${clock.kind}`}
      data-colour={clock.colour}
      title={clock.dueAt !== null ? t('complaints.clock.due', { time: formatDateTime(clock.dueAt, locale) }) : undefined}
    >
      <span className="clock-dot" aria-hidden="true" />
      {show !== 'text' && <span className="clock-name">{label}</span>}
      <span className="clock-text">{clockText(t, clock)}</span>
      {full && clock.stoppedAt === null && clock.dueAt !== null && (
        <span className="clock-due muted">{t('complaints.clock.due', { time: formatDateTime(clock.dueAt, locale) })}</span>
      )}
    </span>
  );
}
