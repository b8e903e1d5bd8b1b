import { type SipCredentials, SipCredentialsSchema, VoiceSettingsSchema } from '../../../shared/protocol/voice';
import type { CountryCode } from '../../../shared/phone/e164';
import { markRecent } from '../../db/meta';
import type { SwitchboardDb } from '../../db/schema';
import { translate } from '../../i18n/translate';
import { useLocale } from '../../i18n/locale-store';
import type { Platform } from '../../platform/platform';
import { ring } from '../../platform/ring';
import type { AudioDeviceChoices } from '../../softphone/audio-devices';
import type { CallerId } from '../../../shared/phone/caller-id';
import { isRegistered, type PhoneEvent } from '../../softphone/call-state';
import {
  DEFAULT_PHONE_SETTINGS,
  effectiveWsUrl,
  type PhoneSettings,
  readKnownSipDomain,
  readPhoneSettings,
  writeKnownSipDomain,
  writePhoneSettings,
} from '../../softphone/phone-settings';
import { readSipCredentials, renewDelayMs, writeSipCredentials } from '../../softphone/sip-credentials-cache';
import { createSoftphone, type Softphone } from '../../softphone/sip-phone';
import { createPhoneStore, type PhoneStore } from '../../store/phone';
import { useWorkspace } from '../../store/workspace';
import { type HubSocket, NetworkError, request } from '../../sync/hub-socket';
import { unwrapAck } from '../../sync/wire';
import { createAudioRouting } from './audio-routing';
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
  /** The speaker call audio plays on (a device id; null = the default): other call audio (a supervisor's whisper) goes there too. */
  speaker(): string | null;
  dial(target: string, party: CallerId): void;
  saveSettings(settings: PhoneSettings): Promise<void>;
  /** Microphone, speaker and ringer: stored and applied at once, without reconnecting the phone. */
  saveDevices(devices: AudioDeviceChoices): Promise<void>;
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
 * My SIP credentials, fresh from the hub ('voice:credentials'); offline, the
 * cached ones while they last; null when there are none (the phone then
 * registers without, which works only where Kamailio's authentication is off).
 */
async function sipCredentials(socket: HubSocket, db: SwitchboardDb, username: string): Promise<SipCredentials | null> {
  try {
    await connected(socket, DOMAIN_WAIT_MS);
    const ack = await request(socket, (s) => s.timeout(DOMAIN_WAIT_MS).emitWithAck('voice:credentials', {}));
    const credentials = unwrapAck('voice:credentials', ack, SipCredentialsSchema);
    await writeSipCredentials(db, credentials);
    return credentials;
  } catch {
    return readSipCredentials(db, username, Date.now());
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
  let settings: PhoneSettings = DEFAULT_PHONE_SETTINGS;
  const audio = createAudioRouting();
  let phone: Softphone | null = null;
  let remoteAudio: HTMLAudioElement | null = null;
  let ringer: ReturnType<typeof setInterval> | null = null;
  let renewal: ReturnType<typeof setTimeout> | null = null;
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
    if (event.type === 'held') reportHold(event.id, event.held);
  }

  /** The hub times holds for the call's timeline item; offline, that hold goes untimed (the call itself is unaffected). */
  function reportHold(id: string, held: boolean): void {
    const call = store.getState().call;
    if (call?.id === id && socket.connected) socket.emit('call:hold', { callId: call.sipCallId, held }, () => undefined);
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
    const [stored, domain, credentials] = await Promise.all([
      readPhoneSettings(db),
      sipDomain(socket, db, hubUrl),
      sipCredentials(socket, db, options.user.username),
    ]);
    if (stopped) return;
    settings = stored;
    void audio.setChoices(settings.devices);
    phone = createSoftphone(
      {
        wsUrl: effectiveWsUrl(settings, hubUrl),
        domain,
        user: options.user.username,
        displayName: options.user.displayName,
        iceServers: settings.iceServers,
        region: options.region,
        microphone: audio.microphone,
        camera: () => settings.devices.camera,
        credentials,
      },
      onPhoneEvent,
    );
    phone.setRemoteAudio(remoteAudio);
    phone.start();
    if (credentials) scheduleRenewal(renewDelayMs(credentials, Date.now()));
  }

  /** New credentials before these expire: the phone restarts with them, but never in the middle of a call. */
  function scheduleRenewal(delayMs: number): void {
    if (renewal) clearTimeout(renewal);
    renewal = setTimeout(() => {
      renewal = null;
      if (stopped) return;
      if (store.getState().call) return scheduleRenewal(60_000);
      void stopPhone().then(() => (stopped ? undefined : start()));
    }, delayMs);
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
    speaker: () => audio.speaker(),
    setRemoteAudio(element) {
      remoteAudio = element;
      audio.setRemoteAudio(element);
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
    async saveDevices(devices) {
      // Merged into what is stored (the truth even before start() has read it), so the connection settings stay.
      settings = { ...(await readPhoneSettings(db)), devices };
      await writePhoneSettings(db, settings);
      await audio.setChoices(devices);
    },
    async stop() {
      stopped = true;
      // Stopped first, so the hub hears "not registered" before this session lets go of the socket.
      await stopPhone();
      socket.off('connect', reportRegistration);
      unsubscribe();
      audio.stop();
      if (ringer) clearInterval(ringer);
      if (renewal) clearTimeout(renewal);
    },
  };
}
