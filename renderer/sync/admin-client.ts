import { z } from 'zod';
import { CannedResponseSchema, type ChatWidget, ChatWidgetSchema } from '../../shared/domain/chat';
import { type AgentProfile, AgentProfileSchema, type Queue, QueueSchema } from '../../shared/domain/routing';
import { UserSchema } from '../../shared/domain/user';
import { type RoutingSettings, RoutingSettingsSchema } from '../../shared/protocol/admin';
import type { UpsertCannedSchema } from '../../shared/protocol/chat';
import type { HubError } from '../../shared/protocol/errors';
import { type VoiceSettings, VoiceSettingsSchema } from '../../shared/protocol/voice';
import { SmsSettingsSchema, type SmsSettingsInputSchema, type SmsSettingsView } from '../../shared/protocol/sms';
import { EmailMailboxViewSchema, type EmailSettingsInput, type EmailSettingsView, QuarantinedEmailSchema, type QuarantineListSchema } from '../../shared/protocol/email';
import { type HubSocket, request } from './hub-socket';
import { BadAnswerError, HubRefusalError, unwrapAck } from './wire';

/** What the hub shows of the SMS settings: the secret only as whether one is set. */
const SmsSettingsViewSchema = SmsSettingsSchema.omit({ secret: true }).extend({ secretSet: z.boolean() }) satisfies z.ZodType<SmsSettingsView>;

/** The email settings as the hub shows them: each IMAP password only as whether one is set. */
const EmailSettingsViewSchema = z.object({
  mailboxes: z.array(EmailMailboxViewSchema),
  maxMessageBytes: z.number().int(),
  maxAttachmentBytes: z.number().int(),
}) satisfies z.ZodType<EmailSettingsView>;

/** Why an admin request did not happen, for a translated message beside the form. */
export type AdminFailure = { kind: 'hub'; error: HubError } | { kind: 'network' } | { kind: 'bad-answer'; message: string };

export type AdminResult<T> = { ok: true; data: T } | { ok: false; failure: AdminFailure };

function describe(error: unknown): AdminFailure {
  if (error instanceof HubRefusalError) return { kind: 'hub', error: error.error };
  if (error instanceof BadAnswerError) return { kind: 'bad-answer', message: error.message };
  // What is left is the connection: `request` turns a dropped socket or a missing ack into a NetworkError.
  return { kind: 'network' };
}

/**
 * A request that happens live or not at all (admin forms, the supervisor's
 * actions, reports): one acked emit, its answer parsed with `schema`, every
 * failure turned into an AdminFailure the screens translate.
 */
export function createLiveCaller(socket: HubSocket, timeoutMs: number) {
  return async function call<T>(event: string, send: (s: HubSocket) => Promise<unknown>, schema: z.ZodType<T>): Promise<AdminResult<T>> {
    try {
      const ack = await request(socket, (s) => send(s.timeout(timeoutMs) as HubSocket));
      return { ok: true, data: unwrapAck(event, ack, schema) };
    } catch (error) {
      return { ok: false, failure: describe(error) };
    }
  };
}

/**
 * The admin screens' requests. Unlike agent work these are not queued while
 * offline: an admin change is checked by the hub against everything else
 * (an overflow loop, a queue that no longer exists), so it is made live or
 * not at all. Every answer is parsed with the contract's schemas.
 */
export function createAdminClient(socket: HubSocket, timeoutMs = 15_000) {
  const call = createLiveCaller(socket, timeoutMs);

  return {
    queues: () => call('admin:queue:list', (s) => s.emitWithAck('admin:queue:list', {}), z.array(QueueSchema)),
    saveQueue: (queue: Queue) => call('admin:queue:upsert', (s) => s.emitWithAck('admin:queue:upsert', queue), QueueSchema),
    agents: () => call('admin:agent:list', (s) => s.emitWithAck('admin:agent:list', {}), z.array(AgentProfileSchema)),
    saveAgent: (profile: AgentProfile) => call('admin:agent:upsert', (s) => s.emitWithAck('admin:agent:upsert', profile), AgentProfileSchema),
    users: () => call('admin:user:list', (s) => s.emitWithAck('admin:user:list', {}), z.array(UserSchema)),
    settings: () => call('admin:settings:get', (s) => s.emitWithAck('admin:settings:get', {}), RoutingSettingsSchema),
    saveSettings: (settings: RoutingSettings) =>
      call('admin:settings:set', (s) => s.emitWithAck('admin:settings:set', settings), RoutingSettingsSchema),
    voiceSettings: () => call('voice:settings', (s) => s.emitWithAck('voice:settings', {}), VoiceSettingsSchema),
    saveVoiceSettings: (settings: VoiceSettings) =>
      call('admin:voice:set', (s) => s.emitWithAck('admin:voice:set', settings), VoiceSettingsSchema),
    smsSettings: () => call('admin:sms:get', (s) => s.emitWithAck('admin:sms:get', {}), SmsSettingsViewSchema),
    saveSmsSettings: (settings: z.input<typeof SmsSettingsInputSchema>) =>
      call('admin:sms:set', (s) => s.emitWithAck('admin:sms:set', settings), SmsSettingsViewSchema),
    emailSettings: () => call('admin:email:get', (s) => s.emitWithAck('admin:email:get', {}), EmailSettingsViewSchema),
    saveEmailSettings: (settings: EmailSettingsInput) =>
      call('admin:email:set', (s) => s.emitWithAck('admin:email:set', settings), EmailSettingsViewSchema),
    /** Newest first; `before` (a receivedAt) pages back. */
    quarantine: (page: z.input<typeof QuarantineListSchema>) =>
      call('admin:email:quarantine', (s) => s.emitWithAck('admin:email:quarantine', page), z.array(QuarantinedEmailSchema)),
    widgets: () => call('admin:widget:list', (s) => s.emitWithAck('admin:widget:list', {}), z.array(ChatWidgetSchema)),
    saveWidget: (widget: ChatWidget) => call('admin:widget:upsert', (s) => s.emitWithAck('admin:widget:upsert', widget), ChatWidgetSchema),
    cannedReplies: () => call('canned:list', (s) => s.emitWithAck('canned:list', {}), z.array(CannedResponseSchema)),
    saveCanned: (reply: z.input<typeof UpsertCannedSchema>) =>
      call('canned:upsert', (s) => s.emitWithAck('canned:upsert', reply), CannedResponseSchema),
    deleteCanned: (id: string) => call('canned:delete', (s) => s.emitWithAck('canned:delete', { id }), z.null()),
  };
}

export type AdminClient = ReturnType<typeof createAdminClient>;
