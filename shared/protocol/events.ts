import { z } from 'zod';
import { ReportRequestSchema, type ReportResult } from './reports';
import {
  type ChurnAnswer,
  type ChurnRequest,
  ChurnRequestSchema,
  type CrossSellCard,
  type CrossSellFiguresAnswer,
  CrossSellFiguresRequestSchema,
  type CrossSellMineAnswer,
  type CrossSellMineRequest,
  CrossSellMineRequestSchema,
  type CrossSellRecord,
  CrossSellRecordSchema,
  type CrossSellSuggestRequest,
  CrossSellSuggestRequestSchema,
  type CustomerListAnswer,
  type CustomerListRequest,
  CustomerListRequestSchema,
  type LifecycleAnswer,
  type MigrationAnswer,
  type MigrationRequest,
  MigrationRequestSchema,
  type PyramidAnswer,
} from './customer-analysis';
import type { SuggestionOutcome } from '../crm/cross-sell-suggest';
import {
  CreditNoteSchema,
  type CustomerValueAnswer,
  type CustomerValueRecord,
  type CustomerValueRequest,
  CustomerValueRequestSchema,
  type LoyaltyAdjust,
  LoyaltyAdjustSchema,
  type OrderAdd,
  type OrderAddAnswer,
  OrderAddSchema,
  type RecomputeAnswer,
  type ValueSettings,
  ValueSettingsSchema,
} from './customer-value';
import {
  AgentMessageSchema,
  AssignTaskSchema,
  EditAgentSchema,
  MoveTaskSchema,
  SetOtherAgentStateSchema,
  type SupervisorBoard,
  type SupervisorMessage,
  type SupervisorSettings,
  SupervisorSettingsSchema,
} from './supervisor';
import {
  type MonitorBegin,
  MonitorAnswerSchema,
  type MonitorEnded,
  MonitorIceSchema,
  type MonitorModeChange,
  MonitorModeSetSchema,
  MonitorOfferSchema,
  MonitorRefSchema,
  type MonitorSession,
  type MonitorSettings,
  MonitorSettingsSchema,
  type MonitorSignalIce,
  type MonitorSignalSdp,
  MonitorStartSchema,
} from './monitor';
import type { User } from '../domain/user';
import { PasswordSchema, RoleSchema, type Role, UsernameSchema } from '../domain/user';
import type { Change, HistoryRequest, PullRequest, PullResult } from './changes';
import { HistoryRequestSchema, PullRequestSchema } from './changes';
import type { Response } from './errors';
import {
  type CampaignCreateAnswer,
  CampaignCreateSchema,
  type CampaignListItem,
  type CampaignMineAnswer,
  type CampaignNextAnswer,
  CampaignNextSchema,
  type CampaignOutcomeAnswer,
  CampaignOutcomeRequestSchema,
  type CampaignPreviewAnswer,
  CampaignPreviewSchema,
  type CampaignProgressAnswer,
  CampaignRefSchema,
  type CampaignStatusAnswer,
} from './campaigns';
import type { Interaction } from '../domain/interaction';
import type { MutationResult, PushRequest } from './mutations';
import { PushRequestSchema } from './mutations';
import type { AgentState, Queue, AgentProfile } from '../domain/routing';
import {
  type AgentDesk,
  type AgentDirectory,
  CreateTaskSchema,
  SetAgentStateSchema,
  type TaskOffer,
  TaskRefSchema,
  type TaskView,
  TransferSchema,
  UpsertAgentProfileSchema,
  UpsertQueueSchema,
  WrapUpSchema,
} from './routing';

import { type CannedResponse, type ChatWidget, ChatWidgetSchema } from '../domain/chat';
import { type RoutingSettings, RoutingSettingsSchema } from './admin';
import { type RecordingPolicy, RecordingListRequestSchema, RecordingPolicyRequestSchema, type RecordingView } from './recording';
import { type CallHoldAnswer, CallHoldSchema, type CustomerLinked, CustomerLinkSchema, type PhoneState, PhoneStateSchema, type SipCredentials, type VoiceSettings, VoiceSettingsSchema } from './voice';
import {
  type AgentChatLine,
  type AgentChatReceipts,
  type AgentChatTyping,
  ChatReadSchema,
  ChatRefSchema,
  ChatSendSchema,
  type ChatThread,
  ChatTypingSchema,
  DeleteCannedSchema,
  UpsertCannedSchema,
} from './chat';
import type { ChatConversation, ChatLine } from '../domain/chat';
import {
  type AgentEmailMessage,
  EmailRefSchema,
  EmailSettingsInputSchema,
  type EmailSettingsView,
  type EmailThreadView,
  type QuarantinedEmail,
  QuarantineListSchema,
} from './email';
import { EmailRetrySchema, SetSignatureSchema, type Signatures, SignaturesRequestSchema } from './email-outbound';
import type { EmailMessage } from '../domain/email';
import { FollowUpListRequestSchema, type FollowUpView } from './follow-ups';
import { type SurveySettings, SurveySettingsSchema } from './surveys';
import { type FollowUpSettings, FollowUpSettingsSchema } from '../follow-ups/rules';
import {
  type ComplaintEscalationNotice,
  type ComplaintListRequest,
  ComplaintListRequestSchema,
  type ComplaintSettings,
  ComplaintSettingsSchema,
  type ComplaintView,
} from './complaints';

import {
  type AgentSmsMessage,
  type AgentSmsOptOut,
  type SmsMessage,
  SmsRefSchema,
  SmsRetrySchema,
  SmsSendSchema,
  SmsSettingsInputSchema,
  type SmsSettingsView,
  type SmsThread,
} from './sms';

// ── accounts and audit: imports ──
import {
  AccountRefSchema,
  type AccountView,
  ChangePasswordSchema,
  DisableAccountSchema,
  ResetPasswordSchema,
  type SessionsEnded,
  SignOutEverywhereSchema,
  UnlockAccountSchema,
} from './auth';
import { type AuditPage, type AuditQuery, AuditQuerySchema } from './audit';
// ── data protection: imports ──
import {
  EraseCustomerRequestSchema,
  ErasureLookupSchema,
  type ErasureRecord,
  type RetentionSettings,
  RetentionSettingsSchema,
  type RetentionSweepAnswer,
} from './privacy';

type Ack<T> = (response: Response<T>) => void;

export const CreateUserRequestSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(120),
  role: RoleSchema,
  password: PasswordSchema,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

/** Desktop → hub. Event names are `"entity:verb"`; every one takes a payload and an ack. */
export interface ClientToHubEvents {
  'sync:pull': (req: PullRequest, ack: Ack<PullResult>) => void;
  'mutation:push': (req: PushRequest, ack: Ack<{ results: MutationResult[] }>) => void;
  'history:page': (req: HistoryRequest, ack: Ack<{ interactions: Interaction[]; more: boolean }>) => void;
  'session:whoami': (req: Record<string, never>, ack: Ack<User>) => void;
  'admin:user:list': (req: Record<string, never>, ack: Ack<User[]>) => void;
  'admin:user:create': (req: CreateUserRequest, ack: Ack<User>) => void;
  'agent:desk': (req: Record<string, never>, ack: Ack<AgentDesk>) => void;
  'agent:directory': (req: Record<string, never>, ack: Ack<AgentDirectory>) => void;
  'agent:state:set': (req: z.input<typeof SetAgentStateSchema>, ack: Ack<AgentState>) => void;
  'task:accept': (req: z.input<typeof TaskRefSchema>, ack: Ack<TaskView>) => void;
  'task:decline': (req: z.input<typeof TaskRefSchema>, ack: Ack<null>) => void;
  'task:complete': (req: z.input<typeof TaskRefSchema>, ack: Ack<TaskView>) => void;
  'task:wrapup': (req: z.input<typeof WrapUpSchema>, ack: Ack<TaskView>) => void;
  'task:transfer': (req: z.input<typeof TransferSchema>, ack: Ack<null>) => void;
  'task:create': (req: z.input<typeof CreateTaskSchema>, ack: Ack<TaskView>) => void;
  'admin:queue:list': (req: Record<string, never>, ack: Ack<Queue[]>) => void;
  'admin:queue:upsert': (req: z.input<typeof UpsertQueueSchema>, ack: Ack<Queue>) => void;
  'admin:agent:list': (req: Record<string, never>, ack: Ack<AgentProfile[]>) => void;
  'admin:agent:upsert': (req: z.input<typeof UpsertAgentProfileSchema>, ack: Ack<AgentProfile>) => void;
  'admin:settings:get': (req: Record<string, never>, ack: Ack<RoutingSettings>) => void;
  'admin:settings:set': (req: z.input<typeof RoutingSettingsSchema>, ack: Ack<RoutingSettings>) => void;
  'admin:widget:list': (req: Record<string, never>, ack: Ack<ChatWidget[]>) => void;
  'admin:widget:upsert': (req: z.input<typeof ChatWidgetSchema>, ack: Ack<ChatWidget>) => void;
  'chat:open': (req: z.input<typeof ChatRefSchema>, ack: Ack<ChatThread>) => void;
  'chat:send': (req: z.input<typeof ChatSendSchema>, ack: Ack<ChatLine>) => void;
  'chat:typing': (req: z.input<typeof ChatTypingSchema>, ack: Ack<null>) => void;
  'chat:read': (req: z.input<typeof ChatReadSchema>, ack: Ack<null>) => void;
  'canned:list': (req: Record<string, never>, ack: Ack<CannedResponse[]>) => void;
  'canned:upsert': (req: z.input<typeof UpsertCannedSchema>, ack: Ack<CannedResponse>) => void;
  'canned:delete': (req: z.input<typeof DeleteCannedSchema>, ack: Ack<null>) => void;
  'agent:phone': (req: z.input<typeof PhoneStateSchema>, ack: Ack<PhoneState>) => void;
  'voice:settings': (req: Record<string, never>, ack: Ack<VoiceSettings>) => void;
  'admin:voice:set': (req: z.input<typeof VoiceSettingsSchema>, ack: Ack<VoiceSettings>) => void;
  /** Whether to record the call I am on (asked by its SIP Call-ID). */
  'recording:policy': (req: z.input<typeof RecordingPolicyRequestSchema>, ack: Ack<RecordingPolicy>) => void;
  /** A call's recordings, with links to play them, if I may hear them. */
  'recording:list': (req: z.input<typeof RecordingListRequestSchema>, ack: Ack<RecordingView[]>) => void;
  /** My call went on hold or came off it (the hub times holds for the call's timeline item). */
  'call:hold': (req: z.input<typeof CallHoldSchema>, ack: Ack<CallHoldAnswer>) => void;
  /** Fold a provisional customer (an unknown caller) into an existing one. */
  'customer:link': (req: z.input<typeof CustomerLinkSchema>, ack: Ack<CustomerLinked>) => void;
  /** My softphone's SIP credentials (time-limited, for my own username only). */
  'voice:credentials': (req: Record<string, never>, ack: Ack<SipCredentials>) => void;
  /** An SMS task's conversation: every text in it, oldest first, and whether the customer opted out. */
  'sms:open': (req: z.input<typeof SmsRefSchema>, ack: Ack<SmsThread>) => void;
  /** My reply to the customer; answered queued, its delivery follows as `sms:message`. */
  'sms:send': (req: z.input<typeof SmsSendSchema>, ack: Ack<SmsMessage>) => void;
  /** Send a failed text again. */
  'sms:retry': (req: z.input<typeof SmsRetrySchema>, ack: Ack<SmsMessage>) => void;
  /** The SMS provider and which of our numbers go to which queue. */
  'admin:sms:get': (req: Record<string, never>, ack: Ack<SmsSettingsView>) => void;
  'admin:sms:set': (req: z.input<typeof SmsSettingsInputSchema>, ack: Ack<SmsSettingsView>) => void;
  /** An email task's thread: every message in it, oldest first. */
  'email:open': (req: z.input<typeof EmailRefSchema>, ack: Ack<EmailThreadView>) => void;
  /** Inbound email: the addresses the hub receives for (each to a queue) and the size limits. */
  'admin:email:get': (req: Record<string, never>, ack: Ack<EmailSettingsView>) => void;
  'admin:email:set': (req: z.input<typeof EmailSettingsInputSchema>, ack: Ack<EmailSettingsView>) => void;
  /** Mail the hub could not file, newest first, each with its reason. */
  'admin:email:quarantine': (req: z.input<typeof QuarantineListSchema>, ack: Ack<QuarantinedEmail[]>) => void;
  /** Send one of my outgoing mails now (it failed, or waits for its next retry). */
  'email:retry': (req: z.input<typeof EmailRetrySchema>, ack: Ack<EmailMessage>) => void;
  /** My signature and the queue's, for the reply composer. */
  'email:signatures': (req: z.input<typeof SignaturesRequestSchema>, ack: Ack<Signatures>) => void;
  /** My own signature, or (administrators) a queue's. */
  'email:signature:set': (req: z.input<typeof SetSignatureSchema>, ack: Ack<Signatures>) => void;
  // ── supervisor live view (hub/supervisor/) ──
  /** Join the live view: answered with the board now; then `supervisor:board` pushes each fresh one while this socket watches. */
  'supervisor:watch': (req: Record<string, never>, ack: Ack<SupervisorBoard>) => void;
  /** Stop the pushes (leaving the area); a disconnect stops them too. */
  'supervisor:unwatch': (req: Record<string, never>, ack: Ack<null>) => void;
  /** Move a waiting task to another queue (it keeps its whole wait for priority, its queue wait restarts). */
  'supervisor:task:move': (req: z.input<typeof MoveTaskSchema>, ack: Ack<null>) => void;
  /** Give a waiting task to a named agent now (an `assigned` event with reason supervisor). */
  'supervisor:task:assign': (req: z.input<typeof AssignTaskSchema>, ack: Ack<null>) => void;
  /** Set another agent's state (log out an idle agent, send one to break). */
  'supervisor:agent:state': (req: z.input<typeof SetOtherAgentStateSchema>, ack: Ack<AgentState>) => void;
  /** A message to one agent or every member of a queue; answered with how many agents it reached now. */
  'supervisor:message': (req: z.input<typeof AgentMessageSchema>, ack: Ack<{ delivered: number }>) => void;
  /** Skills and queue memberships of an agent (supervisors only when the settings allow it). */
  'supervisor:agent:edit': (req: z.input<typeof EditAgentSchema>, ack: Ack<AgentProfile>) => void;
  /** Alert thresholds per queue, and whether supervisors may edit agents. */
  'supervisor:settings:set': (req: z.input<typeof SupervisorSettingsSchema>, ack: Ack<SupervisorSettings>) => void;
  // ── reports (hub/reports/) ──
  /** A historical report (supervisors and administrators): the rollups of finished periods plus the rest folded from task events. */
  'report:run': (req: z.input<typeof ReportRequestSchema>, ack: Ack<ReportResult>) => void;
  // ── complaints (hub/complaints/) ──
  /** The category tree, root causes, SLA targets and templates (every staff role: the desk needs them to log and resolve). */
  'complaint:settings': (req: Record<string, never>, ack: Ack<ComplaintSettings>) => void;
  'admin:complaints:set': (req: z.input<typeof ComplaintSettingsSchema>, ack: Ack<ComplaintSettings>) => void;
  /** Complaints with their clocks: mine, my team's, or (supervisors and admins) all. */
  'complaint:list': (req: ComplaintListRequest, ack: Ack<ComplaintView[]>) => void;
  // ── follow-ups (hub/follow-ups/) ──
  /** My open follow-ups, or overdue ones (everyone's: supervisors and admins). */
  'followUp:list': (req: z.input<typeof FollowUpListRequestSchema>, ack: Ack<FollowUpView[]>) => void;
  /** The rules that schedule follow-ups by themselves (on/off, days). */
  'followUp:settings': (req: Record<string, never>, ack: Ack<FollowUpSettings>) => void;
  'admin:followUps:set': (req: z.input<typeof FollowUpSettingsSchema>, ack: Ack<FollowUpSettings>) => void;
  // ── surveys (hub/surveys/) ──
  /** Survey settings: on/off per channel and for complaints, NPS, delay, quiet days, the mail and text templates (admins save; supervisors see). */
  'admin:surveys:get': (req: Record<string, never>, ack: Ack<SurveySettings>) => void;
  'admin:surveys:set': (req: z.input<typeof SurveySettingsSchema>, ack: Ack<SurveySettings>) => void;
  // ── customer value (hub/crm/) ──
  /** One customer's value (tier, RFM, CLV, lifecycle, points, credit note) and a page of the points ledger, newest first. */
  'customer:value': (req: CustomerValueRequest, ack: Ack<CustomerValueAnswer>) => void;
  /** Supervisors: goodwill or clawback points with a reason, or a redemption with its reference; never below zero. */
  'loyalty:adjust': (req: LoyaltyAdjust, ack: Ack<CustomerValueRecord>) => void;
  /** An order typed on the 360 (a phone order); the same order number again changes nothing. */
  'order:add': (req: OrderAdd, ack: Ack<OrderAddAnswer>) => void;
  /** Supervisors: the customer's credit standing note ('' clears it). */
  'customer:credit': (req: z.input<typeof CreditNoteSchema>, ack: Ack<CustomerValueRecord>) => void;
  'admin:value:get': (req: Record<string, never>, ack: Ack<ValueSettings>) => void;
  'admin:value:set': (req: z.input<typeof ValueSettingsSchema>, ack: Ack<ValueSettings>) => void;
  /** Recompute every customer now (it also runs nightly); answered when done, with how long it took. */
  'admin:value:recompute': (req: Record<string, never>, ack: Ack<RecomputeAnswer>) => void;
  // ── campaigns (hub/campaigns/) ──
  /** Supervisors: how many customers a campaign filter matches now (do-not-contact left out). */
  'campaign:preview': (req: z.input<typeof CampaignPreviewSchema>, ack: Ack<CampaignPreviewAnswer>) => void;
  /** Supervisors: draw a call list from a filter for a team (a queue), as a draft; answered with how many customers it holds. */
  'campaign:create': (req: z.input<typeof CampaignCreateSchema>, ack: Ack<CampaignCreateAnswer>) => void;
  /** Supervisors: every campaign with its figures, newest first. */
  'campaign:list': (req: Record<string, never>, ack: Ack<CampaignListItem[]>) => void;
  /** Supervisors: one campaign's figures, by outcome and by agent. */
  'campaign:progress': (req: z.input<typeof CampaignRefSchema>, ack: Ack<CampaignProgressAnswer>) => void;
  'campaign:start': (req: z.input<typeof CampaignRefSchema>, ack: Ack<CampaignStatusAnswer>) => void;
  'campaign:pause': (req: z.input<typeof CampaignRefSchema>, ack: Ack<CampaignStatusAnswer>) => void;
  /** Agents: claim the next customer of a running campaign of one of my queues (never the same one as another agent). */
  'campaign:next': (req: z.input<typeof CampaignNextSchema>, ack: Ack<CampaignNextAnswer>) => void;
  /** Agents: the entries I hold now. */
  'campaign:mine': (req: Record<string, never>, ack: Ack<CampaignMineAnswer>) => void;
  /** Agents: the outcome of my claimed entry, with a note; files it on the customer's timeline and applies the retry rules. */
  'campaign:outcome': (req: z.input<typeof CampaignOutcomeRequestSchema>, ack: Ack<CampaignOutcomeAnswer>) => void;
  // ── customer analysis and cross-sell (hub/crm/analysis/, hub/crm/cross-sell/) ──
  /** Supervisors: customers, profit, profit share and cut-off per tier. */
  'analysis:pyramid': (req: Record<string, never>, ack: Ack<PyramidAnswer>) => void;
  /** Supervisors: customers per lifecycle stage, and per tier × stage. */
  'analysis:lifecycle': (req: Record<string, never>, ack: Ack<LifecycleAnswer>) => void;
  /** Supervisors: the tier matrix between two daily snapshots (the newest and a month before it by default). */
  'analysis:migration': (req: MigrationRequest, ack: Ack<MigrationAnswer>) => void;
  /** Supervisors: VIP and key customers slipping away, highest value at risk first, each with why. */
  'analysis:churn': (req: ChurnRequest, ack: Ack<ChurnAnswer>) => void;
  /** Customers filtered by tier, stage, RFM, tags and open complaints; a page at a time (`next` continues). */
  'customer:list': (req: CustomerListRequest, ack: Ack<CustomerListAnswer>) => void;
  /** The 360's cross-sell card for a customer. */
  'crossSell:suggest': (req: CrossSellSuggestRequest, ack: Ack<CrossSellCard>) => void;
  /** A suggestion made, taken or declined (the same record id again changes nothing). */
  'crossSell:record': (req: CrossSellRecord, ack: Ack<SuggestionOutcome>) => void;
  /** Supervisors: take rate per product over the last days. */
  'crossSell:figures': (req: z.input<typeof CrossSellFiguresRequestSchema>, ack: Ack<CrossSellFiguresAnswer>) => void;
  /** Supervisors: mine the rules again now (also nightly); administrators may pass new settings, which are saved. */
  'crossSell:mine': (req: CrossSellMineRequest, ack: Ack<CrossSellMineAnswer>) => void;
  // ── monitor, whisper, barge (hub/monitor/) ──
  /** Listen to an agent's live call (supervisors and admins); answered with the session, then the agent's desktop offers a connection. */
  'monitor:start': (req: z.input<typeof MonitorStartSchema>, ack: Ack<MonitorSession>) => void;
  /** The monitored agent's desktop offers its mix of the call (SDP), relayed to the supervisor. */
  'monitor:offer': (req: z.input<typeof MonitorOfferSchema>, ack: Ack<null>) => void;
  /** The supervisor's page answers the offer (SDP), relayed to the agent. */
  'monitor:answer': (req: z.input<typeof MonitorAnswerSchema>, ack: Ack<null>) => void;
  /** A trickled ICE candidate from either side, relayed to the other. */
  'monitor:ice': (req: z.input<typeof MonitorIceSchema>, ack: Ack<null>) => void;
  /** Switch listen / whisper / barge (the supervisor who holds the session). */
  'monitor:mode': (req: z.input<typeof MonitorModeSetSchema>, ack: Ack<MonitorModeChange>) => void;
  /** End the session (its supervisor or its agent). */
  'monitor:stop': (req: z.input<typeof MonitorRefSchema>, ack: Ack<null>) => void;
  /** Whether monitored agents are told (read by supervisors and admins). */
  'monitor:settings': (req: Record<string, never>, ack: Ack<MonitorSettings>) => void;
  'admin:monitor:set': (req: z.input<typeof MonitorSettingsSchema>, ack: Ack<MonitorSettings>) => void;
  // ── data protection (hub/privacy/) ──
  /** Supervisors and administrators: erase one customer's personal data, for good (a reason required); answered with the erasure's record. */
  'privacy:erase': (req: z.input<typeof EraseCustomerRequestSchema>, ack: Ack<ErasureRecord>) => void;
  /** The record of a customer's erasure (who, when, why, what went), or null. */
  'privacy:erasure': (req: z.input<typeof ErasureLookupSchema>, ack: Ack<ErasureRecord | null>) => void;
  /** How long recordings and email, chat and SMS files are kept (days; null = forever). */
  'admin:retention:get': (req: Record<string, never>, ack: Ack<RetentionSettings>) => void;
  'admin:retention:set': (req: z.input<typeof RetentionSettingsSchema>, ack: Ack<RetentionSettings>) => void;
  /** Administrators: run the retention sweep now (it also runs daily). */
  'admin:retention:sweep': (req: Record<string, never>, ack: Ack<RetentionSweepAnswer>) => void;
  // ── accounts and audit (hub/auth/account-routes.ts, hub/audit/) ──
  /** My own new password (the current one required); every session of mine ends, this one too. */
  'account:password': (req: z.input<typeof ChangePasswordSchema>, ack: Ack<SessionsEnded>) => void;
  /** Log out everywhere: every session of mine ends, on every device, this one too. */
  'account:signOutEverywhere': (req: z.input<typeof SignOutEverywhereSchema>, ack: Ack<SessionsEnded>) => void;
  /** Administrators: every account with whether it is disabled or locked by failed sign-ins. */
  'admin:account:list': (req: Record<string, never>, ack: Ack<AccountView[]>) => void;
  /** Administrators: end every session of a user. */
  'admin:account:signOut': (req: z.input<typeof AccountRefSchema>, ack: Ack<SessionsEnded>) => void;
  /** Administrators: set a user's password (their sessions end). */
  'admin:account:password': (req: z.input<typeof ResetPasswordSchema>, ack: Ack<SessionsEnded>) => void;
  /** Administrators: disable (sessions end) or enable an account. */
  'admin:account:disable': (req: z.input<typeof DisableAccountSchema>, ack: Ack<AccountView>) => void;
  /** Administrators: forget a username's failed sign-ins so it may try again now. */
  'admin:account:unlock': (req: z.input<typeof UnlockAccountSchema>, ack: Ack<null>) => void;
  /** Administrators: the audit log, newest first, a page at a time. */
  'admin:audit:list': (req: AuditQuery, ack: Ack<AuditPage>) => void;
}

/** Hub → desktop. */
export interface HubToClientEvents {
  /** Committed changes, in seq order. A desktop that sees a gap pulls. */
  'sync:changes': (changes: Change[]) => void;
  /** The access token has expired mid-session: refresh and reconnect. */
  'session:expired': () => void;
  /** Work rings on this desktop: accept or decline before `expiresAt`. */
  'task:offer': (offer: TaskOffer) => void;
  /** One of my tasks changed (offer withdrawn or expired, transferred away, wrapped up elsewhere). */
  'task:updated': (task: TaskView) => void;
  /** The hub changed my state (wrap-up timer ended, away after missed offers). */
  'agent:state': (state: AgentState) => void;
  /** A line in one of my chats (from the visitor, the hub, or my own from another desktop). */
  'chat:line': (message: AgentChatLine) => void;
  'chat:typing': (typing: AgentChatTyping) => void;
  'chat:receipts': (receipts: AgentChatReceipts) => void;
  /** One of my chats changed status (the visitor left). */
  'chat:conversation': (conversation: ChatConversation) => void;
  /** A text in, or a delivery status on, an SMS conversation whose task I hold. */
  'sms:message': (message: AgentSmsMessage) => void;
  /** The customer on my SMS conversation texted STOP (or START). */
  'sms:opt-out': (change: AgentSmsOptOut) => void;
  /** The customer wrote again in an email thread whose task I hold. */
  'email:message': (message: AgentEmailMessage) => void;
  /** One of my outgoing mails moved on: sent, failed (with why), or queued for another try. */
  'email:delivery': (message: AgentEmailMessage) => void;
  // ── supervisor live view (hub/supervisor/) ──
  /** A fresh live view, to sockets that watch (at most a few a second). */
  'supervisor:board': (board: SupervisorBoard) => void;
  /** A supervisor wrote to me (or to a queue I am in). */
  'supervisor:message': (message: SupervisorMessage) => void;
  // ── reports (hub/reports/) ──
  // ── complaints (hub/complaints/) ──
  /** To a manager on the escalation chain and to supervisors: a complaint's clock turned amber or was breached. */
  'complaint:escalation': (notice: ComplaintEscalationNotice) => void;
  // ── monitor, whisper, barge (hub/monitor/) ──
  /** To the agent: a supervisor listens to my call; my desktop offers the connection. */
  'monitor:begin': (begin: MonitorBegin) => void;
  /** To the supervisor: the agent's offer. */
  'monitor:offer': (offer: MonitorSignalSdp) => void;
  /** To the agent: the supervisor's answer. */
  'monitor:answer': (answer: MonitorSignalSdp) => void;
  /** To the other side of a session: a trickled ICE candidate. */
  'monitor:ice': (ice: MonitorSignalIce) => void;
  /** To both sides: the supervisor switched listen / whisper / barge. */
  'monitor:mode': (change: MonitorModeChange) => void;
  /** To both sides: the session is over, and why. */
  'monitor:ended': (ended: MonitorEnded) => void;
}

export type ClientEventName = keyof ClientToHubEvents;

/**
 * Who may call what, and the schema each payload must pass. The hub checks
 * both before any handler runs; a new event without an entry here is a type error.
 */
export const CLIENT_EVENTS = {
  'sync:pull': { roles: ['agent', 'supervisor', 'admin'], schema: PullRequestSchema },
  'mutation:push': { roles: ['agent', 'supervisor', 'admin'], schema: PushRequestSchema },
  'history:page': { roles: ['agent', 'supervisor', 'admin'], schema: HistoryRequestSchema },
  'session:whoami': { roles: ['agent', 'supervisor', 'admin'], schema: z.object({}).strict() },
  'admin:user:list': { roles: ['admin', 'supervisor'], schema: z.object({}).strict() },
  'admin:user:create': { roles: ['admin'], schema: CreateUserRequestSchema },
  'agent:desk': { roles: ['agent', 'supervisor', 'admin'], schema: z.object({}).strict() },
  'agent:directory': { roles: ['agent', 'supervisor', 'admin'], schema: z.object({}).strict() },
  'agent:state:set': { roles: ['agent', 'supervisor'], schema: SetAgentStateSchema },
  'task:accept': { roles: ['agent', 'supervisor'], schema: TaskRefSchema },
  'task:decline': { roles: ['agent', 'supervisor'], schema: TaskRefSchema },
  'task:complete': { roles: ['agent', 'supervisor'], schema: TaskRefSchema },
  'task:wrapup': { roles: ['agent', 'supervisor'], schema: WrapUpSchema },
  'task:transfer': { roles: ['agent', 'supervisor'], schema: TransferSchema },
  'task:create': { roles: ['supervisor', 'admin'], schema: CreateTaskSchema },
  'admin:queue:list': { roles: ['supervisor', 'admin'], schema: z.object({}).strict() },
  'admin:queue:upsert': { roles: ['admin'], schema: UpsertQueueSchema },
  'admin:agent:list': { roles: ['supervisor', 'admin'], schema: z.object({}).strict() },
  'admin:agent:upsert': { roles: ['admin'], schema: UpsertAgentProfileSchema },
  'admin:settings:get': { roles: ['supervisor', 'admin'], schema: z.object({}).strict() },
  'admin:settings:set': { roles: ['admin'], schema: RoutingSettingsSchema },
  'admin:widget:list': { roles: ['supervisor', 'admin'], schema: z.object({}).strict() },
  'admin:widget:upsert': { roles: ['admin'], schema: ChatWidgetSchema },
  'chat:open': { roles: ['agent', 'supervisor'], schema: ChatRefSchema },
  'chat:send': { roles: ['agent', 'supervisor'], schema: ChatSendSchema },
  'chat:typing': { roles: ['agent', 'supervisor'], schema: ChatTypingSchema },
  'chat:read': { roles: ['agent', 'supervisor'], schema: ChatReadSchema },
  'canned:list': { roles: ['agent', 'supervisor', 'admin'], schema: z.object({}).strict() },
  // Whether an agent may write a shared response is checked by the handler (scope is in the payload).
  'canned:upsert': { roles: ['agent', 'supervisor', 'admin'], schema: UpsertCannedSchema },
  'canned:delete': { roles: ['agent', 'supervisor', 'admin'], schema: DeleteCannedSchema },
  'agent:phone': { roles: ['agent', 'supervisor'], schema: PhoneStateSchema },
  'voice:settings': { roles: ['agent', 'supervisor', 'admin'], schema: z.object({}).strict() },
  'admin:voice:set': { roles: ['admin'], schema: VoiceSettingsSchema },
  // Only the agent on the call gets an answer (the handler checks); who may hear a recording is hub/attachments/recording-access.ts.
  'recording:policy': { roles: ['agent', 'supervisor'], schema: RecordingPolicyRequestSchema },
  'recording:list': { roles: ['agent', 'supervisor', 'admin'], schema: RecordingListRequestSchema },
  // Only the agent on that call: the handler checks the call's agent.
  'call:hold': { roles: ['agent', 'supervisor'], schema: CallHoldSchema },
  // The handler refuses any customer that is not provisional.
  'customer:link': { roles: ['agent', 'supervisor'], schema: CustomerLinkSchema },
  // Only those with a softphone; an administrator has none to register.
  'voice:credentials': { roles: ['agent', 'supervisor'], schema: z.object({}).strict() },
  // Only the agent holding the conversation's task (or a supervisor): the handler checks.
  'sms:open': { roles: ['agent', 'supervisor'], schema: SmsRefSchema },
  'sms:send': { roles: ['agent', 'supervisor'], schema: SmsSendSchema },
  'sms:retry': { roles: ['agent', 'supervisor'], schema: SmsRetrySchema },
  // Supervisors see the administration read-only; the view carries no secret.
  'admin:sms:get': { roles: ['supervisor', 'admin'], schema: z.object({}).strict() },
  'admin:sms:set': { roles: ['admin'], schema: SmsSettingsInputSchema },
  // Only the agent holding the thread's task (or a supervisor): the handler checks.
  'email:open': { roles: ['agent', 'supervisor'], schema: EmailRefSchema },
  'admin:email:get': { roles: ['admin'], schema: z.object({}).strict() },
  'admin:email:set': { roles: ['admin'], schema: EmailSettingsInputSchema },
  'admin:email:quarantine': { roles: ['admin'], schema: QuarantineListSchema },
  // The handler lets agents retry only their own mail.
  'email:retry': { roles: ['agent', 'supervisor'], schema: EmailRetrySchema },
  'email:signatures': { roles: ['agent', 'supervisor', 'admin'], schema: SignaturesRequestSchema },
  // A queue's signature is the administrators' to write: the handler checks the scope.
  'email:signature:set': { roles: ['agent', 'supervisor', 'admin'], schema: SetSignatureSchema },
  // ── supervisor live view (hub/supervisor/) ──
  'supervisor:watch': { roles: ['supervisor', 'admin'], schema: z.object({}).strict() },
  'supervisor:unwatch': { roles: ['supervisor', 'admin'], schema: z.object({}).strict() },
  'supervisor:task:move': { roles: ['supervisor', 'admin'], schema: MoveTaskSchema },
  'supervisor:task:assign': { roles: ['supervisor', 'admin'], schema: AssignTaskSchema },
  'supervisor:agent:state': { roles: ['supervisor', 'admin'], schema: SetOtherAgentStateSchema },
  'supervisor:message': { roles: ['supervisor', 'admin'], schema: AgentMessageSchema },
  // Supervisors only when SupervisorSettings.supervisorsEditAgents: the handler checks.
  'supervisor:agent:edit': { roles: ['supervisor', 'admin'], schema: EditAgentSchema },
  'supervisor:settings:set': { roles: ['supervisor', 'admin'], schema: SupervisorSettingsSchema },
  // ── reports (hub/reports/) ──
  'report:run': { roles: ['supervisor', 'admin'], schema: ReportRequestSchema },
  // ── complaints (hub/complaints/) ──
  'complaint:settings': { roles: ['agent', 'supervisor', 'admin'], schema: z.object({}).strict() },
  'admin:complaints:set': { roles: ['admin'], schema: ComplaintSettingsSchema },
  // Agents may ask for `mine` and `team`; `all` is for supervisors and admins (the handler checks).
  'complaint:list': { roles: ['agent', 'supervisor', 'admin'], schema: ComplaintListRequestSchema },
  // ── follow-ups (hub/follow-ups/) ──
  // Agents see only their own; `everyone` is for supervisors and admins (the handler checks).
  'followUp:list': { roles: ['agent', 'supervisor', 'admin'], schema: FollowUpListRequestSchema },
  'followUp:settings': { roles: ['agent', 'supervisor', 'admin'], schema: z.object({}).strict() },
  'admin:followUps:set': { roles: ['admin'], schema: FollowUpSettingsSchema },
  // ── surveys (hub/surveys/) ──
  'admin:surveys:get': { roles: ['supervisor', 'admin'], schema: z.object({}).strict() },
  'admin:surveys:set': { roles: ['admin'], schema: SurveySettingsSchema },
  // ── customer value (hub/crm/) ──
  'customer:value': { roles: ['agent', 'supervisor', 'admin'], schema: CustomerValueRequestSchema },
  'loyalty:adjust': { roles: ['supervisor', 'admin'], schema: LoyaltyAdjustSchema },
  'order:add': { roles: ['agent', 'supervisor', 'admin'], schema: OrderAddSchema },
  'customer:credit': { roles: ['supervisor', 'admin'], schema: CreditNoteSchema },
  'admin:value:get': { roles: ['supervisor', 'admin'], schema: z.object({}).strict() },
  'admin:value:set': { roles: ['admin'], schema: ValueSettingsSchema },
  'admin:value:recompute': { roles: ['admin'], schema: z.object({}).strict() },
  // ── campaigns (hub/campaigns/) ──
  'campaign:preview': { roles: ['supervisor', 'admin'], schema: CampaignPreviewSchema },
  'campaign:create': { roles: ['supervisor', 'admin'], schema: CampaignCreateSchema },
  'campaign:list': { roles: ['supervisor', 'admin'], schema: z.object({}).strict() },
  'campaign:progress': { roles: ['supervisor', 'admin'], schema: CampaignRefSchema },
  'campaign:start': { roles: ['supervisor', 'admin'], schema: CampaignRefSchema },
  'campaign:pause': { roles: ['supervisor', 'admin'], schema: CampaignRefSchema },
  // Only entries of my own queues, only my own claims: the handlers check.
  'campaign:next': { roles: ['agent', 'supervisor'], schema: CampaignNextSchema },
  'campaign:mine': { roles: ['agent', 'supervisor'], schema: z.object({}).strict() },
  'campaign:outcome': { roles: ['agent', 'supervisor'], schema: CampaignOutcomeRequestSchema },
  // ── customer analysis and cross-sell (hub/crm/analysis/, hub/crm/cross-sell/) ──
  'analysis:pyramid': { roles: ['supervisor', 'admin'], schema: z.object({}).strict() },
  'analysis:lifecycle': { roles: ['supervisor', 'admin'], schema: z.object({}).strict() },
  'analysis:migration': { roles: ['supervisor', 'admin'], schema: MigrationRequestSchema },
  'analysis:churn': { roles: ['supervisor', 'admin'], schema: ChurnRequestSchema },
  // Agents too: every customer and tier is in their cache already, and the 360 shows them each customer's value.
  'customer:list': { roles: ['agent', 'supervisor', 'admin'], schema: CustomerListRequestSchema },
  'crossSell:suggest': { roles: ['agent', 'supervisor', 'admin'], schema: CrossSellSuggestRequestSchema },
  'crossSell:record': { roles: ['agent', 'supervisor', 'admin'], schema: CrossSellRecordSchema },
  'crossSell:figures': { roles: ['supervisor', 'admin'], schema: CrossSellFiguresRequestSchema },
  'crossSell:mine': { roles: ['supervisor', 'admin'], schema: CrossSellMineRequestSchema },
  // ── monitor, whisper, barge (hub/monitor/) ──
  'monitor:start': { roles: ['supervisor', 'admin'], schema: MonitorStartSchema },
  // Only the session's agent may offer, only its supervisor answer or switch mode, only either of them trickle or stop: the handlers check.
  'monitor:offer': { roles: ['agent', 'supervisor'], schema: MonitorOfferSchema },
  'monitor:answer': { roles: ['supervisor', 'admin'], schema: MonitorAnswerSchema },
  'monitor:ice': { roles: ['agent', 'supervisor', 'admin'], schema: MonitorIceSchema },
  'monitor:mode': { roles: ['supervisor', 'admin'], schema: MonitorModeSetSchema },
  'monitor:stop': { roles: ['agent', 'supervisor', 'admin'], schema: MonitorRefSchema },
  'monitor:settings': { roles: ['supervisor', 'admin'], schema: z.object({}).strict() },
  'admin:monitor:set': { roles: ['admin'], schema: MonitorSettingsSchema },
  // ── data protection (hub/privacy/) ──
  'privacy:erase': { roles: ['supervisor', 'admin'], schema: EraseCustomerRequestSchema },
  'privacy:erasure': { roles: ['agent', 'supervisor', 'admin'], schema: ErasureLookupSchema },
  'admin:retention:get': { roles: ['supervisor', 'admin'], schema: z.object({}).strict() },
  'admin:retention:set': { roles: ['admin'], schema: RetentionSettingsSchema },
  'admin:retention:sweep': { roles: ['admin'], schema: z.object({}).strict() },
  // ── accounts and audit (hub/auth/account-routes.ts, hub/audit/) ──
  'account:password': { roles: ['agent', 'supervisor', 'admin'], schema: ChangePasswordSchema },
  // `confirm: true`: ending every session, this one too, is never what an empty payload means.
  'account:signOutEverywhere': { roles: ['agent', 'supervisor', 'admin'], schema: SignOutEverywhereSchema },
  'admin:account:list': { roles: ['admin'], schema: z.object({}).strict() },
  'admin:account:signOut': { roles: ['admin'], schema: AccountRefSchema },
  'admin:account:password': { roles: ['admin'], schema: ResetPasswordSchema },
  'admin:account:disable': { roles: ['admin'], schema: DisableAccountSchema },
  'admin:account:unlock': { roles: ['admin'], schema: UnlockAccountSchema },
  'admin:audit:list': { roles: ['admin'], schema: AuditQuerySchema },
} as const satisfies Record<ClientEventName, { roles: readonly Role[]; schema: z.ZodType }>;

export const isClientEventName = (name: string): name is ClientEventName => Object.hasOwn(CLIENT_EVENTS, name);

/** Data the hub keeps on each authenticated socket. */
/** `issuedAt`: when the access token was issued; a later "log out everywhere" ends the session (hub/auth/session-revocations.ts). */
export type SocketData = { user: User; accessExpiresAt: number; issuedAt: number };
