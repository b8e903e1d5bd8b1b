import { z } from 'zod';
import { UlidSchema } from '../domain/ids';

/**
 * Monitor, whisper, barge (issue 6). The agent's desktop is the bridge: it
 * mixes the caller and its own microphone with WebAudio and sends the mix on a
 * separate WebRTC connection to the supervisor's page; the supervisor's voice
 * comes back on the same connection and the agent's desktop decides where it
 * goes (nowhere, the agent's ear, or also the caller). The hub only checks
 * who may do what and relays the signalling between the two by session id.
 */

/** listen: the supervisor hears, nobody hears them; whisper: the agent hears them; barge: the caller too. */
export const MonitorModeSchema = z.enum(['listen', 'whisper', 'barge']);
export type MonitorMode = z.infer<typeof MonitorModeSchema>;
export const MONITOR_MODES = MonitorModeSchema.options;

/** Session ids are the hub's ULIDs. */
const SessionIdSchema = UlidSchema;

export const MonitorStartSchema = z.object({ agentId: UlidSchema, mode: MonitorModeSchema }).strict();
export const MonitorRefSchema = z.object({ sessionId: SessionIdSchema }).strict();
export const MonitorModeSetSchema = z.object({ sessionId: SessionIdSchema, mode: MonitorModeSchema }).strict();

/** An SDP body; real ones for one audio stream are a few kB. */
const SdpSchema = z.string().min(1).max(16_000);
export const MonitorOfferSchema = z.object({ sessionId: SessionIdSchema, sdp: SdpSchema }).strict();
export const MonitorAnswerSchema = MonitorOfferSchema;

/** One trickled ICE candidate, as RTCIceCandidate.toJSON() gives it; an empty `candidate` marks the end of gathering. */
export const IceCandidateSchema = z
  .object({
    candidate: z.string().max(1_000),
    sdpMid: z.string().max(64).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(63).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  })
  .strict();
export type IceCandidate = z.infer<typeof IceCandidateSchema>;
export const MonitorIceSchema = z.object({ sessionId: SessionIdSchema, candidate: IceCandidateSchema }).strict();

/** Whether agents are shown that a supervisor listens (law requires it in some places). Default on. */
export const MonitorSettingsSchema = z.object({ announceMonitoring: z.boolean() }).strict();
export type MonitorSettings = z.infer<typeof MonitorSettingsSchema>;
export const DEFAULT_MONITOR_SETTINGS: MonitorSettings = { announceMonitoring: true };

/** The supervisor's answer to `monitor:start`: the session it now holds. */
export const MonitorSessionSchema = z.object({
  sessionId: SessionIdSchema,
  agentId: UlidSchema,
  mode: MonitorModeSchema,
  /** The SIP Call-ID of the call being monitored. */
  callId: z.string(),
});
export type MonitorSession = z.infer<typeof MonitorSessionSchema>;

/** To the agent's desktop: a supervisor wants the call's audio; offer a connection. */
export const MonitorBeginSchema = z.object({
  sessionId: SessionIdSchema,
  callId: z.string(),
  mode: MonitorModeSchema,
  supervisorName: z.string(),
  /** Show the agent that they are monitored (the `announceMonitoring` setting). */
  announce: z.boolean(),
});
export type MonitorBegin = z.infer<typeof MonitorBeginSchema>;

export const MonitorSignalSdpSchema = z.object({ sessionId: SessionIdSchema, sdp: z.string() });
export type MonitorSignalSdp = z.infer<typeof MonitorSignalSdpSchema>;
export const MonitorSignalIceSchema = z.object({ sessionId: SessionIdSchema, candidate: IceCandidateSchema });
export type MonitorSignalIce = z.infer<typeof MonitorSignalIceSchema>;
export const MonitorModeChangeSchema = z.object({ sessionId: SessionIdSchema, mode: MonitorModeSchema });
export type MonitorModeChange = z.infer<typeof MonitorModeChangeSchema>;

/** Why a session ended: either side stopped it, the call ended, or one side's desktop went away. */
export const MonitorEndReasonSchema = z.enum(['supervisor-stopped', 'agent-stopped', 'call-ended', 'disconnected']);
export type MonitorEndReason = z.infer<typeof MonitorEndReasonSchema>;
export const MonitorEndedSchema = z.object({ sessionId: SessionIdSchema, reason: MonitorEndReasonSchema });
export type MonitorEnded = z.infer<typeof MonitorEndedSchema>;
