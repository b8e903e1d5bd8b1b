import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { MonitorEventName } from '../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../socket/event-route';
import { createMonitorService, type MonitorService } from './monitor-service';

/** The monitor events; whose session it is, is checked by the service. */
export function createMonitorRoutes(monitor: MonitorService): Record<MonitorEventName, EventRoute> {
  return {
    'monitor:start': route(CLIENT_EVENTS['monitor:start'], 'monitor:start', (request, { user }): Promise<EventResult<'monitor:start'>> =>
      monitor.start(user, request),
    ),
    'monitor:offer': route(CLIENT_EVENTS['monitor:offer'], 'monitor:offer', async (request, { user }): Promise<EventResult<'monitor:offer'>> =>
      monitor.offer(user, request),
    ),
    'monitor:answer': route(CLIENT_EVENTS['monitor:answer'], 'monitor:answer', async (request, { user }): Promise<EventResult<'monitor:answer'>> =>
      monitor.answer(user, request),
    ),
    'monitor:ice': route(CLIENT_EVENTS['monitor:ice'], 'monitor:ice', async (request, { user }): Promise<EventResult<'monitor:ice'>> =>
      monitor.ice(user, request),
    ),
    'monitor:mode': route(CLIENT_EVENTS['monitor:mode'], 'monitor:mode', async (request, { user }): Promise<EventResult<'monitor:mode'>> =>
      monitor.mode(user, request),
    ),
    'monitor:stop': route(CLIENT_EVENTS['monitor:stop'], 'monitor:stop', async (request, { user }): Promise<EventResult<'monitor:stop'>> =>
      monitor.stop(user, request),
    ),
    'monitor:settings': route(CLIENT_EVENTS['monitor:settings'], 'monitor:settings', (): Promise<EventResult<'monitor:settings'>> => monitor.settings()),
    'admin:monitor:set': route(CLIENT_EVENTS['admin:monitor:set'], 'admin:monitor:set', (request): Promise<EventResult<'admin:monitor:set'>> =>
      monitor.saveSettings(request),
    ),
  };
}

/**
 * The monitor on a running hub: its service, with each desktop's disconnect
 * followed (the last desktop of a side gone ends that side's sessions).
 */
export function attachMonitor(deps: Parameters<typeof createMonitorService>[0]): Record<MonitorEventName, EventRoute> {
  const monitor = createMonitorService(deps);
  // Presence counts the desktop out before telling, so the service sees whether it was the user's last.
  deps.presence.onDesktopLeft((userId) => monitor.desktopLeft(userId));
  return createMonitorRoutes(monitor);
}
