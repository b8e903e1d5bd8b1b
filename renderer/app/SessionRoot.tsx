import { useEffect, useState } from 'react';
import { DbContext } from '../db/context';
import { readSettings } from '../db/meta';
import { databaseNameFor, SwitchboardDb } from '../db/schema';
import { createSessionKeeper } from '../auth/session-keeper';
import { translate } from '../i18n/translate';
import { useLocale } from '../i18n/locale-store';
import { getPlatform } from '../platform/platform';
import { useNotices } from '../store/notices';
import { type StoredSession, useSession } from '../store/session';
import { SyncContext, type SyncServices } from '../sync/context';
import { createSyncEngine } from '../sync/engine';
import { RoutingContext, type RoutingServices } from '../features/inbox/routing-context';
import { ring } from '../platform/ring';
import { createRoutingStore, toastOffers } from '../store/routing';
import { createRoutingClient } from '../sync/routing-client';
import { ChatContext, type ChatServices } from '../features/chat/chat-context';
import { createChatStore } from '../store/chat';
import { createChatClient } from '../sync/chat-client';
import { SmsContext, type SmsServices } from '../features/sms/sms-context';
import { createSmsClient } from '../features/sms/sms-client';
import { createSmsStore } from '../features/sms/sms-store';
import { PhoneContext } from '../features/phone/phone-context';
import { EmailContext, type EmailServices } from '../features/email/email-context';
import { watchEmailRefusals } from '../features/email/email-refusals';
import { createPhoneServices, type PhoneServices } from '../features/phone/phone-services';
import { type CallRecorder, startCallRecorder } from '../softphone/call-recorder-service';
import { Workspace } from './Workspace';

/** Problems the agent should see as a notice; plain network trouble is already on the badge. */
const NOTICE_WORTHY = new Set(['bad-answer', 'out-of-sync']);

/**
 * Everything that lives exactly as long as a signed-in session: the user's
 * cache, the sync engine, the token keeper. Remounted per user and hub.
 */
export function SessionRoot({ session }: { session: StoredSession }) {
  const [services, setServices] = useState<{
    db: SwitchboardDb;
    sync: SyncServices;
    routing: RoutingServices;
    chat: ChatServices;
    sms: SmsServices;
    email: EmailServices;
    phone: PhoneServices | null;
  } | null>(null);
  const userId = session.user.id;
  const hubUrl = session.hubUrl;
  const { username, displayName, role } = session.user;

  useEffect(() => {
    let cancelled = false;
    const platform = getPlatform();
    const db = new SwitchboardDb(databaseNameFor(hubUrl, userId));
    const keeper = createSessionKeeper();
    const engine = createSyncEngine({ hubUrl, auth: keeper, db });
    const routingStore = createRoutingStore(userId);
    const routingClient = createRoutingClient({
      socket: engine.socket,
      store: routingStore,
      onEffect: (effect) => useNotices.getState().push({ kind: 'offer-ended', reason: effect.reason, subject: effect.subject }),
      onFailure: (action, failure) => useNotices.getState().push({ kind: 'routing-refused', action, failure }),
      onOffer: (taskId) => {
        const state = routingStore.getState();
        const task = state.tasks.find((candidate) => candidate.id === taskId);
        const offer = toastOffers(state).find((candidate) => candidate.taskId === taskId);
        // A call or video offer rings on the softphone, with its own sound and notification.
        if (!task || !offer) return;
        ring();
        const locale = useLocale.getState().locale;
        const who = offer.customer ? `${offer.customer.name} (${offer.customer.number})` : translate(locale, 'inbox.unknownCustomer');
        platform.notify(
          translate(locale, 'offer.notifyTitle', { channel: translate(locale, `channel.${task.channel}`) }),
          `${who} — ${task.subject}`,
        );
      },
    });
    const chatStore = createChatStore();
    const chatClient = createChatClient({ socket: engine.socket, db, store: chatStore, routing: routingStore, hubUrl, getToken: keeper.getToken });
    const smsStore = createSmsStore();
    const smsClient = createSmsClient({ socket: engine.socket, db, store: smsStore, routing: routingStore });
    const cleanups = [
      engine.onRefusal((refusal) => {
        useNotices.getState().push({
          kind: 'refused',
          mutation: refusal.mutation.name,
          code: refusal.error.code,
          hubMessage: refusal.error.message,
        });
        const locale = useLocale.getState().locale;
        platform.notify(
          translate(locale, 'notice.rejectedTitle'),
          translate(locale, 'notice.rejected', {
            what: translate(locale, `mutation.${refusal.mutation.name}`),
            reason: translate(locale, `error.${refusal.error.code}`),
          }),
        );
      }),
      engine.onAuthInvalid(() => useSession.getState().signOut('expired')),
      watchEmailRefusals(engine, db),
      engine.status.subscribe((status, previous) => {
        const { connection, pending, lastError } = status;
        if (connection.kind !== previous.connection.kind || pending !== previous.pending) {
          platform.setTrayStatus({ connection: connection.kind === 'connecting' ? 'offline' : connection.kind, pending });
        }
        if (lastError && lastError !== previous.lastError && NOTICE_WORTHY.has(lastError.kind)) {
          useNotices.getState().push({ kind: 'sync-error', error: lastError });
        }
      }),
    ];
    let phone: PhoneServices | null = null;
    let recorder: CallRecorder | null = null;
    void readSettings(db).then((settings) => {
      if (cancelled) return;
      engine.start();
      // Administrators do not take calls: only agents and supervisors get a softphone.
      if (role !== 'admin') phone = createPhoneServices({ socket: engine.socket, db, hubUrl, user: { username, displayName }, region: settings.region, platform });
      if (phone) recorder = startCallRecorder({ socket: engine.socket, db, phone: { store: phone.store, media: () => phone?.phone()?.media() ?? null }, hubUrl, getToken: keeper.getToken });
      setServices({
        db,
        sync: { engine, mutation: { db, agentId: userId, region: settings.region } },
        routing: { store: routingStore, client: routingClient },
        chat: { store: chatStore, client: chatClient, hubUrl },
        sms: { store: smsStore, client: smsClient, hubUrl },
        email: { socket: engine.socket, hubUrl, getToken: keeper.getToken },
        phone,
      });
    });
    return () => {
      cancelled = true;
      for (const cleanup of cleanups) cleanup();
      routingClient.stop();
      chatClient.stop();
      smsClient.stop();
      keeper.stop();
      void Promise.all([recorder?.stop(), phone?.stop()]).finally(() => engine.stop().finally(() => db.close()));
      setServices(null);
    };
  }, [hubUrl, userId, username, displayName, role]);

  if (!services) return null;
  return (
    <DbContext.Provider value={services.db}>
      <SyncContext.Provider value={services.sync}>
        <RoutingContext.Provider value={services.routing}>
          <ChatContext.Provider value={services.chat}>
            <SmsContext.Provider value={services.sms}>
              <EmailContext.Provider value={services.email}>
                <PhoneContext.Provider value={services.phone}>
                  <Workspace session={session} />
                </PhoneContext.Provider>
              </EmailContext.Provider>
            </SmsContext.Provider>
          </ChatContext.Provider>
        </RoutingContext.Provider>
      </SyncContext.Provider>
    </DbContext.Provider>
  );
}
