import { useEffect, useMemo, useRef } from 'react';
import { formatDuration, formatTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import { useNow } from '../inbox/routing-context';
import { alertText } from './alert-text';
import { intervalSeries, percentText, secondsSince, serviceLevelTone, thresholdsFor, waitTone } from './board-logic';
import { LazyIntervalChart } from './LazyIntervalChart';
import { useSupervisor } from './supervisor-context';

/**
 * The floor on a wall screen: few figures, very large, coloured so they read
 * from across the room. Full screen where the browser allows it; otherwise
 * (or once the screen leaves full screen) it covers the window.
 */
export function Wallboard({ onClose }: { onClose: () => void }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { board, queueName, agentName } = useSupervisor();
  const now = useNow();
  const root = useRef<HTMLDivElement>(null);
  const series = useMemo(() => intervalSeries(board.intervals, null, board.dayStart, board.at), [board.intervals, board.dayStart, board.at]);
  const target = Math.max(0, ...board.queues.map((queue) => queue.serviceLevelTarget));

  useEffect(() => {
    const element = root.current;
    if (element && document.fullscreenEnabled && !document.fullscreenElement) {
      // Refused without a user gesture in some browsers: the full-window layout stands in.
      element.requestFullscreen().catch(() => undefined);
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.fullscreenElement) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    };
  }, [onClose]);

  return (
    <div ref={root} className="wallboard" data-testid="wallboard" data-board-at={board.at} role="dialog" aria-label={t('supervisor.wallboard.title')}>
      <header className="wallboard-head">
        <h1>{t('supervisor.wallboard.title')}</h1>
        <span className="wallboard-clock">{formatTime(now, locale)}</span>
        <button type="button" className="button wallboard-close" onClick={onClose} data-testid="wallboard-close">
          {t('supervisor.wallboard.close')}
        </button>
      </header>
      <div className="wallboard-queues">
        {board.queues.map((queue) => {
          const thresholds = thresholdsFor(board.settings, queue.queueId);
          const tone = serviceLevelTone(queue.serviceLevelPercent, thresholds.serviceLevelBelow ?? queue.serviceLevelTarget);
          const longest = queue.oldestWaitingSince === null ? null : secondsSince(queue.oldestWaitingSince, now);
          return (
            <section key={queue.queueId} className={`wallboard-queue is-sl-${tone}`} data-testid="wallboard-queue" data-queue-id={queue.queueId}>
              <header className="wallboard-queue-head">
                <h2>{queue.name}</h2>
                <span className="wb-target">{t('supervisor.queue.target', { percent: queue.serviceLevelTarget, seconds: queue.serviceLevelSeconds })}</span>
              </header>
              <div className="wallboard-figures">
                <div className={`wb-figure is-${tone}`}>
                  <span className="wb-value">{percentText(queue.serviceLevelPercent)}</span>
                  <span className="wb-label">{t('supervisor.queue.serviceLevel')}</span>
                </div>
                <div className={`wb-figure${queue.waiting > 0 ? ' is-waiting' : ''}`}>
                  <span className="wb-value">{queue.waiting}</span>
                  <span className="wb-label">{t('supervisor.queue.waiting')}</span>
                </div>
                <div className={`wb-figure is-${longest === null ? 'none' : waitTone(longest, queue.serviceLevelSeconds, thresholds.waitAboveSec)}`}>
                  <span className="wb-value">{longest === null ? '—' : formatDuration(longest)}</span>
                  <span className="wb-label">{t('supervisor.queue.longestWait')}</span>
                </div>
              </div>
              <dl className="wallboard-small">
                <div>
                  <dt>{t('supervisor.queue.answered')}</dt>
                  <dd>{queue.answered}</dd>
                </div>
                <div>
                  <dt>{t('supervisor.queue.abandoned')}</dt>
                  <dd>{queue.abandoned}</dd>
                </div>
                <div>
                  <dt>{t('supervisor.status.available')}</dt>
                  <dd>
                    {queue.agents.available}/{queue.agents.loggedIn}
                  </dd>
                </div>
              </dl>
            </section>
          );
        })}
      </div>
      <div className="wallboard-chart">
        <LazyIntervalChart series={series} target={target} large />
      </div>
      {board.alerts.length > 0 && (
        <ul className="wallboard-alerts" aria-label={t('supervisor.alert.region')}>
          {board.alerts.map((alert) => (
            <li key={alert.id}>{alertText(t, alert, { queueName, agentName })}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
