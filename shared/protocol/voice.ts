import { z } from 'zod';
import { UlidSchema } from '../domain/ids';
import { SipCallIdSchema } from './recording';

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

/**
 * The shared voice key travels in this header (the hub's wakes to Kamailio,
 * tools) or as HTTP Basic credentials of VOICE_KEY_USER (Kamailio's kept-alive
 * connection to the hub, which cannot add headers).
 */
export const VOICE_KEY_HEADER = 'x-switchboard-voice-key';
export const VOICE_KEY_USER = 'kamailio';

/** Where a development Kamailio listens: SIP for phones and trunks, SIP over WebSocket for the desktops' softphones. */
export const DEFAULT_SIP_PORT = 5060;
export const DEFAULT_SIP_WS_PORT = 5066;

/** A SIP user part we route on: a queue's number (`support`) or an agent's extension (their username). */
export const DialledSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9._+-]+$/, 'a SIP user part');

export const VoiceRouteRequestSchema = z.object({
  /** The SIP Call-ID: the hub's key for the call across route and event requests. */
  callId: SipCallIdSchema,
  /** The dialled user part of the Request-URI. */
  dialled: DialledSchema,
  /** Caller ID as sent: the From URI's user part and display name, and P-Asserted-Identity when present. */
  fromUser: z.string().max(256),
  fromDisplay: z.string().max(256),
  assertedIdentity: z.string().max(512).default(''),
  /** 1 for the first ask; Kamailio asks again after a no-answer or while the caller waits. */
  attempt: z.number().int().positive().max(10_000),
  /**
   * The agent whose credentials Kamailio checked for this INVITE (the From
   * user); absent for a trusted trunk's caller, or with authentication off.
   * Only such an agent may dial a customer's number out.
   */
  agent: z.string().min(1).max(64).optional(),
  /** Kamailio: the caller is a web visitor (From `v~<visitorId>`, proven by the hub's visitor credentials); only their chat's queue may answer. */
  visitor: z.boolean().default(false),
  /** Kamailio, for a visitor's call: the INVITE offers video (an m=video line with a non-zero port), so it is queued as a video task. */
  video: z.boolean().default(false),
});
export type VoiceRouteRequest = z.input<typeof VoiceRouteRequestSchema>;

/**
 * What Kamailio does next:
 * - `ring`: fork to the agent's registered contacts (`sip:<user>@<domain>`) for `timeoutSec`;
 * - `wait`: play ringback and ask again after `retryAfterSec` (the caller is in the queue);
 *   Switchboard's Kamailio parks the call until the hub wakes it (POST KAMAILIO_WAKE_URL,
 *   hub/voice/sip-wake.ts) and takes `retryAfterSec` only as its fallback when longer than its
 *   own (waitFallbackSec, a minute): a floor, so the hub cannot make it re-ask on a fast timer;
 * - `release`: the caller waited past the queue's max wait: answer 480 (a callback task has been made);
 * - `reject`: no such number, or the hub refuses the call (`status` is the SIP reply code to send).
 */
export type VoiceRouteAnswer =
  /** `taskId` is null for a direct call to an agent's extension: it rings without a routing task. */
  | { action: 'ring'; user: string; agentId: string; taskId: string | null; timeoutSec: number }
  | { action: 'wait'; retryAfterSec: number; taskId: string }
  | { action: 'release'; taskId: string; reason: string }
  /**
   * An agent dials a customer: send the call to `number` (E.164) at the
   * carrier's trunk for `timeoutSec`, presenting `callerId` (the company's
   * line) in From and P-Asserted-Identity; events name `agentId`.
   */
  | { action: 'outbound'; number: string; callerId: string; agentId: string; timeoutSec: number }
  /** `refusal`: an outbound call refused, sent with its own reason phrase (OUTBOUND_REFUSALS). */
  | { action: 'reject'; status: 403 | 404 | 480 | 484 | 486 | 503; reason: string; refusal?: OutboundRefusal };

/**
 * Why an agent's call to a number is refused, with the SIP reply Kamailio
 * sends their softphone: the reason phrase lets the desktop say which
 * (renderer/softphone/sip-phone.ts endForResponse).
 */
export const OUTBOUND_REFUSALS = {
  /** No carrier trunk is configured (SIP_TRUNK). */
  'no-outbound-line': { status: 503, phrase: 'No Outbound Line' },
  /** Another country, or a premium-rate line, that SIP_OUTBOUND_ALLOW does not allow. */
  'destination-not-allowed': { status: 403, phrase: 'Destination Not Allowed' },
  /** Digits that make no valid number (a short code, a digit too few). */
  'not-a-number': { status: 484, phrase: 'Address Incomplete' },
  /** Not an authenticated agent (a trunk's caller): nobody else dials out through us. */
  'agents-only': { status: 403, phrase: 'Agents Only' },
} as const satisfies Record<string, { status: 403 | 484 | 503; phrase: string }>;
export type OutboundRefusal = keyof typeof OUTBOUND_REFUSALS;

export const VoiceCallEventSchema = z.object({
  callId: SipCallIdSchema,
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

/**
 * Time-limited SIP digest credentials for the signed-in agent's softphone,
 * minted by the hub from the secret it shares with Kamailio (auth_ephemeral):
 * the username is `<unix expiry seconds>:<agent username>`, the password
 * base64(HMAC-SHA1(secret, username)). Kamailio refuses them after expiry and
 * for any other agent's phone, so the desktop may cache them until then.
 */
export const SipCredentialsSchema = z.object({
  authorizationUsername: z.string().regex(/^\d{1,12}:[a-z0-9._-]{2,64}$/, '<expiry>:<username>'),
  authorizationPassword: z.string().regex(/^[A-Za-z0-9+/=]{20,100}$/, 'base64'),
  /** Epoch ms after which Kamailio refuses them. */
  expiresAt: z.number().int().positive(),
});
export type SipCredentials = z.infer<typeof SipCredentialsSchema>;

/**
 * The agent's desktop put its call on hold or took it off, named by the SIP
 * Call-ID (Kamailio's key for it too): the hub times the hold for the
 * call's timeline item. Only the agent on that call may say so.
 */
export const CallHoldSchema = z.object({ callId: SipCallIdSchema, held: z.boolean() });
export type CallHold = z.infer<typeof CallHoldSchema>;
/** Whether the call is on hold now, and how many holds it has had. */
export type CallHoldAnswer = { held: boolean; holds: number };

/**
 * The screen pop's "link to existing customer": the provisional customer the
 * hub made for an unknown caller is folded into the customer the agent
 * picked (their number, calls and other history move; the provisional one
 * goes). Online only: it moves rows the desktop cannot move on its own.
 */
export const CustomerLinkSchema = z.object({ customerId: UlidSchema, intoId: UlidSchema });
export type CustomerLink = z.infer<typeof CustomerLinkSchema>;
/** The customer now holding everything, and how much moved. */
export const CustomerLinkedSchema = z.object({ customerId: UlidSchema, identities: z.number().int().nonnegative(), interactions: z.number().int().nonnegative() });
export type CustomerLinked = z.infer<typeof CustomerLinkedSchema>;
