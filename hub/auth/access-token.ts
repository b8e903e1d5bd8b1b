import { z } from 'zod';
import { UlidSchema } from '../../shared/domain/ids';
import { RoleSchema } from '../../shared/domain/user';
import { type TokenCheck as SignedTokenCheck, signToken, verifyToken } from './signed-token';

/**
 * Access tokens: `v1.<claims>.<signature>` (signed-token.ts), with the hub
 * secret as the key. Small and stateless, so every hub node sharing the secret can
 * check a socket handshake without a database round trip for the token itself.
 */
const ClaimsSchema = z.object({
  sub: UlidSchema,
  role: RoleSchema,
  /** Expiry, epoch ms like every other time in Switchboard. */
  exp: z.number().int().positive(),
  /**
   * Issued at (epoch ms): refused when the user's sessions were ended after it
   * (log out everywhere). Tokens signed before this claim existed read as 0,
   * so any such ending refuses them too.
   */
  iat: z.number().int().nonnegative().default(0),
});
export type AccessClaims = z.infer<typeof ClaimsSchema>;
export type AccessClaimsInput = z.input<typeof ClaimsSchema>;

export type TokenCheck = SignedTokenCheck<AccessClaims>;

const VERSION = 'v1';

export const signAccessToken = (claims: AccessClaimsInput, secret: string): string => signToken(VERSION, claims, secret);

export const verifyAccessToken = (token: string, secret: string, now: number): TokenCheck => verifyToken(token, VERSION, ClaimsSchema, secret, now);
