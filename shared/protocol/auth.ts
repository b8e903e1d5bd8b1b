import { z } from 'zod';
import { PasswordSchema, type User } from '../domain/user';

/** POST /api/login — the only place a password travels; it never rides the socket. */
export const LoginRequestSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.input<typeof LoginRequestSchema>;

/** POST /api/refresh — trades a refresh token for a new pair; the old refresh token dies (rotation). */
export const RefreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(512) });

export type Session = {
  user: User;
  /** Short-lived (minutes); sent in the socket handshake as `auth.token`. */
  accessToken: string;
  accessExpiresAt: number;
  /** Long-lived, single use. */
  refreshToken: string;
};

export const NewPasswordSchema = PasswordSchema;

export const API_PATHS = {
  login: '/api/login',
  refresh: '/api/refresh',
  logout: '/api/logout',
  health: '/healthz',
} as const;
