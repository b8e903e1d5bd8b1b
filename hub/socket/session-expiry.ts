import type { Clock } from '../clock';
import { DESKTOPS_ROOM, type HubServer, type HubSocket, userRoom } from './hub-socket';

/** setTimeout's ceiling (~24.8 days); longer delays would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * An expired session must stop receiving customer data, not just stop being
 * answered: tell the desktop, then close the socket. The desktop refreshes its
 * token and reconnects (socket.io does not retry a server-side disconnect).
 */
export function endExpiredSession(socket: HubSocket): void {
  socket.emit('session:expired');
  socket.disconnect(true);
}

/**
 * Ends the session the moment its access token runs out, even on an idle
 * desktop. (Each event also re-checks expiry, which guards the handlers.)
 */
export function announceSessionExpiry(socket: HubSocket, clock: Clock): void {
  const delay = Math.min(Math.max(0, socket.data.accessExpiresAt - clock()), MAX_TIMER_MS);
  const timer = setTimeout(() => endExpiredSession(socket), delay);
  // An open socket must not keep a stopping hub alive.
  timer.unref();
  socket.once('disconnect', () => clearTimeout(timer));
}

/**
 * A user's sessions were ended (log out everywhere, disabled, new password):
 * every desktop of theirs, on whichever hub node it is connected, hears
 * `session:expired` (its refresh then fails and it shows the sign-in page) and
 * is disconnected. Through the adapter, so it reaches the other nodes too.
 * `asking`: the socket that asked for it (my own "log out everywhere") still
 * needs its answer, so it is not dropped here; it leaves every room at once
 * (no more broadcasts) and its next event finds the session ended.
 */
export function endUserSessions(io: HubServer, userId: string, asking?: string): void {
  const others = asking ? io.in(userRoom(userId)).except(asking) : io.in(userRoom(userId));
  others.emit('session:expired');
  others.disconnectSockets(true);
  if (asking) io.in(asking).socketsLeave([DESKTOPS_ROOM, userRoom(userId)]);
}
