import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { Server } from 'socket.io';
import { LIVE_CHANNELS } from '../shared/domain/routing';
import { batchChanges } from './sync/change-batcher';
import { createAuthService } from './auth/auth-service';
import { LOGIN_POLICY, type LimiterPolicy, LoginLimiter } from './auth/login-limiter';
import { resolveTokenSecret } from './auth/token-secret';
import { createUserAdmin } from './auth/user-admin';
import { createChatHttp } from './chat/chat-http';
import type { VisitorServer } from './chat/chat-context';
import { createChatRoutes } from './chat/chat-routes';
import { type ChatLimits, type ChatService, createChatService } from './chat/chat-service';
import { seedChatIfEmpty } from './chat/demo-chat';
import { attachVisitorNamespace } from './chat/visitor-namespace';
import { visitorKey as visitorTokenKey } from './chat/visitor-token';
import { type Clock, systemClock } from './clock';
import { VISITOR_NAMESPACE } from '../shared/protocol/visitor';
import type { HubConfig } from './config';
import { openStore } from './db/open-store';
import type { Database, StoreKind } from './db/schema';
import { createWriteQueue } from './db/write-queue';
import { createHttpHandler } from './http/router';
import { createLogger, type Logger } from './log';
import { seedRoutingIfEmpty } from './routing/demo-routing';
import { createRoutingService, type RoutingService } from './routing/routing-service';
import { type DemoLogins, seedDemoIfEmpty } from './seed';
import { attachDispatcher } from './socket/dispatcher';
import { createEventRoutes } from './socket/event-handlers';
import { attachMonitor } from './monitor/monitor-routes';
import { authenticateHandshake } from './socket/handshake';
import { announceSessionExpiry } from './socket/session-expiry';
import { DESKTOPS_ROOM, type HubServer, userRoom } from './socket/hub-socket';
import type { PushDeps } from './sync/push';
import { packageVersion } from './version';
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
import type { InboundMail } from './email/inbound-mail';
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
import type { RecomputeAnswer } from '../shared/protocol/customer-value';
import { createValueService } from './crm/value-service';
import { createAnalysisRoutes } from './crm/analysis/analysis-routes';
import { createCampaignRoutes } from './campaigns/campaign-routes';
import { createCampaignService } from './campaigns/campaign-service';
import { createAnalysisService } from './crm/analysis/analysis-service';
import { createCustomerExportHttp } from './crm/analysis/customer-export-http';
import { createCrossSellService } from './crm/cross-sell/cross-sell-service';
import { createSupervisorRoutes } from './supervisor/supervisor-routes';
import { followUpRuleTriggers } from './follow-ups/rule-triggers';
import { createFollowUps, type FollowUps } from './follow-ups/follow-ups';
import { type ComplaintService, createComplaintService } from './complaints/complaint-service';
import { createDrain } from './ops/drain';
import { createHubCounters } from './ops/hub-counters';
import { createHubMetrics } from './ops/hub-metrics';
import { createMetricsHttp } from './ops/metrics-http';
import { createProcessFigures } from './ops/process-figures';
import type { MetricFamily } from './ops/prometheus-text';
import { countErrorLines, countHttpErrors, observeRoutes } from './ops/route-observer';

export type StartOptions = {
  /** Tests move time to expire tokens and rate limits. */
  clock?: Clock;
  loginPolicy?: LimiterPolicy;
  /** Visitor flood limits; benchmarks raise them to open hundreds of chats from one address. */
  chatLimits?: ChatLimits;
  log?: Logger;
  /** METRICS_TOKEN (hub/ops/metrics-token.ts): Prometheus' bearer token for /metrics; without it only supervisors' and admins' tokens open it. */
  metricsToken?: string | null;
  /** How long close() waits for socket events already received (mutations mid-batch) before closing the sockets anyway. */
  drainTimeoutMs?: number;
};

export type RunningHub = {
  url: string;
  port: number;
  db: Kysely<Database>;
  storeKind: StoreKind;
  /** The SQLite file or the Postgres URL without its password. */
  storeLocation: string;
  /** The demo logins when this start seeded an empty store; null otherwise. */
  seeded: DemoLogins | null;
  io: HubServer;
  /** The ACD: tests call `routing.tick()` after moving the clock. */
  routing: RoutingService;
  /** The key the SIP server sends with every voice request (VOICE_KEY, or the one this store generated). */
  voiceKey: string;
  /** The secret agents' SIP credentials are signed with (SIP_AUTH_SECRET, or the one this store generated): Kamailio's auth_ephemeral secret. */
  sipAuthSecret: string;
  /** Inbound email: tests and the bench file raw mail through it; `smtpPort` is null when the listener is off (SMTP_PORT=0). */
  email: InboundMail;
  smtpPort: number | null;
  /** Follow-ups: the rule entry points other areas call, and the scheduler tests `check()` after moving the clock. */
  followUps: FollowUps;
  /** Complaints: `onStep` for other areas, and the escalation pass tests `sweep()` after moving the clock. */
  complaints: ComplaintService;
  /**
   * Customer value and its daily snapshot: the nightly run's work on demand (`npm start` works the demo's
   * values out at once, so its 360s and the analysis screens have figures from the first sign-in).
   */
  crm: { recomputeValues(): Promise<RecomputeAnswer>; snapshotValues(): Promise<number> };
  close(): Promise<void>;
};

/** Socket.io frames: a full outbox push (500 mutations with long notes) must fit. */
const MAX_SOCKET_MESSAGE_BYTES = 8 * 1024 * 1024;
/** Inside hub/main.ts's 10 s bound on closing (systemd allows 15 s), leaving time for timers and the store to close. */
export const DRAIN_TIMEOUT_MS = 7_000;

export async function startHub(config: HubConfig, options: StartOptions = {}): Promise<RunningHub> {
  // Running totals for /metrics (hub/ops/): mutation outcomes and errors, counted where they pass.
  const counters = createHubCounters();
  const log = countErrorLines(options.log ?? createLogger(config.logLevel), counters);
  const clock = options.clock ?? systemClock;
  const store = await openStore(config.store, log);
  const { db } = store;
  try {
    const secret = await resolveTokenSecret(db, config.secret);
    const seeded = await seedDemoIfEmpty(db, config.seed, clock, log);
    await seedRoutingIfEmpty(db, config.seed, log);
    await seedChatIfEmpty(db, config.seed, clock(), log);
    await seedVoiceIfEmpty(db, config.seed, config.voice.sipDomain, log);
    await seedSmsIfEmpty(db, config.seed, log);
    await seedEmailIfEmpty(db, config.seed, log);
    const voiceKey = await resolveVoiceKey(db, config.voice.key);
    const sipAuthSecret = await resolveSipAuthSecret(db, config.voice.sipAuthSecret);
    const limiter = new LoginLimiter(options.loginPolicy ?? LOGIN_POLICY, clock);
    const auth = await createAuthService(
      db,
      { secret, accessTtlSec: config.accessTtlSec, refreshTtlSec: config.refreshTtlSec },
      limiter,
      clock,
    );

    const writeQueue = createWriteQueue();
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
    // The provider's delivery reports come back to this address unless an admin set the public one; known once listening.
    let hubUrl = '';
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
    const stopCustomerValue = customerValue.start();
    // Customer analysis (daily value snapshots) and cross-sell (rules mined nightly) read the value rows and orders (hub/crm/analysis, hub/crm/cross-sell).
    const analysis = createAnalysisService({ db, kind: store.kind, writeQueue, clock, log });
    const stopAnalysis = analysis.start();
    const crossSell = createCrossSellService({ db, kind: store.kind, writeQueue, clock, log });
    const stopCrossSell = crossSell.start();
    // /metrics reads routing and the sockets, which exist only further down; the scrape finds them here once they do.
    let hubMetrics: { collect(): Promise<MetricFamily[]> } | null = null;
    const httpServer = createServer(
      countHttpErrors(createHttpHandler({
        db,
        storeKind: store.kind,
        version: packageVersion(),
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
      }), counters),
    );
    const io: HubServer = new Server(httpServer, {
      serveClient: false,
      maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
      // Tokens ride in the handshake, never in cookies, so other origins (the Electron renderer's file://) are safe to admit.
      cors: { origin: '*' },
    });
    io.use(authenticateHandshake(auth, log));

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
    const routing = createRoutingService({ db, writeQueue, clock, io, broadcast: push.broadcast, log, channelGate: phones.gate });
    push.tasksRewritten = () => routing.forgetSnapshot();
    // A namespace's event maps are its own; socket.io's `of()` cannot type them.
    const visitors = io.of(VISITOR_NAMESPACE) as unknown as VisitorServer;
    const chatService = createChatService(
      { db, writeQueue, clock, io, visitors, routing, key: visitorKey, log, defaultRegion: config.defaultRegion },
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
    attachVisitorNamespace(visitors, { chat: chatService, calls: visitorCalls, key: visitorKey, clock, log });
    const stopSweep = routing.start();
    const stopEmailOutbox = emailOutbox.start();
    const chatRoutes = createChatRoutes({ db, writeQueue, clock, chat: chatService });
    const voiceService = createVoiceService({
      db,
      clock,
      routing,
      phones,
      isConnected: (userId) => (io.sockets.adapter.rooms.get(userRoom(userId))?.size ?? 0) > 0,
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
      hubUrl: () => hubUrl,
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
    const complaints = createComplaintService({ db, writeQueue, clock, io, visitors, log, broadcast: push.broadcast, smsProvider: webhookProvider });
    const pushBroadcast = push.broadcast;
    push.broadcast = (changes) => {
      pushBroadcast(changes);
      complaints.committed(changes);
    };
    const stopComplaints = complaints.start();
    // Satisfaction surveys follow tasks to `done` (hub/surveys/survey-service.ts) and complaints to their close.
    const surveys = createSurveyService({ db, writeQueue, clock, routing, visitors, nudgeEmail: () => void emailOutbox.nudge(), smsProvider: webhookProvider, hubUrl: () => hubUrl, log });
    complaints.onStep(ruleTriggers.complaintStep);
    complaints.onStep((complaint, step) => {
      if (step === 'close') surveys.requestComplaintSurvey(complaint).catch((error: unknown) => log.error(`complaint ${complaint.id}: the survey was not sent`, error));
    });
    // Every socket event passes the drain (close() waits for those already received) and the counters.
    const drain = createDrain();
    const routes = observeRoutes(createEventRoutes({
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
      supervisorRoutes: createSupervisorRoutes({ db, writeQueue, io, routing, clock, log, phoneRegistered: (userId) => phones.isRegistered(userId) }),
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
      monitorRoutes: attachMonitor({ db, writeQueue, io, routing, clock, log }),
    }), counters, drain);
    const processFigures = createProcessFigures();
    hubMetrics = createHubMetrics({
      routing,
      clock,
      counters,
      process: processFigures,
      connections: () => ({ desktop: io.of('/').sockets.size, visitor: visitors.sockets.size }),
    });
    io.on('connection', (socket) => {
      const userId = socket.data.user.id;
      void socket.join([DESKTOPS_ROOM, userRoom(userId)]);
      routing.connected(userId);
      // By 'disconnect' the socket has left its rooms, so the service sees whether it was the user's last.
      socket.on('disconnect', () => {
        voiceService.desktopLeft(userId);
        routing.disconnected(userId).catch((error: unknown) => log.error('routing after a disconnect failed', error));
      });
      attachDispatcher(socket, { routes, clock, log });
      announceSessionExpiry(socket, clock);
      log.debug(`${socket.data.user.username} connected (${socket.id})`);
    });

    const port = await listen(httpServer, config.port, config.host);
    const url = `http://${urlHost(config.host)}:${port}`;
    hubUrl = url;
    log.info(`hub listening on ${url} (store: ${store.kind} ${store.location})`);

    let closing: Promise<void> | null = null;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        // No new connections; the open sockets stay until the events they already sent are answered (new ones are refused).
        httpServer.close();
        const drainTimeoutMs = options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS;
        if (!(await drain.close(drainTimeoutMs))) log.warn(`closing: ${drain.inFlight} socket events still running after ${drainTimeoutMs} ms; their desktops re-send them`);
        // The acks of the last events go out before the sockets close (engine.io flushes what is queued).
        await new Promise((resolve) => setImmediate(resolve));
        processFigures.stop();
        stopSweep();
        stopFollowUps();
        stopComplaints();
        stopEmailOutbox();
        await stopReports();
        await stopCustomerValue();
        await stopAnalysis();
        await stopCrossSell();
        await email.close();
        await complaints.idle();
        await emailOutbox.idle();
        changeBatches.flush();
        const ioClosed = io.close();
        // Keep-alive HTTP connections would otherwise hold close() open for seconds.
        httpServer.closeAllConnections();
        await ioClosed;
        // Let a mutation already in its transaction commit before the store goes away.
        await writeQueue(async () => undefined);
        await store.close();
      })();
      return closing;
    };
    return { url, port, db, storeKind: store.kind, storeLocation: store.location, seeded, io, routing, voiceKey, sipAuthSecret, email: email.inbound, smtpPort: email.smtpPort, followUps, complaints, crm: { recomputeValues: customerValue.recompute, snapshotValues: analysis.snapshot }, close };
  } catch (error) {
    await store.close();
    throw error;
  }
}

function listen(server: HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address: AddressInfo | string | null = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** A URL a person can click: a wildcard bind is reached through loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
