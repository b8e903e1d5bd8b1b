import { useMemo, useState } from 'react';
import { useT } from '../../i18n/locale-store';
import { useNow } from '../inbox/routing-context';
import { intervalSeries, thresholdsFor } from './board-logic';
import { LazyIntervalChart } from './LazyIntervalChart';
import { QueueTile } from './QueueTile';
import { useSupervisor } from './supervisor-context';
import { WaitingList } from './WaitingList';

/** The floor now: a tile per queue, today by quarter hour, and who is waiting where. */
export function LiveView() {
  const t = useT();
  const { board } = useSupervisor();
  const now = useNow();
  const [chartQueue, setChartQueue] = useState<string>('');
  const series = useMemo(
    () => intervalSeries(board.intervals, chartQueue || null, board.dayStart, board.at),
    [board.intervals, chartQueue, board.dayStart, board.at],
  );
  const chosen = board.queues.find((queue) => queue.queueId === chartQueue);
  // Across queues the chart shows the strictest target, so a line above it means every queue made it.
  const target = chosen?.serviceLevelTarget ?? Math.max(0, ...board.queues.map((queue) => queue.serviceLevelTarget));

  return (
    <div className="supervisor-live" data-testid="supervisor-live" data-board-at={board.at}>
      <div className="queue-tiles">
        {board.queues.map((queue) => (
          <QueueTile key={queue.queueId} queue={queue} thresholds={thresholdsFor(board.settings, queue.queueId)} now={now} />
        ))}
        {board.queues.length === 0 && <p className="muted">{t('supervisor.queue.none')}</p>}
      </div>
      <div className="supervisor-lower">
        <section className="supervisor-card chart-card" aria-labelledby="chart-title">
          <header className="supervisor-card-head">
            <h2 id="chart-title">{t('supervisor.chart.title')}</h2>
            <select value={chartQueue} onChange={(event) => setChartQueue(event.target.value)} aria-label={t('supervisor.chart.queue')} data-testid="chart-queue">
              <option value="">{t('supervisor.chart.allQueues')}</option>
              {board.queues.map((queue) => (
                <option key={queue.queueId} value={queue.queueId}>
                  {queue.name}
                </option>
              ))}
            </select>
          </header>
          <LazyIntervalChart series={series} target={target} />
        </section>
        <WaitingList now={now} />
      </div>
    </div>
  );
}
