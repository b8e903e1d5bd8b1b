import { VoiceSettingsSchema } from '../../../shared/protocol/voice';
import type { CountryCode } from '../../../shared/phone/e164';
import { markRecent } from '../../db/meta';
import type { SwitchboardDb } from '../../db/schema';
import { translate } from '../../i18n/translate';
import { useLocale } from '../../i18n/locale-store';
import type { Platform } from '../../platform/platform';
import { ring } from '../../platform/ring';
import type { CallerId } from '../../../shared/phone/caller-id';
import { isRegistered, type PhoneEvent } from '../../softphone/call-state';
import {
  effectiveWsUrl,
  type PhoneSettings,
  readKnownSipDomain,
  readPhoneSettings,
  writeKnownSipDomain,
  writePhoneSettings,
} from '../../softphone/phone-settings';
import { createSoftphone, type Softphone } from '../../softphone/sip-phone';
import { createPhoneStore, type PhoneStore } from '../../store/phone';
import { useWorkspace } from '../../store/workspace';
import { type HubSocket, NetworkError, request } from '../../sync/hub-socket';
import { unwrapAck } from '../../sync/wire';
import { callerLabel } from './caller-label';
import { lookUpCaller } from './screen-pop';

/** How often the ring repeats while a call is ringing (the tone itself is a third of a second). */
const RING_EVERY_MS = 2_500;

export type PhoneServicesOptions = {
  socket: HubSocket;
  db: SwitchboardDb;
  hubUrl: string;
  user: { username: string; displayName: string };
  region: CountryCode;
  platform: Platform;
};

/** What the phone's components use: the store, the calls, and the settings (saving restarts the phone). */
export type PhoneServices = {
  store: PhoneStore;
  phone: () => Softphone | null;
  settings: () => PhoneSettings;
  wsUrl: () => string;
  setRemoteAudio(element: HTMLAudioElement | null): void;
  dial(target: string, party: CallerId): void;
  saveSettings(settings: PhoneSettings): Promise<void>;
  stop(): Promise<void>;
};

/** How long the phone waits for the hub to name the SIP domain before it uses the last one it heard. */
const DOMAIN_WAIT_MS = 10_000;

/** Resolves once the socket is connected; rejects after `ms` (the hub may be down: the phone must not wait on it). */
function connected(socket: HubSocket, ms: number): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('connect', onConnect);
      reject(new NetworkError('offline'));
    }, ms);
    const onConnect = () => {
      clearTimeout(timer);
      resolve();
    };
    socket.once('connect', onConnect);
  });
}

/** The SIP domain from the hub ('voice:settings'); offline, the last one it named, else the hub's host name. */
async function sipDomain(socket: HubSocket, db: SwitchboardDb, hubUrl: string): Promise<string> {
  try {
    await connected(socket, DOMAIN_WAIT_MS);
    const ack = await request(socket, (s) => s.timeout(DOMAIN_WAIT_MS).emitWithAck('voice:settings', {}));
    const { domain } = unwrapAck('voice:settings', ack, VoiceSettingsSchema);
    await writeKnownSipDomain(db, domain);
    return domain;
  } catch {
    return (await readKnownSipDomain(db)) ?? new URL(hubUrl).hostname;
  }
}

/**
 * The softphone for one signed-in session: starts sip.js with the stored
 * settings, tells the hub whether it is registered (on every change and
 * after every reconnect), rings, notifies and screen-pops incoming calls.
 */
export function createPhoneServices(options: PhoneServicesOptions): PhoneServices {
  const { socket, db, hubUrl, platform } = options;
  const store = createPhoneStore();
  let settings: PhoneSettings = { wsUrl: null, iceServers: [] };
  let phone: Softphone | null = null;
  let remoteAudio: HTMLAudioElement | null = null;
  let ringer: ReturnType<typeof setInterval> | null = null;
  let stopped = false;

  function reportRegistration(): void {
    if (socket.connected) socket.emit('agent:phone', { registered: isRegistered(store.getState()) }, () => undefined);
  }
  socket.on('connect', reportRegistration);
  const unsubscribe = store.subscribe((state, previous) => {
    if (isRegistered(state) !== isRegistered(previous)) reportRegistration();
    const ringing = state.call?.phase === 'ringing';
    if (ringing && !ringer) {
      ring();
      ringer = setInterval(ring, RING_EVERY_MS);
    } else if (!ringing && ringer) {
      clearInterval(ringer);
      ringer = null;
    }
  });

  function onPhoneEvent(event: PhoneEvent): void {
    store.dispatch(event);
    if (event.type === 'incoming') void announce(event.id, event.party);
  }

  async function announce(callId: string, party: CallerId): Promise<void> {
    const locale = useLocale.getState().locale;
    platform.notify(translate(locale, 'phone.notifyTitle'), callerLabel(party, (key) => translate(locale, key)));
    const pop = await lookUpCaller(db, party);
    if (store.getState().call?.id !== callId) return;
    store.dispatch({ type: 'screen-pop', id: callId, pop });
    if (pop.kind === 'known') {
      useWorkspace.getState().openCustomer(pop.customerId);
      void markRecent(db, pop.customerId);
    }
  }

  async function start(): Promise<void> {
    const [stored, domain] = await Promise.all([readPhoneSettings(db), sipDomain(socket, db, hubUrl)]);
    if (stopped) return;
    settings = stored;
    phone = createSoftphone(
      {
        wsUrl: effectiveWsUrl(settings, hubUrl),
        domain,
        user: options.user.username,
        displayName: options.user.displayName,
        iceServers: settings.iceServers,
        region: options.region,
      },
      onPhoneEvent,
    );
    phone.setRemoteAudio(remoteAudio);
    phone.start();
  }

  async function stopPhone(): Promise<void> {
    const current = phone;
    phone = null;
    if (current) await current.stop();
  }

  void start();

  return {
    store,
    phone: () => phone,
    settings: () => settings,
    wsUrl: () => effectiveWsUrl(settings, hubUrl),
    setRemoteAudio(element) {
      remoteAudio = element;
      phone?.setRemoteAudio(element);
    },
    dial(target, party) {
      void phone?.dial(target, party);
    },
    async saveSettings(next) {
      await writePhoneSettings(db, next);
      await stopPhone();
      if (!stopped) await start();
    },
    async stop() {
      stopped = true;
      // Stopped first, so the hub hears "not registered" before this session lets go of the socket.
      await stopPhone();
      socket.off('connect', reportRegistration);
      unsubscribe();
      if (ringer) clearInterval(ringer);
    },
  };
}
