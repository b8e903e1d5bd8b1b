import type { CountryCode } from 'libphonenumber-js/max';
import type { User } from '../../shared/domain/user';
import { OUTBOUND_REFUSALS, type OutboundRefusal, type VoiceRouteAnswer } from '../../shared/protocol/voice';
import type { VoiceCall } from '../db/voice-queries';
import { checkDestination, type DestinationRule } from './dial-policy';

/**
 * The outbound line: the carrier's trunk Kamailio sends agents' calls to
 * customers through (SIP_TRUNK, the same setting Kamailio is rendered with),
 * the number the customer sees (SIP_CALLER_ID) and where agents may dial.
 */
export type OutboundLine = { trunk: string | null; callerId: string | null; allow: DestinationRule };

/** How long the customer's phone rings before the agent hears "no answer": longer than an agent's, a customer may be across the room. */
export const OUTBOUND_RING_SEC = 60;

/** Roles that take calls and so may place them; an administrator has no softphone. */
const DIALLERS: ReadonlySet<User['role']> = new Set(['agent', 'supervisor']);

export type RejectAnswer = Extract<VoiceRouteAnswer, { action: 'reject' }>;

/** A refusal as Kamailio sends it on: the SIP status and, in `refusal`, which reason phrase the desktop reads. */
export const refusalAnswer = (refusal: OutboundRefusal, reason: string): RejectAnswer => ({ action: 'reject', status: OUTBOUND_REFUSALS[refusal].status, reason, refusal });

export type OutboundDecision = { ok: true; e164: string; agentId: string } | { ok: false; answer: RejectAnswer };

/**
 * Whether this call may go out to the carrier, and to which E.164 number.
 * `dialler` is the agent Kamailio authenticated for the INVITE (null for a
 * trusted trunk's call or with authentication off: a carrier's customer
 * must never reach another carrier through us). Pure.
 */
export function decideOutbound(dialler: User | null, dialled: string, line: OutboundLine, home: CountryCode): OutboundDecision {
  if (!dialler || !DIALLERS.has(dialler.role)) return { ok: false, answer: refusalAnswer('agents-only', 'only an agent signed in to their softphone may dial out') };
  if (!line.trunk || !line.callerId) return { ok: false, answer: refusalAnswer('no-outbound-line', 'no outbound line is configured (SIP_TRUNK)') };
  const destination = checkDestination(dialled, home, line.allow);
  if (!destination.ok) return { ok: false, answer: refusalAnswer(destination.refusal, destination.reason) };
  return { ok: true, e164: destination.e164, agentId: dialler.id };
}

/** An outbound call asked about again (a retransmitted INVITE): dial while it has not ended. Pure. */
export function answerForOutbound(call: VoiceCall, callerId: string | null): VoiceRouteAnswer {
  if (call.endedAt !== null || call.agentId === null) return { action: 'reject', status: 480, reason: 'the call has ended' };
  if (callerId === null) return refusalAnswer('no-outbound-line', 'no outbound line is configured (SIP_TRUNK)');
  return { action: 'outbound', number: call.dialled, callerId, agentId: call.agentId, timeoutSec: OUTBOUND_RING_SEC };
}

/**
 * The carrier's gateway as SIP_TRUNK gives it: `sip:<host>[:port][;transport=udp|tcp]`,
 * no user part (the dialled number goes there). It lands in Kamailio's
 * script inside quotes, so nothing else is let through.
 */
export const SIP_TRUNK_PATTERN = /^sip:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?(?:;transport=(?:udp|tcp))?$/;
