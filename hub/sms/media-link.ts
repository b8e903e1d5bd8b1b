import { z } from 'zod';
import { UlidSchema } from '../../shared/domain/ids';
import { signedLink } from '../auth/signed-link';

/** Links an <img> can load for one MMS picture, signed for the agent who opened the conversation. */
const ClaimsSchema = z.object({ aid: UlidSchema, sub: UlidSchema, exp: z.number().int().positive() });
export type MediaLinkClaims = z.infer<typeof ClaimsSchema>;

/** A conversation stays open for a while; re-opening it signs fresh links. */
export const MEDIA_LINK_TTL_MS = 2 * 60 * 60 * 1000;

export const {
  key: mediaLinkKey,
  sign: signMediaLink,
  verify: verifyMediaLink,
} = signedLink({ version: 'sm1', purpose: 'switchboard sms media links', claims: ClaimsSchema });
