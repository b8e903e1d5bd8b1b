import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { RecordingEventName } from '../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../socket/event-route';
import type { RecordingService } from './recording-service';

/** Recording's desktop events: whether to record my call, and a call's recordings for its timeline item. */
export function createRecordingRoutes(recordings: RecordingService): Record<RecordingEventName, EventRoute> {
  return {
    'recording:policy': route(CLIENT_EVENTS['recording:policy'], 'recording:policy', (request, { user }): Promise<EventResult<'recording:policy'>> =>
      recordings.policy(user, request.callId),
    ),
    'recording:list': route(CLIENT_EVENTS['recording:list'], 'recording:list', (request, { user }): Promise<EventResult<'recording:list'>> =>
      recordings.list(user, request.callId),
    ),
  };
}
