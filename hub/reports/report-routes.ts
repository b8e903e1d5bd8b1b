import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { ReportEventName } from '../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../socket/event-route';
import type { ReportService } from './report-service';

/** Historical reports over the socket; the roles (supervisor, admin) are the contract's, checked by the dispatcher. */
export function createReportRoutes(reports: ReportService): Record<ReportEventName, EventRoute> {
  return {
    'report:run': route(CLIENT_EVENTS['report:run'], 'report:run', (request): Promise<EventResult<'report:run'>> => reports.run(request)),
  };
}
