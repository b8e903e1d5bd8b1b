import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { UlidSchema } from '../../shared/domain/ids';
import { signToken, type TokenCheck, verifyToken } from '../auth/signed-token';

/**
 * Links an <img> can load (it cannot send a bearer token) for one MMS
 * picture, signed for the agent who opened the conversation, expiring soon;
 * a key derived from the hub secret for this purpose only.
 */
const ClaimsSchema = z.object({ aid: UlidSchema, sub: UlidSchema, exp: z.number().int().positive() });
export type MediaLinkClaims = z.infer<typeof ClaimsSchema>;

/** A conversation stays open for a while; re-opening it signs fresh links. */
export const MEDIA_LINK_TTL_MS = 2 * 60 * 60 * 1000;

const VERSION = 'sm1';

export const mediaLinkKey = (hubSecret: string): string => createHmac('sha256', hubSecret).update('switchboard sms media links').digest('hex');

export const signMediaLink = (claims: MediaLinkClaims, key: string): string => signToken(VERSION, claims, key);

export const verifyMediaLink = (link: string, key: string, now: number): TokenCheck<MediaLinkClaims> => verifyToken(link, VERSION, ClaimsSchema, key, now);
