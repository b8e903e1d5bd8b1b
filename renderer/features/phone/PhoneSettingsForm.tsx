import { type FormEvent, useState } from 'react';
import { useT } from '../../i18n/locale-store';
import { defaultWsUrl, parseSettingsInput, type SettingsProblem } from '../../softphone/phone-settings';
import { AudioDeviceSettings } from './AudioDeviceSettings';
import { DialLinkSetting } from './DialLinkPrompt';
import { usePhoneServices } from './phone-context';

/**
 * The audio devices (applied as they are picked), then the SIP server's
 * address and the ICE servers (saving reconnects the phone with them).
 */
export function PhoneSettingsForm({ hubUrl }: { hubUrl: string }) {
  const t = useT();
  const services = usePhoneServices();
  const current = services.settings();
  const [wsUrl, setWsUrl] = useState(current.wsUrl ?? '');
  const [iceServers, setIceServers] = useState(current.iceServers.join('\n'));
  const [problem, setProblem] = useState<SettingsProblem | null>(null);
  const [saved, setSaved] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    const parsed = parseSettingsInput({ wsUrl, iceServers });
    if (!parsed.ok) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    await services.saveSettings({ ...services.settings(), ...parsed.settings });
    setSaved(true);
  }

  return (
    <div className="phone-settings-panel">
      <AudioDeviceSettings />
      <form className="phone-settings" onSubmit={save} aria-label={t('phone.settings')} data-testid="phone-settings">
        <label>
          {t('phone.settings.wsUrl')}
          <input
            value={wsUrl}
            onChange={(event) => {
              setWsUrl(event.target.value);
              setSaved(false);
            }}
            placeholder={defaultWsUrl(hubUrl)}
            spellCheck={false}
            data-testid="phone-settings-ws"
          />
        </label>
        <p className="muted">{t('phone.settings.wsUrlHint', { url: defaultWsUrl(hubUrl) })}</p>
        <label>
          {t('phone.settings.iceServers')}
          <textarea
            value={iceServers}
            onChange={(event) => {
              setIceServers(event.target.value);
              setSaved(false);
            }}
            rows={2}
            spellCheck={false}
            data-testid="phone-settings-ice"
          />
        </label>
        <p className="muted">{t('phone.settings.iceHint')}</p>
        {problem && (
          <p className="form-error" role="alert">
            {t(`phone.settings.invalid.${problem}`)}
          </p>
        )}
        {saved && <p className="muted">{t('phone.settings.saved')}</p>}
        <button type="submit" className="button" data-testid="phone-settings-save">
          {t('phone.settings.save')}
        </button>
      </form>
      <DialLinkSetting />
    </div>
  );
}
