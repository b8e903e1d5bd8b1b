import { TASK_CHANNELS } from '../../../shared/domain/routing';
import type { QueueFigures, QueueAlertThresholds } from '../../../shared/protocol/supervisor';
import { ChannelIcon } from '../../app/icons';
import { formatDuration } from '../../i18n/format';
import { useT } from '../../i18n/locale-store';
import { percentText, secondsSince, serviceLevelTone, waitTone } from './board-logic';

const seconds = (value: number | null) => (value === null ? '—' : formatDuration(value));

/** One queue at a glance: service level against its target, who waits and for how long, today's counts, the agents. */
export function QueueTile({ queue, thresholds, now }: { queue: QueueFigures; thresholds: QueueAlertThresholds; now: number }) {
  const t = useT();
  const tone = serviceLevelTone(queue.serviceLevelPercent, thresholds.serviceLevelBelow ?? queue.serviceLevelTarget);
  const longest = queue.oldestWaitingSince === null ? null : secondsSince(queue.oldestWaitingSince, now);
  const channels = TASK_CHANNELS.filter((channel) => queue.byChannel[channel]);
  return (
    <article className={`queue-tile is-sl-${tone}`} data-testid="queue-tile" data-queue-id={queue.queueId} data-waiting={queue.waiting}>
      <header className="queue-tile-head">
        <h2>{queue.name}</h2>
        <span className="muted">{t('supervisor.queue.target', { percent: queue.serviceLevelTarget, seconds: queue.serviceLevelSeconds })}</span>
      </header>
      <div className="queue-tile-main">
        <div className={`queue-figure sl is-${tone}`} data-testid="queue-sl">
          <span className="queue-figure-value">{percentText(queue.serviceLevelPercent)}</span>
          <span className="queue-figure-label">{t('supervisor.queue.serviceLevel')}</span>
        </div>
        <div className="queue-figure" data-testid="queue-waiting">
          <span className="queue-figure-value">{queue.waiting}</span>
          <span className="queue-figure-label">{t('supervisor.queue.waiting')}</span>
        </div>
        <div
          className={`queue-figure is-${longest === null ? 'none' : waitTone(longest, queue.serviceLevelSeconds, thresholds.waitAboveSec)}`}
          data-testid="queue-longest"
        >
          <span className="queue-figure-value">{longest === null ? '—' : formatDuration(longest)}</span>
          <span className="queue-figure-label">{t('supervisor.queue.longestWait')}</span>
        </div>
      </div>
      <dl className="queue-stats">
        <div>
          <dt>{t('supervisor.queue.offered')}</dt>
          <dd>{queue.offered}</dd>
        </div>
        <div>
          <dt>{t('supervisor.queue.answered')}</dt>
          <dd>{queue.answered}</dd>
        </div>
        <div>
          <dt>{t('supervisor.queue.abandoned')}</dt>
          <dd className={queue.abandoned > 0 ? 'is-bad' : undefined}>{queue.abandoned}</dd>
        </div>
        <div>
          <dt>{t('supervisor.queue.asa')}</dt>
          <dd>{seconds(queue.asaSec)}</dd>
        </div>
        <div>
          <dt>{t('supervisor.queue.aht')}</dt>
          <dd>{seconds(queue.ahtSec)}</dd>
        </div>
      </dl>
      <fieldset className="queue-agents">
        <legend className="sr-only">{t('supervisor.queue.agents')}</legend>
        <span title={t('supervisor.agents.loggedIn')}>
          <b>{queue.agents.loggedIn}</b> {t('supervisor.agents.loggedIn')}
        </span>
        <span className="dot-available">
          <b>{queue.agents.available}</b> {t('supervisor.status.available')}
        </span>
        <span className="dot-busy">
          <b>{queue.agents.busy}</b> {t('supervisor.status.busy')}
        </span>
        <span className="dot-away">
          <b>{queue.agents.away}</b> {t('supervisor.status.away')}
        </span>
        <span className="dot-wrap-up">
          <b>{queue.agents.wrapUp}</b> {t('supervisor.status.wrap-up')}
        </span>
      </fieldset>
      {channels.length > 0 && (
        <table className="queue-channels">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.queue.channel')}</th>
              <th scope="col">{t('supervisor.queue.waiting')}</th>
              <th scope="col">{t('supervisor.queue.offered')}</th>
              <th scope="col">{t('supervisor.queue.answered')}</th>
              <th scope="col">{t('supervisor.queue.abandoned')}</th>
            </tr>
          </thead>
          <tbody>
            {channels.map((channel) => {
              const counts = queue.byChannel[channel];
              if (!counts) return null;
              return (
                <tr key={channel} data-testid="queue-channel" data-channel={channel}>
                  <th scope="row">
                    <ChannelIcon channel={channel} className="icon" /> {t(`channel.${channel}`)}
                  </th>
                  <td>{counts.waiting}</td>
                  <td>{counts.offered}</td>
                  <td>{counts.answered}</td>
                  <td>{counts.abandoned}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </article>
  );
}
