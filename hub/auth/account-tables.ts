import type { Generated } from 'kysely';

/** The users table's columns added by 0018 (hub/auth/account-migration.ts); both have defaults, so inserting a user may leave them out. */
export type UserAccountColumns = {
  /** Epoch ms: access tokens issued before this are refused, and no refresh token older than it survives. */
  sessions_valid_from: Generated<number>;
  /** 1: the account may not sign in, and its sessions have ended. */
  disabled: Generated<number>;
};
