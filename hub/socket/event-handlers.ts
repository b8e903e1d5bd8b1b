import type { Kysely } from 'kysely';
import { CLIENT_EVENTS, type ClientEventName } from '../../shared/protocol/events';
import type { UserAdmin } from '../auth/user-admin';
import type { Database } from '../db/schema';
import type { RoutingService } from '../routing/routing-service';
import { historyPage } from '../sync/history';
import { pullChanges } from '../sync/pull';
import { type PushDeps, pushMutations } from '../sync/push';
import { type EventResult, type EventRoute, route } from './event-route';

/** The chat channel's events (hub/chat/chat-routes.ts), kept with the channel. */
export type ChatEventName = Extract<ClientEventName, `chat:${string}` | `canned:${string}` | `admin:widget:${string}`>;
/** The voice channel's events (hub/voice/voice-routes.ts). */
export type VoiceEventName = Extract<ClientEventName, 'agent:phone' | 'voice:settings' | 'admin:voice:set' | 'call:hold' | 'customer:link'>;

/** Recording's events (hub/voice/recording-routes.ts). */
export type RecordingEventName = Extract<ClientEventName, `recording:${string}`>;
/** The SMS channel's events (hub/sms/sms-routes.ts). */
export type SmsEventName = Extract<ClientEventName, `sms:${string}` | `admin:sms:${string}`>;
/** Inbound email's events (hub/email/email-routes.ts): opening a thread, mailbox settings, quarantine. */
export type EmailInboundEventName = Extract<ClientEventName, 'email:open' | 'admin:email:get' | 'admin:email:set' | 'admin:email:quarantine'>;
/** The reply side's events (hub/email/outbound/email-outbound-routes.ts): retry, signatures. */
export type EmailOutboundEventName = Extract<ClientEventName, 'email:retry' | `email:signature${string}`>;
// ── supervisor live view (hub/supervisor/): its event-name type ──
/** The supervisor's live view and actions (hub/supervisor/supervisor-routes.ts). */
export type SupervisorEventName = Extract<ClientEventName, `supervisor:${string}`>;
// ── reports (hub/reports/): its event-name type ──
/** Historical reports (hub/reports/report-routes.ts). */
export type ReportEventName = Extract<ClientEventName, `report:${string}`>;
// ── complaints (hub/complaints/): its event-name type ──
/** Complaints' settings and lists (hub/complaints/complaint-routes.ts); their changes are mutations. */
export type ComplaintEventName = Extract<ClientEventName, `complaint:${string}` | 'admin:complaints:set'>;
// ── follow-ups (hub/follow-ups/): its event-name type ──
/** Follow-up lists and rule settings (hub/follow-ups/follow-up-routes.ts); scheduling and outcomes are mutations. */
export type FollowUpEventName = Extract<ClientEventName, `followUp:${string}` | 'admin:followUps:set'>;
// ── surveys (hub/surveys/): its event-name type ──
/** The admin's survey settings (hub/surveys/survey-routes.ts); answers come over HTTP (survey-http.ts). */
export type SurveyEventName = Extract<ClientEventName, `admin:surveys:${string}`>;
// ── customer value (hub/crm/): its event-name type ──
/** Customer value: the 360's panel, points, hand-added orders, settings and the recompute (hub/crm/value-routes.ts). */
export type CustomerValueEventName = Extract<ClientEventName, 'customer:value' | 'customer:credit' | 'loyalty:adjust' | 'order:add' | `admin:value:${string}`>;
/** Customer analysis and cross-sell (hub/crm/analysis/analysis-routes.ts). */
export type CustomerAnalysisEventName = Extract<ClientEventName, `analysis:${string}` | 'customer:list' | `crossSell:${string}`>;
// ── campaigns (hub/campaigns/): its event-name type ──
/** Outbound campaigns (hub/campaigns/campaign-routes.ts). */
export type CampaignEventName = Extract<ClientEventName, `campaign:${string}`>;
// ── monitor (hub/monitor/): its event-name type ──
/** Monitor, whisper, barge (hub/monitor/monitor-routes.ts). */
export type MonitorEventName = Extract<ClientEventName, `monitor:${string}` | 'admin:monitor:set'>;
// ── data protection (hub/privacy/): its event-name type ──
/** Erasure and retention (hub/privacy/privacy-routes.ts); the export is HTTP (privacy-http.ts). */
export type PrivacyEventName = Extract<ClientEventName, `privacy:${string}` | `admin:retention:${string}`>;
// ── accounts and audit (hub/auth/, hub/audit/): its event-name type ──
/** My password and sessions, the administrators' account actions and the audit log (hub/auth/account-routes.ts). */
export type AccountEventName = Extract<ClientEventName, `account:${string}` | `admin:account:${string}` | 'admin:audit:list'>;

export type HandlerDeps = {
  db: Kysely<Database>;
  push: PushDeps;
  users: UserAdmin;
  routing: RoutingService;
  chatRoutes: Record<ChatEventName, EventRoute>;
  voiceRoutes: Record<VoiceEventName, EventRoute>;
  recordingRoutes: Record<RecordingEventName, EventRoute>;
  smsRoutes: Record<SmsEventName, EventRoute>;
  emailInboundRoutes: Record<EmailInboundEventName, EventRoute>;
  emailOutboundRoutes: Record<EmailOutboundEventName, EventRoute>;
  /** `voice:credentials` (hub/voice/sip-credentials.ts). */
  sipCredentials: EventRoute;
  // ── supervisor live view: its routes ──
  supervisorRoutes: Record<SupervisorEventName, EventRoute>;
  // ── reports: its routes ──
  reportRoutes: Record<ReportEventName, EventRoute>;
  // ── complaints (hub/complaints/): its routes ──
  complaintRoutes: Record<ComplaintEventName, EventRoute>;
  // ── follow-ups (hub/follow-ups/): its routes ──
  followUpRoutes: Record<FollowUpEventName, EventRoute>;
  // ── surveys (hub/surveys/): its routes ──
  surveyRoutes: Record<SurveyEventName, EventRoute>;
  // ── customer value (hub/crm/): its routes ──
  valueRoutes: Record<CustomerValueEventName, EventRoute>;
  analysisRoutes: Record<CustomerAnalysisEventName, EventRoute>;
  // ── campaigns (hub/campaigns/): its routes ──
  campaignRoutes: Record<CampaignEventName, EventRoute>;
  // ── monitor: its routes ──
  monitorRoutes: Record<MonitorEventName, EventRoute>;
  // ── data protection (hub/privacy/): its routes ──
  privacyRoutes: Record<PrivacyEventName, EventRoute>;
  // ── accounts and audit: its routes ──
  accountRoutes: Record<AccountEventName, EventRoute>;
};

/**
 * Every client event and what it does. Keyed by the contract's event names, so
 * an event added to CLIENT_EVENTS without a handler here does not compile; the
 * results are checked against each event's ack type.
 */
export function createEventRoutes(deps: HandlerDeps): Record<ClientEventName, EventRoute> {
  const { db, push, users, routing, chatRoutes, voiceRoutes, sipCredentials, recordingRoutes, emailInboundRoutes, emailOutboundRoutes, smsRoutes } = deps;
  return {
    // ── supervisor live view: spread its routes ──
    ...deps.supervisorRoutes,
    // ── reports: spread its routes ──
    ...deps.reportRoutes,
    // ── complaints (hub/complaints/): spread its routes ──
    ...deps.complaintRoutes,
    // ── follow-ups (hub/follow-ups/): spread its routes ──
    ...deps.followUpRoutes,
    // ── surveys (hub/surveys/): spread its routes ──
    ...deps.surveyRoutes,
    // ── customer value (hub/crm/): spread its routes ──
    ...deps.valueRoutes,
    ...deps.analysisRoutes,
    // ── campaigns (hub/campaigns/): spread its routes ──
    ...deps.campaignRoutes,
    // ── monitor: spread its routes ──
    ...deps.monitorRoutes,
    // ── data protection (hub/privacy/): spread its routes ──
    ...deps.privacyRoutes,
    // ── accounts and audit: spread its routes ──
    ...deps.accountRoutes,
    ...chatRoutes,
    ...voiceRoutes,
    ...recordingRoutes,
    ...smsRoutes,
    ...emailInboundRoutes,
    ...emailOutboundRoutes,
    'voice:credentials': sipCredentials,
    'sync:pull': route(CLIENT_EVENTS['sync:pull'], 'sync:pull', (request): Promise<EventResult<'sync:pull'>> => pullChanges(db, request)),
    'mutation:push': route(
      CLIENT_EVENTS['mutation:push'],
      'mutation:push',
      async (request, { user }): Promise<EventResult<'mutation:push'>> => ({
        results: await pushMutations(push, user, request.mutations),
      }),
    ),
    'history:page': route(CLIENT_EVENTS['history:page'], 'history:page', (request): Promise<EventResult<'history:page'>> =>
      historyPage(db, request),
    ),
    'session:whoami': route(CLIENT_EVENTS['session:whoami'], 'session:whoami', async (_request, { user }): Promise<EventResult<'session:whoami'>> => user),
    'admin:user:list': route(CLIENT_EVENTS['admin:user:list'], 'admin:user:list', (): Promise<EventResult<'admin:user:list'>> => users.list()),
    'admin:user:create': route(CLIENT_EVENTS['admin:user:create'], 'admin:user:create', (request): Promise<EventResult<'admin:user:create'>> =>
      users.create(request),
    ),
    'agent:desk': route(CLIENT_EVENTS['agent:desk'], 'agent:desk', (_request, { user }): Promise<EventResult<'agent:desk'>> => routing.desk(user)),
    'agent:directory': route(CLIENT_EVENTS['agent:directory'], 'agent:directory', (_request, { user }): Promise<EventResult<'agent:directory'>> =>
      routing.directory(user),
    ),
    'agent:state:set': route(CLIENT_EVENTS['agent:state:set'], 'agent:state:set', (request, { user }): Promise<EventResult<'agent:state:set'>> =>
      routing.setState(user, request),
    ),
    'task:accept': route(CLIENT_EVENTS['task:accept'], 'task:accept', (request, { user }): Promise<EventResult<'task:accept'>> =>
      routing.accept(user, request.taskId),
    ),
    'task:decline': route(CLIENT_EVENTS['task:decline'], 'task:decline', (request, { user }): Promise<EventResult<'task:decline'>> =>
      routing.decline(user, request.taskId),
    ),
    'task:complete': route(CLIENT_EVENTS['task:complete'], 'task:complete', (request, { user }): Promise<EventResult<'task:complete'>> =>
      routing.complete(user, request.taskId),
    ),
    'task:wrapup': route(CLIENT_EVENTS['task:wrapup'], 'task:wrapup', (request, { user }): Promise<EventResult<'task:wrapup'>> =>
      routing.wrapUp(user, request),
    ),
    'task:transfer': route(CLIENT_EVENTS['task:transfer'], 'task:transfer', (request, { user }): Promise<EventResult<'task:transfer'>> =>
      routing.transfer(user, request),
    ),
    'task:create': route(CLIENT_EVENTS['task:create'], 'task:create', (request): Promise<EventResult<'task:create'>> => routing.create(request)),
    'admin:queue:list': route(CLIENT_EVENTS['admin:queue:list'], 'admin:queue:list', (): Promise<EventResult<'admin:queue:list'>> =>
      routing.listQueues(),
    ),
    'admin:queue:upsert': route(CLIENT_EVENTS['admin:queue:upsert'], 'admin:queue:upsert', (request): Promise<EventResult<'admin:queue:upsert'>> =>
      routing.upsertQueue(request),
    ),
    'admin:agent:list': route(CLIENT_EVENTS['admin:agent:list'], 'admin:agent:list', (): Promise<EventResult<'admin:agent:list'>> =>
      routing.listAgents(),
    ),
    'admin:agent:upsert': route(CLIENT_EVENTS['admin:agent:upsert'], 'admin:agent:upsert', (request): Promise<EventResult<'admin:agent:upsert'>> =>
      routing.upsertAgent(request),
    ),
    'admin:settings:get': route(CLIENT_EVENTS['admin:settings:get'], 'admin:settings:get', (): Promise<EventResult<'admin:settings:get'>> =>
      routing.settings(),
    ),
    'admin:settings:set': route(CLIENT_EVENTS['admin:settings:set'], 'admin:settings:set', (request): Promise<EventResult<'admin:settings:set'>> =>
      routing.saveSettings(request),
    ),
  };
}
