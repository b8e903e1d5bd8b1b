import type { IncomingMessage } from 'node:http';
import type { User } from '../../shared/domain/user';
import { Refusal, refuse } from '../sync/refusal';
import type { AuthService } from './auth-service';

/** The signed-in user behind a plain HTTP request (file uploads and downloads): the access token travels as a bearer token, never a cookie. */
export async function bearerUser(auth: AuthService, request: IncomingMessage): Promise<User> {
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!token) throw refuse('token-invalid', 'Sign in first: send the access token as a bearer token.');
  const signedIn = await auth.authenticate(token);
  if (!signedIn.ok) throw new Refusal(signedIn.error);
  return signedIn.user;
}
