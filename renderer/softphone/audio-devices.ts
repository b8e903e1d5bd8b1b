import { z } from 'zod';

/**
 * Which microphone, speaker (call audio) and ringer output the agent chose.
 * A ringer apart from the call audio is the usual desk set-up: the headset
 * carries the call, a loudspeaker rings so the agent hears it with the
 * headset off.
 */
export type AudioRole = 'microphone' | 'speaker' | 'ringer';
export const AUDIO_ROLES: readonly AudioRole[] = ['microphone', 'speaker', 'ringer'];

/** A chosen device: its id, and its label so a note can name it once it is unplugged. */
export type DeviceChoice = { deviceId: string; label: string };
/**
 * null = the system default, which is always offered and is where every choice falls back to.
 * `camera` sits beside the audio roles: it is chosen in the same place and falls back the same way.
 */
export type AudioDeviceChoices = Record<AudioRole, DeviceChoice | null> & { camera: DeviceChoice | null };

export const SYSTEM_DEFAULTS: AudioDeviceChoices = { microphone: null, speaker: null, ringer: null, camera: null };

const DeviceChoiceSchema = z.object({ deviceId: z.string().min(1).max(500), label: z.string().max(300) });
export const AudioDeviceChoicesSchema = z.object({
  microphone: DeviceChoiceSchema.nullable(),
  speaker: DeviceChoiceSchema.nullable(),
  ringer: DeviceChoiceSchema.nullable(),
  // Stored before a camera could be chosen: the default camera.
  camera: DeviceChoiceSchema.nullable().default(null),
});

/** One device as the settings offer it. `label` is empty until the site may use the microphone. */
export type AudioDevice = { deviceId: string; label: string };

export type AudioDeviceList = {
  inputs: AudioDevice[];
  outputs: AudioDevice[];
  /**
   * False until the browser shows labels and ids, i.e. before microphone
   * permission: the list then cannot say whether a chosen device is present.
   */
  labelled: boolean;
};

/** What `enumerateDevices()` gives, reduced to the fields read here (so tests need no browser). */
export type MediaDeviceLike = { kind: string; deviceId: string; label: string };

/**
 * The browser's own "default" entries are left out: "System default" is
 * always offered as the empty choice, and it follows the system setting
 * where a stored "default" id would not say more.
 */
const BROWSER_DEFAULT_IDS = new Set(['', 'default']);

export function listAudioDevices(devices: readonly MediaDeviceLike[]): AudioDeviceList {
  const audio = devices.filter((device) => device.kind === 'audioinput' || device.kind === 'audiooutput');
  const labelled = audio.some((device) => device.label !== '');
  const pick = (kind: string): AudioDevice[] =>
    audio
      .filter((device) => device.kind === kind && !BROWSER_DEFAULT_IDS.has(device.deviceId))
      .map((device) => ({ deviceId: device.deviceId, label: device.label }));
  return { inputs: pick('audioinput'), outputs: pick('audiooutput'), labelled };
}

/** The cameras present; `labelled` as for audio, but camera names come with camera permission, not the microphone's. */
export type CameraList = { cameras: AudioDevice[]; labelled: boolean };

export function listCameras(devices: readonly MediaDeviceLike[]): CameraList {
  const video = devices.filter((device) => device.kind === 'videoinput');
  return {
    cameras: video.filter((device) => !BROWSER_DEFAULT_IDS.has(device.deviceId)).map((device) => ({ deviceId: device.deviceId, label: device.label })),
    labelled: video.some((device) => device.label !== ''),
  };
}

export const devicesFor = (list: AudioDeviceList, role: AudioRole): AudioDevice[] => (role === 'microphone' ? list.inputs : list.outputs);

/**
 * Where a role's audio goes now:
 * - `default`: no choice, the system default;
 * - `chosen`: the chosen device is connected (matched by id, or by its label
 *   when the browser issued new ids, e.g. after the site's data was cleared);
 * - `missing`: the chosen device is gone, so the default is used and the agent is told;
 * - `unchecked`: the list has no labels yet (no microphone permission), so the
 *   stored id is tried as it is; the browser falls back to the default by itself.
 */
export type DeviceResolution =
  | { kind: 'default' }
  | { kind: 'chosen'; deviceId: string }
  | { kind: 'missing'; label: string }
  | { kind: 'unchecked'; deviceId: string };

export function resolveDevice(choice: DeviceChoice | null, available: readonly AudioDevice[], labelled: boolean): DeviceResolution {
  if (!choice) return { kind: 'default' };
  if (!labelled) return { kind: 'unchecked', deviceId: choice.deviceId };
  if (available.some((device) => device.deviceId === choice.deviceId)) return { kind: 'chosen', deviceId: choice.deviceId };
  const sameLabel = choice.label === '' ? [] : available.filter((device) => device.label === choice.label);
  if (sameLabel.length === 1 && sameLabel[0]) return { kind: 'chosen', deviceId: sameLabel[0].deviceId };
  return { kind: 'missing', label: choice.label };
}

/** The device id to ask the browser for; null = the system default. */
export function deviceIdOf(resolution: DeviceResolution): string | null {
  return resolution.kind === 'chosen' || resolution.kind === 'unchecked' ? resolution.deviceId : null;
}

/**
 * Applies the chosen microphone to the constraints sip.js asks for (video is
 * left as asked). `exact`: Chromium opens the default microphone for an
 * `ideal` device id, so the choice would be ignored; a device unplugged since
 * is handled by the caller opening the default instead (see
 * `microphoneStreamFactory`).
 */
export function withMicrophone(constraints: MediaStreamConstraints, deviceId: string | null): MediaStreamConstraints {
  if (!constraints.audio || !deviceId) return constraints;
  const asked = constraints.audio === true ? {} : constraints.audio;
  return { ...constraints, audio: { ...asked, deviceId: { exact: deviceId } } };
}

/** Applies the chosen camera to the constraints (audio is left as asked); `exact` for the same reason as the microphone. */
export function withCamera(constraints: MediaStreamConstraints, deviceId: string | null): MediaStreamConstraints {
  if (!constraints.video || !deviceId) return constraints;
  const asked = constraints.video === true ? {} : constraints.video;
  return { ...constraints, video: { ...asked, deviceId: { exact: deviceId } } };
}

/** getUserMedia's answer when the exact device asked for is not there (any more). */
export function isMissingDevice(error: unknown): boolean {
  // Read by name: older Chromium threw an OverconstrainedError that was no Error subclass.
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : null;
  return name === 'OverconstrainedError' || name === 'NotFoundError';
}
