import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { UlidSchema } from '../../shared/domain/ids';
import { signToken, type TokenCheck, verifyToken } from '../auth/signed-token';

/**
 * Links an <audio> element can play (it cannot send a bearer token): the
 * recording, the user it was signed for, and a short expiry, signed with a key
 * derived from the hub secret for this purpose only. The download still
 * applies the access rule to that user, so a link outlives no one's rights.
 */
const ClaimsSchema = z.object({ rid: UlidSchema, sub: UlidSchema, exp: z.number().int().positive() });
export type RecordingLinkClaims = z.infer<typeof ClaimsSchema>;

/** Long enough to listen to a long call with pauses; a timeline re-asks when it is opened again. */
export const RECORDING_LINK_TTL_MS = 2 * 60 * 60 * 1000;

const VERSION = 'rl1';

export const recordingLinkKey = (hubSecret: string): string => createHmac('sha256', hubSecret).update('switchboard recording links').digest('hex');

export const signRecordingLink = (claims: RecordingLinkClaims, key: string): string => signToken(VERSION, claims, key);

export const verifyRecordingLink = (link: string, key: string, now: number): TokenCheck<RecordingLinkClaims> =>
  verifyToken(link, VERSION, ClaimsSchema, key, now);
