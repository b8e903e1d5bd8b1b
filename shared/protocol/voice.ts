import { z } from 'zod';
import { UlidSchema } from '../domain/ids';

/**
 * The SIP server's side of a call, asked of the hub over HTTP (Kamailio's
 * http_client from deploy/kamailio/kamailio.cfg). The hub decides who rings,
 * with the same routing engine as every other channel; Kamailio only carries
 * the call. Every request carries the shared key in `X-Switchboard-Voice-Key`.
 */
export const VOICE_PATHS = {
  /** POST VoiceRouteRequest → VoiceRouteAnswer: who to ring now for this call. */
  route: '/api/voice/route',
  /** POST VoiceCallEvent → { ok: true }: what happened to the call since. */
  event: '/api/voice/event',
} as const;

export const VOICE_KEY_HEADER = 'x-switchboard-voice-key';

/** Where a development Kamailio listens: SIP for phones and trunks, SIP over WebSocket for the desktops' softphones. */
export const DEFAULT_SIP_PORT = 5060;
export const DEFAULT_SIP_WS_PORT = 5066;

/** A SIP user part we route on: a queue's number (`support`) or an agent's extension (their username). */
export const DialledSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9._+-]+$/, 'a SIP user part');

export const VoiceRouteRequestSchema = z.object({
  /** The SIP Call-ID: the hub's key for the call across route and event requests. */
  callId: z.string().min(1).max(256),
  /** The dialled user part of the Request-URI. */
  dialled: DialledSchema,
  /** Caller ID as sent: the From URI's user part and display name, and P-Asserted-Identity when present. */
  fromUser: z.string().max(256),
  fromDisplay: z.string().max(256),
  assertedIdentity: z.string().max(512).default(''),
  /** 1 for the first ask; Kamailio asks again after a no-answer or while the caller waits. */
  attempt: z.number().int().positive().max(10_000),
});
export type VoiceRouteRequest = z.input<typeof VoiceRouteRequestSchema>;

/**
 * What Kamailio does next:
 * - `ring`: fork to the agent's registered contacts (`sip:<user>@<domain>`) for `timeoutSec`;
 * - `wait`: play ringback and ask again after `retryAfterSec` (the caller is in the queue);
 * - `release`: the caller waited past the queue's max wait: answer 480 (a callback task has been made);
 * - `reject`: no such number, or the hub refuses the call (`status` is the SIP reply code to send).
 */
export type VoiceRouteAnswer =
  /** `taskId` is null for a direct call to an agent's extension: it rings without a routing task. */
  | { action: 'ring'; user: string; agentId: string; taskId: string | null; timeoutSec: number }
  | { action: 'wait'; retryAfterSec: number; taskId: string }
  | { action: 'release'; taskId: string; reason: string }
  | { action: 'reject'; status: 403 | 404 | 480 | 486 | 503; reason: string };

export const VoiceCallEventSchema = z.object({
  callId: z.string().min(1).max(256),
  kind: z.enum([
    /** The ringing agent did not answer in time (or their desktop was unreachable). */
    'no-answer',
    /** The agent declined (486/603 from their desktop). */
    'declined',
    /** The agent answered (200 OK). */
    'answered',
    /** The caller hung up before anyone answered. */
    'abandoned',
    /** The answered call ended (BYE from either side). */
    'ended',
  ]),
  /** The agent that was rung, for no-answer / declined / answered. */
  agentId: UlidSchema.optional(),
});
export type VoiceCallEvent = z.input<typeof VoiceCallEventSchema>;

/** Which dialled numbers reach which queue, and the SIP domain agents register in; admin-managed. */
export const VoiceSettingsSchema = z.object({
  /** The SIP domain of agents' addresses (`sip:agent1@<domain>`). */
  domain: z.string().min(1).max(253),
  numbers: z
    .array(z.object({ dialled: DialledSchema, queueId: UlidSchema }))
    .max(500)
    .refine((numbers) => new Set(numbers.map((n) => n.dialled.toLowerCase())).size === numbers.length, 'each number once'),
  /** How long one agent's phone rings before the next is tried. */
  ringSec: z.number().int().min(5).max(120),
  /** How often a waiting caller's call is re-offered to routing. */
  waitRetrySec: z.number().int().min(1).max(60),
});
export type VoiceSettings = z.infer<typeof VoiceSettingsSchema>;

/** The desktop tells the hub whether its softphone is registered: an unregistered agent is not offered calls. */
export const PhoneStateSchema = z.object({ registered: z.boolean() });
export type PhoneState = z.infer<typeof PhoneStateSchema>;
