import { z } from 'zod';
import { UlidSchema } from '../domain/ids';
import { PasswordSchema, type User, UserSchema } from '../domain/user';

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

// ── accounts: passwords, sessions, disabling (hub/auth/account-routes.ts) ──

/** `account:password`: my own new password; the current one proves it is me and not someone at my unlocked desk. */
export const ChangePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(1024),
});

export const SignOutEverywhereSchema = z.object({ confirm: z.literal(true) });

const UserRefSchema = z.object({ userId: UlidSchema });

export const AccountRefSchema = UserRefSchema;

/** `admin:account:password`: a new password an administrator sets (the user's sessions end). */
export const ResetPasswordSchema = UserRefSchema.extend({ password: z.string().min(1).max(1024) });

/** `admin:account:disable`: a disabled account cannot sign in and its sessions end; enabling it again lets it sign in. */
export const DisableAccountSchema = UserRefSchema.extend({ disabled: z.boolean() });

/** `admin:account:unlock`: forget a username's failed sign-ins (the address counts stay). */
export const UnlockAccountSchema = z.object({ username: z.string().trim().toLowerCase().min(1).max(64) });

/** One account as the admin's users tab shows it. */
export const AccountViewSchema = z.object({
  user: UserSchema,
  disabled: z.boolean(),
  /** Epoch ms of the last "end every session" (0: never). */
  sessionsValidFrom: z.number().int().nonnegative(),
  /** Seconds until the username may try to sign in again (0: not locked by failed sign-ins). */
  lockedForSec: z.number().int().nonnegative(),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

/** What ending sessions did: how many refresh tokens (signed-in devices) were revoked. */
export const SessionsEndedSchema = z.object({ revokedRefreshTokens: z.number().int().nonnegative() });
export type SessionsEnded = z.infer<typeof SessionsEndedSchema>;
