import type { Clock } from '../clock';
import { readHead } from '../db/change-log';
import type { RoutingService } from '../routing/routing-service';
import type { HubCounters } from './hub-counters';
import type { ProcessFigures } from './process-figures';
import type { MetricFamily } from './prometheus-text';
import { routingFamilies } from './routing-figures';

export type HubMetricsDeps = {
  routing: Pick<RoutingService, 'committed'>;
  clock: Clock;
  counters: HubCounters;
  process: ProcessFigures;
  /** Open sockets: desktops (the default namespace) and web-chat visitors. */
  connections(): { desktop: number; visitor: number };
};

/**
 * Everything /metrics shows, read at scrape time. The queue figures and the
 * sync head are read together between two routing steps (routing.committed),
 * so a scrape never sees a task counted in a step whose seq it has not.
 */
export function createHubMetrics(deps: HubMetricsDeps): { collect(): Promise<MetricFamily[]> } {
  return {
    async collect() {
      const { routingFigures, head } = await deps.routing.committed(async (db, view) => ({
        routingFigures: routingFamilies(view, deps.clock()),
        head: await readHead(db),
      }));
      const connections = deps.connections();
      return [
        ...routingFigures,
        {
          name: 'switchboard_socket_connections',
          help: 'Open socket.io connections: desktops and web-chat visitors.',
          type: 'gauge',
          samples: [
            { labels: { namespace: 'desktop' }, value: connections.desktop },
            { labels: { namespace: 'visitor' }, value: connections.visitor },
          ],
        },
        {
          name: 'switchboard_sync_head_seq',
          help: "The change log's head: the seq of the newest committed change. Compare hubs' and desktops' cursors against it for sync lag.",
          type: 'gauge',
          samples: [{ value: head }],
        },
        ...deps.counters.families(),
        ...deps.process.families(),
      ];
    },
  };
}
