import type { Kysely } from 'kysely';
import type { Change } from '../../shared/protocol/changes';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { Logger } from '../log';
import type { RoutingService } from '../routing/routing-service';
import type { FollowUpEventName } from '../socket/event-handlers';
import type { EventRoute } from '../socket/event-route';
import { createFollowUpRoutes } from './follow-up-routes';
import { createFollowUpScheduler, type FollowUpScheduler } from './follow-up-scheduler';
import { createFollowUpService, type FollowUpService } from './follow-up-service';

export type FollowUps = {
  /** The rule entry points the other areas call, and the lists. */
  service: FollowUpService;
  scheduler: FollowUpScheduler;
  routes: Record<FollowUpEventName, EventRoute>;
  /**
   * Wrap the hub's change broadcast: a pushed `followUp.schedule` or a
   * reschedule moves the next due instant, so the scheduler looks again.
   */
  watch(broadcast: (changes: Change[]) => void): (changes: Change[]) => void;
};

/** The follow-ups area as the hub starts it (hub/server.ts); `scheduler.start()` begins the timer. */
export function createFollowUps(deps: { db: Kysely<Database>; writeQueue: WriteQueue; clock: Clock; routing: RoutingService; broadcast: (changes: Change[]) => void; log: Logger }): FollowUps {
  const scheduler = createFollowUpScheduler({ db: deps.db, routing: deps.routing, clock: deps.clock, log: deps.log });
  const service = createFollowUpService({ db: deps.db, writeQueue: deps.writeQueue, clock: deps.clock, broadcast: deps.broadcast, scheduled: () => scheduler.nudge() });
  return {
    service,
    scheduler,
    routes: createFollowUpRoutes(service),
    watch: (broadcast) => (changes) => {
      broadcast(changes);
      if (changes.some((change) => change.entity === 'followUp' && change.data.status === 'scheduled')) scheduler.nudge();
    },
  };
}
