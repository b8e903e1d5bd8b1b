import { z } from 'zod';
import { UlidSchema } from '../../shared/domain/ids';
import { signedLink } from '../auth/signed-link';

/** Links an <audio> element can play for one recording, signed for the user who opened the call. */
const ClaimsSchema = z.object({ rid: UlidSchema, sub: UlidSchema, exp: z.number().int().positive() });
export type RecordingLinkClaims = z.infer<typeof ClaimsSchema>;

/** Long enough to listen to a long call with pauses; a timeline re-asks when it is opened again. */
export const RECORDING_LINK_TTL_MS = 2 * 60 * 60 * 1000;

export const {
  key: recordingLinkKey,
  sign: signRecordingLink,
  verify: verifyRecordingLink,
} = signedLink({ version: 'rl1', purpose: 'switchboard recording links', claims: ClaimsSchema });
