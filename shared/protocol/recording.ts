import { z } from 'zod';
import { EpochMsSchema, UlidSchema } from '../domain/ids';

/**
 * Call recordings. The desktop records both sides of a call in a queue that
 * records calls, keeps the file in its cache until the hub has it, and
 * uploads it over HTTP (bearer access token). The hub files it in its
 * attachment store; it plays from the call's timeline item through a
 * short-lived link the hub signs for the one who asked.
 */
export const RECORDING_PATHS = {
  /** POST the file's bytes; `X-Call-Id` names the call, `X-Recording-Id` (a ULID the desktop made) makes a re-send harmless. */
  upload: '/api/recordings',
  /** GET `/api/recordings/<id>` with a bearer token or a signed link (`?link=`); answers byte ranges. */
  file: '/api/recordings/',
} as const;

export const RECORDING_CALL_HEADER = 'x-call-id';
export const RECORDING_ID_HEADER = 'x-recording-id';
export const RECORDING_DURATION_HEADER = 'x-duration-ms';

/** What the desktop records in (MediaRecorder, Opus) and what the hub files: the bytes decide, not the label. */
export const RECORDING_TYPES = ['audio/webm', 'audio/ogg'] as const;
export const RecordingTypeSchema = z.enum(RECORDING_TYPES);
export type RecordingType = z.infer<typeof RecordingTypeSchema>;

/** The hub's default upper bound on one recording: about three hours of Opus at 32 kbit/s. */
export const DEFAULT_RECORDING_MAX_BYTES = 48 * 1024 * 1024;

/**
 * The SIP Call-ID, as Kamailio and the softphone name the call. Never with a
 * control character: SIP puts none in a Call-ID, and Postgres cannot store a NUL.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
export const SipCallIdSchema = z.string().min(1).max(256).regex(/^[^\u0000-\u001f\u007f]+$/, 'a SIP Call-ID has no control characters');

/** `recording:policy`: the agent on a call asks whether to record it. */
export const RecordingPolicyRequestSchema = z.object({ callId: SipCallIdSchema }).strict();
export type RecordingPolicyRequest = z.infer<typeof RecordingPolicyRequestSchema>;

export const RecordingPolicySchema = z.object({
  record: z.boolean(),
  /** The queue's words for the caller (a legal notice the agent reads out); null when it has none. */
  notice: z.string().nullable(),
});
export type RecordingPolicy = z.infer<typeof RecordingPolicySchema>;

/** `recording:list`: the recordings of one call, for its timeline item. */
export const RecordingListRequestSchema = z.object({ callId: SipCallIdSchema }).strict();
export type RecordingListRequest = z.infer<typeof RecordingListRequestSchema>;

export const RecordingViewSchema = z.object({
  id: UlidSchema,
  callId: SipCallIdSchema,
  mimeType: RecordingTypeSchema,
  size: z.number().int().nonnegative(),
  /** As the desktop measured it; null when it did not say. */
  durationMs: z.number().int().nonnegative().nullable(),
  agentId: UlidSchema,
  createdAt: EpochMsSchema,
  /** Path and signed link for an <audio> element, valid for this user until `linkExpiresAt`. Absent in upload answers. */
  url: z.string().optional(),
  linkExpiresAt: EpochMsSchema.optional(),
});
export type RecordingView = z.infer<typeof RecordingViewSchema>;
