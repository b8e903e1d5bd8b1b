import { LIVE_CHANNELS } from '../shared/domain/routing';
import { batchChanges } from './sync/change-batcher';
import { createUserAdmin } from './auth/user-admin';
import { createAccountRoutes } from './auth/account-routes';
import { createAccountService } from './auth/account-service';
import { createAuditLog } from './audit/audit-log';
import { auditHttp, auditLogins, auditRoutes } from './audit/audit-routes';
import { createChatHttp } from './chat/chat-http';
import { createChatRoutes } from './chat/chat-routes';
import { type ChatService, createChatService } from './chat/chat-service';
import { seedChatIfEmpty } from './chat/demo-chat';
import { visitorKey as visitorTokenKey } from './chat/visitor-token';
import type { HubConfig } from './config';
import { createWriteQueue } from './db/write-queue';
import { createHttpHandler } from './http/router';
import { seedRoutingIfEmpty } from './routing/demo-routing';
import { createRoutingService, } from './routing/routing-service';
import { seedDemoIfEmpty } from './seed';
import { createEventRoutes } from './socket/event-handlers';
import { attachMonitor } from './monitor/monitor-routes';
import type { PushDeps } from './sync/push';
import { seedVoiceIfEmpty } from './voice/demo-voice';
import { PhoneRegistry } from './voice/phone-registry';
import { createVoiceHttp } from './voice/voice-http';
import { resolveVoiceKey } from './voice/voice-key';
import { createSipCredentialsRoute, resolveSipAuthSecret } from './voice/sip-credentials';
import { createVoiceRoutes } from './voice/voice-routes';
import { createAttachmentStore } from './attachments/attachment-store';
import { createRecordingHttp } from './attachments/recording-http';
import { createAttachmentHttp } from './attachments/attachment-http';
import { recordingLinkKey } from './attachments/recording-link';
import { createRecordingRoutes } from './voice/recording-routes';
import { createRecordingService } from './voice/recording-service';
import { createVoiceService, type VoiceService } from './voice/voice-service';
import { createVisitorCalls } from './voice/visitor-call';
import { sipWakeObserver } from './voice/sip-wake';
import { seedEmailIfEmpty } from './email/demo-email';
import { type EmailChannel, startEmailChannel } from './email/email-channel';
import { createEmailHttp } from './email/outbound/email-http';
import { createEmailOutbox } from './email/outbound/email-outbox';
import { createEmailOutboundRoutes } from './email/outbound/email-outbound-routes';
import { createRelaySender } from './email/outbound/relay';
import { findAttachment } from './db/attachment-queries';
import { mediaLinkKey } from './sms/media-link';
import { createSmsHttp } from './sms/sms-http';
import { createSmsRoutes } from './sms/sms-routes';
import { createSmsService, type SmsService } from './sms/sms-service';
import { seedSmsIfEmpty } from './sms/sms-settings';
import { webhookProvider } from './sms/webhook-provider';
import { surveyCsat } from './surveys/survey-csat';
import { createSurveyHttp } from './surveys/survey-http';
import { createSurveyRoutes } from './surveys/survey-routes';
import { createSurveyService } from './surveys/survey-service';
import { createReportHttp } from './reports/report-http';
import { createReportRoutes } from './reports/report-routes';
import { createReportService } from './reports/report-service';
import { createOrderImportHttp } from './crm/order-import-http';
import { createValueRoutes } from './crm/value-routes';
import { createValueService } from './crm/value-service';
import { createAnalysisRoutes } from './crm/analysis/analysis-routes';
import { createCampaignRoutes } from './campaigns/campaign-routes';
import { createCampaignService } from './campaigns/campaign-service';
import { createAnalysisService } from './crm/analysis/analysis-service';
import { createCustomerExportHttp } from './crm/analysis/customer-export-http';
import { createPrivacyHttp } from './privacy/privacy-http';
import { createPrivacyRoutes } from './privacy/privacy-routes';
import { createPrivacyService } from './privacy/privacy-service';
import { createCrossSellService } from './crm/cross-sell/cross-sell-service';
import { createSupervisorRoutes } from './supervisor/supervisor-routes';
import { followUpRuleTriggers } from './follow-ups/rule-triggers';
import { createFollowUps, } from './follow-ups/follow-ups';
import { createComplaintService } from './complaints/complaint-service';
import { createHubMetrics } from './ops/hub-metrics';
import { createMetricsHttp } from './ops/metrics-http';
import { createProcessFigures } from './ops/process-figures';
import type { MetricFamily } from './ops/prometheus-text';

import type { AuthService } from './auth/auth-service';
import type { VisitorServer } from './chat/chat-context';
import { createVisitorRoutes } from './chat/visitor-namespace';
import type { Clock } from './clock';
import type { Presence } from './cluster/presence';
import type { Store } from './db/open-store';
import type { Logger } from './log';
import type { HubCounters } from './ops/hub-counters';
import type { StartOptions } from './server';
import { DESKTOPS_ROOM, type HubServer, userRoom } from './socket/hub-socket';
/** What a hub node has before it leads: its store, sign-in, sockets and the presence book. */
export type NodeParts = {
  config: HubConfig;
  options: StartOptions;
  counters: HubCounters;
  log: Logger;
  clock: Clock;
  store: Store;
  auth: AuthService;
  secret: string;
  io: HubServer;
  visitors: VisitorServer;
  presence: Presence;
  /** The node's own address (links in texts and surveys when no public one is set); known once listening. */
  hubUrl: () => string;
};

export type LeaderServices = Awaited<ReturnType<typeof startLeaderServices>>;

/**
 * Everything that decides and writes: the demo seed, routing, the channels,
 * complaints, follow-ups, customer value, the timers. Exactly one hub node
 * runs these at a time (one node alone, or the cluster's elected leader:
 * hub/cluster/); any node's sockets and HTTP requests reach them.
 */
export async function startLeaderServices(node: NodeParts) {
  const { config, options, counters, log, clock, store, auth, secret, io, visitors, presence } = node;
  const { db } = store;
  const seeded = await seedDemoIfEmpty(db, config.seed, clock, log);
  await seedRoutingIfEmpty(db, config.seed, log);
  await seedChatIfEmpty(db, config.seed, clock(), log);
  await seedVoiceIfEmpty(db, config.seed, config.voice.sipDomain, log);
  await seedSmsIfEmpty(db, config.seed, log);
  await seedEmailIfEmpty(db, config.seed, log);
  const voiceKey = await resolveVoiceKey(db, config.voice.key);
  const sipAuthSecret = await resolveSipAuthSecret(db, config.voice.sipAuthSecret);

  const writeQueue = createWriteQueue();
  const nightly = (start: () => () => Promise<void>): (() => Promise<void>) => (options.nightlyRuns === false ? async () => undefined : start());
  // ── accounts and audit (hub/auth/, hub/audit/): the audit log, refused sign-ins into it ──
  const audit = createAuditLog({ db, writeQueue, clock, log });
  auditLogins(auth, audit);
  const visitorKey = visitorTokenKey(secret);
  // The chat service needs the sockets, which need the HTTP server: the chat's HTTP side finds it once it exists.
  let chat: ChatService | null = null;
  const attachments = createAttachmentStore(config.paths.data);
  const chatHttp = createChatHttp({
    db,
    writeQueue,
    clock,
    auth,
    key: visitorKey,
    store: attachments,
    chat: () => {
      if (!chat) throw new Error('the chat service is not ready yet');
      return chat;
    },
  });
  let voice: VoiceService | null = null;
  const voiceHttp = createVoiceHttp({
    key: voiceKey,
    voice: () => {
      if (!voice) throw new Error('the voice service is not ready yet');
      return voice;
    },
  });
  const linkKey = recordingLinkKey(secret);
  const recordings = createRecordingService({ db, writeQueue, clock, store: attachments, linkKey });
  const recordingHttp = createRecordingHttp({
    db,
    auth,
    clock,
    store: attachments,
    linkKey,
    maxBytes: config.attachments.maxRecordingBytes,
    recordings,
  });
  const smsMediaKey = mediaLinkKey(secret);
  let sms: SmsService | null = null;
  const smsHttp = createSmsHttp({
    db,
    clock,
    store: attachments,
    mediaKey: smsMediaKey,
    provider: webhookProvider,
    sms: () => {
      if (!sms) throw new Error('the SMS service is not ready yet');
      return sms;
    },
  });
  // Historical reports: finished periods are rolled up hourly in the background and when a report asks.
  const reports = createReportService({ db, writeQueue, clock, csat: surveyCsat(db), log });
  const stopReports = reports.start();
  // Customer value (hub/crm/): recomputed nightly and as orders arrive; changes reach desktops through the sync broadcast set up below.
  // A new VIP or a valuable customer in decline starts a follow-up rule; the follow-ups area is made further down, after routing.
  const customerValue = createValueService({
    db,
    kind: store.kind,
    writeQueue,
    clock,
    broadcast: (changes) => push.broadcast(changes),
    log,
    onShift: (shift) => ruleTriggers.valueShift(shift),
  });
  const stopCustomerValue = nightly(() => customerValue.start());
  // Customer analysis (daily value snapshots) and cross-sell (rules mined nightly) read the value rows and orders (hub/crm/analysis, hub/crm/cross-sell).
  const analysis = createAnalysisService({ db, kind: store.kind, writeQueue, clock, log });
  const stopAnalysis = nightly(() => analysis.start());
  const crossSell = createCrossSellService({ db, kind: store.kind, writeQueue, clock, log });
  const stopCrossSell = nightly(() => crossSell.start());
  // ── data protection (hub/privacy/): erasure, retention settings and the daily retention sweep ──
  const privacy = createPrivacyService({ db, writeQueue, clock, store: attachments, broadcast: (changes) => push.broadcast(changes), log });
  const stopPrivacy = nightly(() => privacy.start());
  // /metrics reads routing, which exists only further down; the scrape finds it here once it does.
  let hubMetrics: { collect(): Promise<MetricFamily[]> } | null = null;
  const http = auditHttp(createHttpHandler({
    db,
    auth,
    rendererDir: config.paths.renderer,
    log,
    chat: chatHttp,
    voice: voiceHttp,
    recordings: recordingHttp,
    attachments: createAttachmentHttp({ db, auth, clock, writeQueue, store: attachments, maxBytes: config.attachments.maxFileBytes }),
    sms: smsHttp,
    emailFiles: createEmailHttp({ db, writeQueue, clock, auth, store: attachments }),
    // ── reports: its HTTP routes (CSV export) ──
    reports: createReportHttp({ auth, reports }),
    // ── surveys (hub/surveys/): its HTTP routes ──
    surveys: createSurveyHttp({ db, writeQueue, clock, broadcast: (changes) => push.broadcast(changes) }),
    // ── customer value (hub/crm/): its HTTP routes ──
    customerExport: createCustomerExportHttp({ auth, analysis }),
    // ── data protection (hub/privacy/): its HTTP routes ──
    privacy: createPrivacyHttp({ db, auth, clock }),
    // ── orders: the shop's order file import; desktops hear of it through the sync broadcast, set up below ──
    orders: createOrderImportHttp({ db, writeQueue, auth, broadcast: (changes) => push.broadcast(changes), orderValues: customerValue }),
    metrics: createMetricsHttp({
      auth,
      token: options.metricsToken ?? null,
      collect: () => {
        if (!hubMetrics) throw new Error('the metrics are not ready yet');
        return hubMetrics.collect();
      },
    }),
  }), { auth, audit });
  const emailOutbox = createEmailOutbox({
    db,
    writeQueue,
    clock,
    relay: config.smtpRelayUrl
      ? createRelaySender(config.smtpRelayUrl, async (attachmentId) => {
          const stored = await findAttachment(db, attachmentId);
          if (!stored) throw new Error(`attachment ${attachmentId} is not in the store`);
          return attachments.read(stored.sha256);
        })
      : null,
    announce: (taskId, message) => {
      if (taskId !== null && message.agentId !== null) io.to(userRoom(message.agentId)).emit('email:delivery', { taskId, message });
    },
    log,
  });
  const changeBatches = batchChanges((changes) => io.to(DESKTOPS_ROOM).emit('sync:changes', changes));
  const push: PushDeps = {
    db,
    writeQueue,
    clock,
    defaultRegion: config.defaultRegion,
    refreshCustomerValues: customerValue.refreshCustomers,
    broadcast: (changes) => {
      changeBatches.add(changes);
      // An agent's mail was just filed (email.send): hand it to the relay now rather than at the next sweep.
      if (changes.some((change) => change.entity === 'interaction' && change.data.channel === 'email' && change.data.direction === 'outbound')) void emailOutbox.nudge();
    },
  };
  const phones = new PhoneRegistry();
  const routing = createRoutingService({ db, writeQueue, clock, io, presence, broadcast: push.broadcast, log, channelGate: phones.gate });
  push.tasksRewritten = () => routing.forgetSnapshot();
  const chatService = createChatService(
    { db, writeQueue, clock, io, visitors, presence, routing, key: visitorKey, log, defaultRegion: config.defaultRegion },
    options.chatLimits,
  );
  chat = chatService;
  const email: EmailChannel = await startEmailChannel({
    db,
    writeQueue,
    routing,
    clock,
    store: attachments,
    io,
    log,
    smtp: { host: config.host, port: config.email.smtpPort },
    defaultRegion: config.defaultRegion,
  });
  const visitorCalls = createVisitorCalls({ db, clock, secret: sipAuthSecret, sipDomain: config.voice.sipDomain, wsUrl: config.voice.sipWsUrl });
  const visitorRoutes = createVisitorRoutes({ chat: chatService, calls: visitorCalls });
  const stopSweep = routing.start();
  const stopEmailOutbox = emailOutbox.start();
  const chatRoutes = createChatRoutes({ db, writeQueue, clock, chat: chatService });
  const voiceService = createVoiceService({
    db,
    clock,
    routing,
    phones,
    isConnected: (userId) => presence.desktops(userRoom(userId)) > 0,
    defaultRegion: config.defaultRegion,
    sipDomain: config.voice.sipDomain,
    outbound: config.outbound,
    log,
  });
  voice = voiceService;
  // Callers waiting in a queue are woken when their call's task changes (else Kamailio re-asks on its slow fallback).
  if (config.voice.kamailioWakeUrl) routing.observe(LIVE_CHANNELS, sipWakeObserver({ wakeUrl: config.voice.kamailioWakeUrl, voiceKey, log }));
  const smsService = createSmsService({
    db,
    clock,
    io,
    routing,
    store: attachments,
    log,
    defaultRegion: config.defaultRegion,
    provider: webhookProvider,
    hubUrl: node.hubUrl,
    mediaKey: smsMediaKey,
  });
  sms = smsService;
  const voiceRoutes = createVoiceRoutes({ db, writeQueue, voice: voiceService });
  const sipCredentials = createSipCredentialsRoute({ secret: sipAuthSecret, clock });
  // Follow-ups fall due on the hub's clock; a pushed change that moves one re-arms the timer (hub/follow-ups/follow-ups.ts).
  const followUps = createFollowUps({ db, writeQueue, clock, routing, broadcast: push.broadcast, log });
  push.broadcast = followUps.watch(push.broadcast);
  const stopFollowUps = followUps.scheduler.start();
  const ruleTriggers = followUpRuleTriggers(followUps.service, log);
  // Complaints hear every commit (steps, escalation timer, the customer's messages: hub/complaints/complaint-service.ts).
  const complaints = createComplaintService({ db, writeQueue, clock, io, visitors, presence, log, broadcast: push.broadcast, smsProvider: webhookProvider });
  const pushBroadcast = push.broadcast;
  push.broadcast = (changes) => {
    pushBroadcast(changes);
    complaints.committed(changes);
  };
  const stopComplaints = complaints.start();
  // Satisfaction surveys follow tasks to `done` (hub/surveys/survey-service.ts) and complaints to their close.
  const surveys = createSurveyService({ db, writeQueue, clock, routing, visitors, presence, nudgeEmail: () => void emailOutbox.nudge(), smsProvider: webhookProvider, hubUrl: node.hubUrl, log });
  complaints.onStep(ruleTriggers.complaintStep);
  complaints.onStep((complaint, step) => {
    if (step === 'close') surveys.requestComplaintSurvey(complaint).catch((error: unknown) => log.error(`complaint ${complaint.id}: the survey was not sent`, error));
  });
  const routes = auditRoutes(createEventRoutes({
    db,
    push,
    users: createUserAdmin(db, clock),
    routing,
    chatRoutes,
    voiceRoutes,
    recordingRoutes: createRecordingRoutes(recordings),
    smsRoutes: createSmsRoutes({ db, writeQueue, sms: smsService }),
    emailInboundRoutes: email.routes,
    emailOutboundRoutes: createEmailOutboundRoutes({ db, writeQueue, outbox: emailOutbox }),
    sipCredentials,
    // ── supervisor live view: its routes ──
    supervisorRoutes: createSupervisorRoutes({ db, writeQueue, io, presence, routing, clock, log, phoneRegistered: (userId) => phones.isRegistered(userId) }),
    // ── reports: its routes ──
    reportRoutes: createReportRoutes(reports),
    // ── complaints (hub/complaints/): its routes ──
    complaintRoutes: complaints.routes,
    // ── follow-ups (hub/follow-ups/): its routes ──
    followUpRoutes: followUps.routes,
    // ── surveys (hub/surveys/): its routes ──
    surveyRoutes: createSurveyRoutes({ db, writeQueue }),
    // ── customer value (hub/crm/): its routes ──
    valueRoutes: createValueRoutes(customerValue),
    analysisRoutes: createAnalysisRoutes(analysis, crossSell),
    // ── campaigns (hub/campaigns/): its routes ──
    campaignRoutes: createCampaignRoutes(createCampaignService({ db, writeQueue, clock, broadcast: (changes) => push.broadcast(changes) })),
    // ── monitor: its routes ──
    monitorRoutes: attachMonitor({ db, writeQueue, io, presence, routing, clock, log }),
    // ── data protection (hub/privacy/): its routes ──
    privacyRoutes: createPrivacyRoutes(privacy),
    // ── accounts and audit: its routes ──
    accountRoutes: createAccountRoutes(createAccountService({ db, writeQueue, clock, io, auth }), audit),
  }), audit);
  const processFigures = createProcessFigures();
  hubMetrics = createHubMetrics({
    routing,
    clock,
    counters,
    process: processFigures,
    connections: presence.connections,
  });
  // A desktop joining or leaving, on any node: presence counts it in or out first (hub/cluster/presence.ts).
  presence.onDesktopJoined((userId) => routing.connected(userId));
  presence.onDesktopLeft((userId) => {
    voiceService.desktopLeft(userId);
    routing.disconnected(userId).catch((error: unknown) => log.error('routing after a disconnect failed', error));
  });

  return {
    seeded,
    voiceKey,
    sipAuthSecret,
    routing,
    email: email.inbound,
    smtpPort: email.smtpPort,
    followUps,
    complaints,
    crm: { recomputeValues: customerValue.recompute, snapshotValues: analysis.snapshot },
    http,
    routes,
    visitorRoutes,
    writeQueue,
    async stop() {
      processFigures.stop();
      stopSweep();
      stopFollowUps();
      stopComplaints();
      stopEmailOutbox();
      await stopReports();
      await stopCustomerValue();
      await stopAnalysis();
      await stopCrossSell();
      await stopPrivacy();
      await email.close();
      await complaints.idle();
      await emailOutbox.idle();
      changeBatches.flush();
    },
  };
}
