import type { Clock } from '../clock';
import type { HubSocket } from './hub-socket';

/** setTimeout's ceiling (~24.8 days); longer delays would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Tells an idle desktop the moment its access token runs out, so it refreshes
 * before its next request instead of failing it. (Each event also re-checks
 * expiry, which is what actually guards the handlers.)
 */
export function announceSessionExpiry(socket: HubSocket, clock: Clock): void {
  const delay = Math.min(Math.max(0, socket.data.accessExpiresAt - clock()), MAX_TIMER_MS);
  const timer = setTimeout(() => socket.emit('session:expired'), delay);
  // An open socket must not keep a stopping hub alive.
  timer.unref();
  socket.once('disconnect', () => clearTimeout(timer));
}
