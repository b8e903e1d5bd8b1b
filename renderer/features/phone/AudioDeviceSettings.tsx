import { useState } from 'react';
import { useT } from '../../i18n/locale-store';
import type { Translate } from '../../i18n/translate';
import { ring } from '../../platform/ring';
import {
  AUDIO_ROLES,
  type AudioDevice,
  type AudioRole,
  type DeviceChoice,
  devicesFor,
  resolveDevice,
} from '../../softphone/audio-devices';
import { usePhoneServices } from './phone-context';
import { useAudioDevices } from './use-audio-devices';
import './phone-audio.css';

/** The audio roles and the camera, chosen alike. */
type DeviceRole = AudioRole | 'camera';
const DEVICE_ROLES: readonly DeviceRole[] = [...AUDIO_ROLES, 'camera'];

const UNNAMED = { microphone: 'phone.devices.unnamedInput', speaker: 'phone.devices.unnamedOutput', ringer: 'phone.devices.unnamedOutput', camera: 'phone.devices.unnamedCamera' } as const;

/** A device's name; before permission the browser gives none, so it is numbered. */
function deviceName(t: Translate, role: DeviceRole, device: AudioDevice, index: number): string {
  if (device.label !== '') return device.label;
  return t(UNNAMED[role], { number: index + 1 });
}

/**
 * Microphone, speaker, ringer and camera, from the devices present. A choice is
 * stored and applied as soon as it is picked; a chosen device that is not
 * connected stays chosen (it is used again when plugged back in) and the
 * agent is told the default plays meanwhile.
 */
export function AudioDeviceSettings() {
  const t = useT();
  const services = usePhoneServices();
  const { list, cameras, denied, allowLabels } = useAudioDevices();
  const availableFor = (role: DeviceRole) => (role === 'camera' ? cameras.cameras : devicesFor(list, role));
  const labelledFor = (role: DeviceRole) => (role === 'camera' ? cameras.labelled : list.labelled);
  const [choices, setChoices] = useState(() => services.settings().devices);
  const [saved, setSaved] = useState(false);
  const [rang, setRang] = useState<string | null>(null);

  async function choose(role: DeviceRole, deviceId: string) {
    const available = availableFor(role);
    const index = available.findIndex((device) => device.deviceId === deviceId);
    const device = available[index];
    const choice: DeviceChoice | null = device ? { deviceId, label: device.label } : null;
    const next = { ...choices, [role]: choice };
    setChoices(next);
    setRang(null);
    await services.saveDevices(next);
    setSaved(true);
  }

  async function testRing() {
    const sink = await ring();
    if (sink === null) {
      setRang(t('phone.devices.ringSilent'));
      return;
    }
    const device = list.outputs.find((output) => output.deviceId === sink);
    setRang(t('phone.devices.rangOn', { name: device?.label || t('phone.devices.systemDefault') }));
  }

  return (
    <fieldset className="phone-devices" data-testid="phone-devices">
      <legend>{t('phone.devices.title')}</legend>
      {DEVICE_ROLES.map((role) => {
        const choice = choices[role];
        const available = availableFor(role);
        const resolution = resolveDevice(choice, available, labelledFor(role));
        const value = choice === null ? '' : resolution.kind === 'chosen' ? resolution.deviceId : choice.deviceId;
        const listed = available.some((device) => device.deviceId === value);
        return (
          <div key={role} className="phone-device">
            <label>
              {t(`phone.devices.${role}`)}
              <select value={value} onChange={(event) => void choose(role, event.target.value)} data-testid={`phone-device-${role}`}>
                <option value="">{t('phone.devices.systemDefault')}</option>
                {available.map((device, index) => (
                  <option key={device.deviceId} value={device.deviceId}>
                    {deviceName(t, role, device, index)}
                  </option>
                ))}
                {choice && !listed && (
                  // Before permission the list cannot show the stored choice; once it can, one not listed is unplugged.
                  <option value={choice.deviceId} disabled={resolution.kind === 'missing'}>
                    {resolution.kind === 'missing'
                      ? t('phone.devices.notConnected', { name: choice.label || choice.deviceId.slice(0, 8) })
                      : choice.label || choice.deviceId.slice(0, 8)}
                  </option>
                )}
              </select>
            </label>
            {resolution.kind === 'missing' && (
              <p className="phone-device-missing" role="status" data-testid={`phone-device-missing-${role}`}>
                {t(`phone.devices.missing.${role}`, { name: resolution.label })}
              </p>
            )}
          </div>
        );
      })}
      {!list.labelled && (
        <p className="muted">
          {t(denied ? 'phone.devices.denied' : 'phone.devices.needPermission')}{' '}
          <button type="button" className="button ghost small" onClick={() => void allowLabels()} data-testid="phone-devices-allow">
            {t('phone.devices.allow')}
          </button>
        </p>
      )}
      <p className="muted">{t('phone.devices.hint')}</p>
      <div className="phone-devices-foot">
        <button type="button" className="button ghost small" onClick={() => void testRing()} data-testid="phone-devices-test-ring">
          {t('phone.devices.testRing')}
        </button>
        {saved && rang === null && (
          <span className="muted" data-testid="phone-devices-saved">
            {t('phone.devices.saved')}
          </span>
        )}
        {rang !== null && (
          <span className="muted" role="status" data-testid="phone-devices-rang">
            {rang}
          </span>
        )}
      </div>
    </fieldset>
  );
}
