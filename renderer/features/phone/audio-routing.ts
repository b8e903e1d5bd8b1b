import { setRingerOutput } from '../../platform/ring';
import {
  type AudioDeviceChoices,
  type AudioDeviceList,
  deviceIdOf,
  devicesFor,
  listAudioDevices,
  resolveDevice,
  SYSTEM_DEFAULTS,
} from '../../softphone/audio-devices';

/** The browser's audio devices now; an empty, unlabelled list where it will not say (no mediaDevices outside a secure context). */
export async function enumerateAudioDevices(): Promise<AudioDeviceList> {
  try {
    return listAudioDevices(await navigator.mediaDevices.enumerateDevices());
  } catch {
    return { inputs: [], outputs: [], labelled: false };
  }
}

/** Calls `listener` whenever a device is plugged in or out; answers the unsubscribe. */
export function onDeviceChange(listener: () => void): () => void {
  const devices = globalThis.navigator?.mediaDevices;
  if (!devices) return () => undefined;
  devices.addEventListener('devicechange', listener);
  return () => devices.removeEventListener('devicechange', listener);
}

/** Plays the element on `deviceId` ('' = default); a device that went away leaves it on the default. */
async function routeElement(element: HTMLMediaElement, deviceId: string): Promise<void> {
  if (typeof element.setSinkId !== 'function' || element.sinkId === deviceId) return;
  await element.setSinkId(deviceId).catch(() => element.setSinkId('').catch(() => undefined));
}

export type AudioRouting = {
  /** The microphone for the next call (read by sip.js when it opens the microphone); null = the default. */
  microphone(): string | null;
  /** The speaker call audio plays on now (a device id); null = the default. */
  speaker(): string | null;
  setRemoteAudio(element: HTMLAudioElement | null): void;
  /** Resolves once the speaker and ringer are routed. */
  setChoices(choices: AudioDeviceChoices): Promise<void>;
  stop(): void;
};

/**
 * Keeps the call audio on the chosen speaker and the ring on the chosen
 * ringer, and knows the microphone for the next call. Each choice is matched
 * against the devices present whenever a device comes or goes, so an
 * unplugged headset falls back to the default and a re-plugged one is used
 * again without the agent doing anything.
 */
export function createAudioRouting(): AudioRouting {
  let choices = SYSTEM_DEFAULTS;
  let remoteAudio: HTMLAudioElement | null = null;
  let resolved: Record<'microphone' | 'speaker' | 'ringer', string | null> = { microphone: null, speaker: null, ringer: null };
  let generation = 0;

  async function apply(): Promise<void> {
    const mine = ++generation;
    const list = await enumerateAudioDevices();
    if (mine !== generation) return;
    const idFor = (role: 'microphone' | 'speaker' | 'ringer') => deviceIdOf(resolveDevice(choices[role], devicesFor(list, role), list.labelled));
    resolved = { microphone: idFor('microphone'), speaker: idFor('speaker'), ringer: idFor('ringer') };
    setRingerOutput(resolved.ringer);
    if (remoteAudio) await routeElement(remoteAudio, resolved.speaker ?? '');
  }

  const unsubscribe = onDeviceChange(() => void apply());

  return {
    microphone: () => resolved.microphone,
    speaker: () => resolved.speaker,
    setRemoteAudio(element) {
      remoteAudio = element;
      if (element) void routeElement(element, resolved.speaker ?? '');
    },
    setChoices(next) {
      choices = next;
      return apply();
    },
    stop() {
      generation += 1;
      unsubscribe();
      setRingerOutput(null);
    },
  };
}
