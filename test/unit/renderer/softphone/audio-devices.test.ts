import { describe, expect, it } from 'vitest';
import {
  deviceIdOf,
  isMissingDevice,
  listAudioDevices,
  listCameras,
  type MediaDeviceLike,
  resolveDevice,
  SYSTEM_DEFAULTS,
  withCamera,
  withMicrophone,
} from '../../../../renderer/softphone/audio-devices';
import { PhoneSettingsSchema } from '../../../../renderer/softphone/phone-settings';

/** What Chromium lists with its fake devices once the microphone is allowed. */
const FAKE_DEVICES: MediaDeviceLike[] = [
  { kind: 'audioinput', deviceId: 'default', label: 'Fake Default Audio Input' },
  { kind: 'audioinput', deviceId: 'in-1', label: 'Fake Audio Input 1' },
  { kind: 'audioinput', deviceId: 'in-2', label: 'Fake Audio Input 2' },
  { kind: 'videoinput', deviceId: 'cam-0', label: 'fake_device_0' },
  { kind: 'audiooutput', deviceId: 'default', label: 'Fake Default Audio Output' },
  { kind: 'audiooutput', deviceId: 'out-1', label: 'Fake Audio Output 1' },
  { kind: 'audiooutput', deviceId: 'out-2', label: 'Fake Audio Output 2' },
];

/** What Chromium lists before the site may use the microphone: one blank entry per kind. */
const BEFORE_PERMISSION: MediaDeviceLike[] = [
  { kind: 'audioinput', deviceId: '', label: '' },
  { kind: 'videoinput', deviceId: '', label: '' },
  { kind: 'audiooutput', deviceId: '', label: '' },
];

describe('listAudioDevices', () => {
  it('splits microphones from outputs, leaves out cameras and the browser\'s own "default" entries', () => {
    expect(listAudioDevices(FAKE_DEVICES)).toEqual({
      inputs: [
        { deviceId: 'in-1', label: 'Fake Audio Input 1' },
        { deviceId: 'in-2', label: 'Fake Audio Input 2' },
      ],
      outputs: [
        { deviceId: 'out-1', label: 'Fake Audio Output 1' },
        { deviceId: 'out-2', label: 'Fake Audio Output 2' },
      ],
      labelled: true,
    });
  });

  it('before microphone permission there is nothing to choose and the list says it is unlabelled', () => {
    expect(listAudioDevices(BEFORE_PERMISSION)).toEqual({ inputs: [], outputs: [], labelled: false });
    expect(listAudioDevices([])).toEqual({ inputs: [], outputs: [], labelled: false });
  });
});

describe('resolveDevice: where a role plays now', () => {
  const { outputs, labelled } = listAudioDevices(FAKE_DEVICES);

  it('no choice is the system default', () => {
    expect(resolveDevice(null, outputs, labelled)).toEqual({ kind: 'default' });
    expect(deviceIdOf({ kind: 'default' })).toBeNull();
  });

  it('a connected choice is used, by id', () => {
    const resolution = resolveDevice({ deviceId: 'out-2', label: 'Fake Audio Output 2' }, outputs, labelled);
    expect(resolution).toEqual({ kind: 'chosen', deviceId: 'out-2' });
    expect(deviceIdOf(resolution)).toBe('out-2');
  });

  it('a device the browser now lists under a new id is found again by its label', () => {
    expect(resolveDevice({ deviceId: 'old-id', label: 'Fake Audio Output 1' }, outputs, labelled)).toEqual({ kind: 'chosen', deviceId: 'out-1' });
  });

  it('an unplugged device falls back to the default and is named for the note', () => {
    const resolution = resolveDevice({ deviceId: 'headset', label: 'Jabra Evolve 40' }, outputs, labelled);
    expect(resolution).toEqual({ kind: 'missing', label: 'Jabra Evolve 40' });
    expect(deviceIdOf(resolution)).toBeNull();
  });

  it('two devices with the same label are not guessed between', () => {
    const twins = [
      { deviceId: 'a', label: 'USB Audio' },
      { deviceId: 'b', label: 'USB Audio' },
    ];
    expect(resolveDevice({ deviceId: 'gone', label: 'USB Audio' }, twins, true)).toEqual({ kind: 'missing', label: 'USB Audio' });
    expect(resolveDevice({ deviceId: 'gone', label: '' }, [{ deviceId: 'x', label: '' }], true)).toEqual({ kind: 'missing', label: '' });
  });

  it('before permission a stored choice is tried as it is, not reported missing', () => {
    const resolution = resolveDevice({ deviceId: 'out-2', label: 'Fake Audio Output 2' }, [], false);
    expect(resolution).toEqual({ kind: 'unchecked', deviceId: 'out-2' });
    expect(deviceIdOf(resolution)).toBe('out-2');
  });
});

describe('withMicrophone: the constraints sip.js asks for, with the chosen microphone', () => {
  it('asks for exactly that device (Chromium opens the default for an ideal one)', () => {
    expect(withMicrophone({ audio: true, video: false }, 'in-2')).toEqual({ audio: { deviceId: { exact: 'in-2' } }, video: false });
  });

  it('knows the refusals that mean the device is gone, so the call opens the default instead of failing', () => {
    expect(isMissingDevice(new DOMException('', 'OverconstrainedError'))).toBe(true);
    expect(isMissingDevice(new DOMException('', 'NotFoundError'))).toBe(true);
    expect(isMissingDevice(new DOMException('Permission denied', 'NotAllowedError'))).toBe(false);
    expect(isMissingDevice('OverconstrainedError')).toBe(false);
  });

  it('keeps other audio constraints and leaves the default alone', () => {
    expect(withMicrophone({ audio: { echoCancellation: true }, video: false }, 'in-1')).toEqual({
      audio: { echoCancellation: true, deviceId: { exact: 'in-1' } },
      video: false,
    });
    expect(withMicrophone({ audio: true, video: false }, null)).toEqual({ audio: true, video: false });
  });

  it('does not add a microphone to a request for none', () => {
    expect(withMicrophone({ audio: false, video: false }, 'in-1')).toEqual({ audio: false, video: false });
  });
});

describe('stored phone settings and devices', () => {
  it('settings stored before devices could be chosen read as the system defaults', () => {
    expect(PhoneSettingsSchema.parse({ wsUrl: null, iceServers: [] })).toEqual({ wsUrl: null, iceServers: [], devices: SYSTEM_DEFAULTS });
  });

  it('keeps the choices, and refuses a malformed one', () => {
    const devices = { microphone: { deviceId: 'in-2', label: 'Fake Audio Input 2' }, speaker: null, ringer: { deviceId: 'out-1', label: 'Fake Audio Output 1' } };
    // Stored before a camera could be chosen: the default camera.
    expect(PhoneSettingsSchema.parse({ wsUrl: null, iceServers: [], devices }).devices).toEqual({ ...devices, camera: null });
    const withChosenCamera = { ...devices, camera: { deviceId: 'cam-0', label: 'fake_device_0' } };
    expect(PhoneSettingsSchema.parse({ wsUrl: null, iceServers: [], devices: withChosenCamera }).devices).toEqual(withChosenCamera);
    expect(PhoneSettingsSchema.safeParse({ wsUrl: null, iceServers: [], devices: { ...devices, camera: 'cam-0' } }).success).toBe(false);
    expect(PhoneSettingsSchema.safeParse({ wsUrl: null, iceServers: [], devices: { ...devices, speaker: { deviceId: '', label: 'x' } } }).success).toBe(false);
    expect(PhoneSettingsSchema.safeParse({ wsUrl: null, iceServers: [], devices: { microphone: 'in-2' } }).success).toBe(false);
  });
});

describe('the camera: chosen like the microphone', () => {
  it('lists the cameras apart from the audio devices, without the browser\'s own "default" entries', () => {
    expect(listCameras(FAKE_DEVICES)).toEqual({ cameras: [{ deviceId: 'cam-0', label: 'fake_device_0' }], labelled: true });
    expect(listCameras([...FAKE_DEVICES, { kind: 'videoinput', deviceId: 'default', label: 'Default camera' }]).cameras).toHaveLength(1);
  });

  it('before camera permission there is nothing to choose and the list says it is unlabelled', () => {
    expect(listCameras(BEFORE_PERMISSION)).toEqual({ cameras: [], labelled: false });
    expect(listCameras([])).toEqual({ cameras: [], labelled: false });
  });

  it('a chosen camera that is unplugged falls back to the default and says which one is missing', () => {
    const { cameras, labelled } = listCameras(FAKE_DEVICES);
    const chosen = { deviceId: 'cam-0', label: 'fake_device_0' };
    expect(deviceIdOf(resolveDevice(chosen, cameras, labelled))).toBe('cam-0');
    const gone = { deviceId: 'cam-9', label: 'Desk camera' };
    expect(resolveDevice(gone, cameras, labelled)).toEqual({ kind: 'missing', label: 'Desk camera' });
    expect(deviceIdOf(resolveDevice(gone, cameras, labelled))).toBeNull();
  });

  it('asks for the chosen camera exactly, keeps other video constraints and leaves audio alone', () => {
    expect(withCamera({ audio: true, video: true }, 'cam-0')).toEqual({ audio: true, video: { deviceId: { exact: 'cam-0' } } });
    expect(withCamera({ audio: true, video: { width: 640 } }, 'cam-0')).toEqual({ audio: true, video: { width: 640, deviceId: { exact: 'cam-0' } } });
    expect(withCamera({ audio: true, video: true }, null)).toEqual({ audio: true, video: true });
  });

  it('does not add a camera to a voice call', () => {
    expect(withCamera({ audio: true, video: false }, 'cam-0')).toEqual({ audio: true, video: false });
  });
});
