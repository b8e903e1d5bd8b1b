import { z } from 'zod';
import type { HubError } from '../../shared/protocol/errors';
import type { AuthService } from '../auth/auth-service';
import type { Logger } from '../log';
import type { HubSocket } from './hub-socket';

const HandshakeAuthSchema = z.object({ token: z.string().min(1).max(4096) });

/** What the client's `connect_error` sees: `err.message` is the code, `err.data` the whole HubError. */
export type HandshakeError = Error & { data: HubError };

const handshakeError = (error: HubError): HandshakeError => Object.assign(new Error(error.code), { data: error });

/** Only signed-in desktops connect: `io(url, { auth: { token } })` with an access token from /api/login. */
export function authenticateHandshake(auth: AuthService, log: Logger) {
  return (socket: HubSocket, next: (error?: HandshakeError) => void): void => {
    const given = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!given.success) {
      next(handshakeError({ code: 'token-invalid', message: 'Sign in first: the handshake carries no access token.' }));
      return;
    }
    auth.authenticate(given.data.token).then(
      (result) => {
        if (!result.ok) {
          next(handshakeError(result.error));
          return;
        }
        socket.data.user = result.user;
        socket.data.accessExpiresAt = result.accessExpiresAt;
        socket.data.issuedAt = result.issuedAt;
        next();
      },
      (error: unknown) => {
        log.error('socket handshake failed', error);
        next(handshakeError({ code: 'internal', message: 'The hub could not check your session; try again.' }));
      },
    );
  };
}
