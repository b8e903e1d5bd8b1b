import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { LoginRequestSchema, RefreshRequestSchema, type Session } from '../../shared/protocol/auth';
import { fail, type Response } from '../../shared/protocol/errors';
import type { AuthService } from '../auth/auth-service';
import { invalidPayload } from '../sync/payload-issues';
import { clientAddress } from './client-address';

export type ApiAnswer = Response<Session> | Response<null>;

function parsed<T>(schema: z.ZodType<T>, body: unknown, what: string): { ok: true; value: T } | { ok: false; answer: ApiAnswer } {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  const error = invalidPayload(result.error, what);
  return { ok: false, answer: fail('invalid-payload', error.message, { issues: error.issues }) };
}

const LogoutRequestSchema = RefreshRequestSchema;

/** The three auth endpoints, from a parsed JSON body to a Response<T>. */
export function createAuthRoutes(auth: AuthService) {
  return {
    async login(body: unknown, request: IncomingMessage): Promise<ApiAnswer> {
      const input = parsed(LoginRequestSchema, body, 'The sign-in request');
      if (!input.ok) return input.answer;
      // The socket's peer address; X-Forwarded-For is not trusted, anyone can write it.
      const address = clientAddress(request);
      return auth.login(input.value.username, input.value.password, address);
    },
    async refresh(body: unknown): Promise<ApiAnswer> {
      const input = parsed(RefreshRequestSchema, body, 'The refresh request');
      return input.ok ? auth.refresh(input.value.refreshToken) : input.answer;
    },
    async logout(body: unknown): Promise<ApiAnswer> {
      const input = parsed(LogoutRequestSchema, body, 'The sign-out request');
      return input.ok ? auth.logout(input.value.refreshToken) : input.answer;
    },
  };
}
