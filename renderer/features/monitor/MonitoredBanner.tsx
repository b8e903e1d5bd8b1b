import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { useT } from '../../i18n/locale-store';
import { useSync } from '../../sync/context';
import { usePhoneServices } from '../phone/phone-context';
import { createAgentMonitor, type MonitoredState } from './agent-monitor';
import './monitor.css';

const NOBODY = createStore<MonitoredState>(() => ({ shown: null }));

/**
 * The monitored agent's side, mounted with the phone for the whole session:
 * it runs the bridge when a supervisor listens, and shows the agent that
 * they are monitored, and how, when the hub's setting says to.
 */
export function MonitoredBanner() {
  const t = useT();
  const { engine } = useSync();
  const phone = usePhoneServices();
  const [monitor, setMonitor] = useState<ReturnType<typeof createAgentMonitor> | null>(null);
  useEffect(() => {
    const running = createAgentMonitor(engine.socket, phone);
    setMonitor(running);
    return () => running.stop();
  }, [engine, phone]);
  const shown = useStore(monitor?.store ?? NOBODY, (state) => state.shown);
  if (!shown) return null;
  return (
    <div className={`monitor-banner is-${shown.mode}`} role="status" data-testid="monitor-banner" data-mode={shown.mode}>
      <span className="monitor-banner-dot" aria-hidden="true" />
      <span>{t(`monitor.banner.${shown.mode}`, { name: shown.supervisorName })}</span>
    </div>
  );
}
