import { useEffect, useState } from 'react';
import type { MonitorSettings } from '../../../shared/protocol/monitor';
import { useT } from '../../i18n/locale-store';
import { useSync } from '../../sync/context';
import { useAdmin } from '../admin/admin-context';
import { loadMonitorSettings, saveMonitorSettings } from './monitor-settings-client';

type Status = 'loading' | 'ready' | 'saving' | 'saved' | 'failed';

/**
 * The administration's one monitoring setting: whether an agent is shown
 * that a supervisor listens to their call. Saved as it is ticked; supervisors
 * see it read-only.
 */
export function MonitorSettingsSection() {
  const t = useT();
  const { engine } = useSync();
  const { canEdit } = useAdmin();
  const [settings, setSettings] = useState<MonitorSettings | null>(null);
  const [status, setStatus] = useState<Status>('loading');

  useEffect(() => {
    let cancelled = false;
    loadMonitorSettings(engine.socket).then(
      (loaded) => {
        if (cancelled) return;
        setSettings(loaded);
        setStatus('ready');
      },
      () => !cancelled && setStatus('failed'),
    );
    return () => {
      cancelled = true;
    };
  }, [engine]);

  async function change(announceMonitoring: boolean) {
    const before = settings;
    // Ticked at once; put back if the hub did not take it.
    setSettings({ announceMonitoring });
    setStatus('saving');
    try {
      setSettings(await saveMonitorSettings(engine.socket, { announceMonitoring }));
      setStatus('saved');
    } catch {
      setSettings(before);
      setStatus('failed');
    }
  }

  return (
    <section className="admin-section" data-testid="monitor-settings" data-status={status}>
      <h3>{t('monitor.settings.title')}</h3>
      <label className="admin-check">
        <input
          type="checkbox"
          checked={settings?.announceMonitoring ?? true}
          disabled={!canEdit || !settings || status === 'saving'}
          onChange={(event) => void change(event.target.checked)}
          data-testid="monitor-settings-announce"
        />
        {t('monitor.settings.announce')}
      </label>
      <p className="admin-help">{t('monitor.settings.announceHelp')}</p>
      {status === 'saved' && <p role="status">{t('monitor.settings.saved')}</p>}
      {status === 'failed' && (
        <p className="form-error" role="alert">
          {t('monitor.settings.failed')}
        </p>
      )}
    </section>
  );
}
