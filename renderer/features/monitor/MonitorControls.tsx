import { useEffect } from 'react';
import { useStore } from 'zustand';
import { MONITOR_MODES, type MonitorMode } from '../../../shared/protocol/monitor';
import { useT } from '../../i18n/locale-store';
import { useSync } from '../../sync/context';
import { useOptionalPhone } from '../phone/phone-context';
import { monitorListenerFor } from './monitor-listener';
import './monitor.css';

const MODE_LABEL = { listen: 'monitor.listen', whisper: 'monitor.whisper', barge: 'monitor.barge' } as const satisfies Record<MonitorMode, string>;

/**
 * A supervisor's listen / whisper / barge controls for one agent's live call.
 * Idle, a call shows one "Listen" button; while this agent is monitored, the
 * three modes (the current one pressed), the connection's phase and Stop.
 */
export function MonitorControls({ agentId, agentName, onCall }: { agentId: string; agentName: string; onCall: boolean }) {
  const t = useT();
  const { engine } = useSync();
  const phone = useOptionalPhone();
  // ICE servers from this desktop's phone settings (none by default: host candidates do on a LAN).
  const listener = monitorListenerFor(engine.socket, () => phone?.settings().iceServers ?? []);
  const session = useStore(listener.store, (state) => (state.session?.agentId === agentId ? state.session : null));
  const failure = useStore(listener.store, (state) => (state.failure?.agentId === agentId ? state.failure : null));
  const ended = useStore(listener.store, (state) => (state.ended?.agentId === agentId ? state.ended : null));
  useEffect(() => listener.shown(agentId), [listener, agentId]);

  return (
    <span className="monitor-controls" data-testid="monitor-controls" data-agent-id={agentId} data-on-call={onCall} data-phase={session?.phase ?? 'idle'}>
      {session ? (
        <>
          <fieldset className="monitor-modes" aria-label={t('monitor.modesOf', { name: agentName })}>
            {MONITOR_MODES.map((mode) => (
              <button
                key={mode}
                type="button"
                className={`button small monitor-mode is-${mode}`}
                aria-pressed={session.mode === mode}
                disabled={session.phase === 'starting'}
                onClick={() => void listener.setMode(mode)}
                data-testid={`monitor-${mode}`}
              >
                {t(MODE_LABEL[mode])}
              </button>
            ))}
          </fieldset>
          <span className={`monitor-phase is-${session.phase}`} data-testid="monitor-phase">
            {t(`monitor.phase.${session.phase}`)}
          </span>
          <button type="button" className="button ghost small" onClick={() => listener.stop()} data-testid="monitor-stop">
            {t('monitor.stop')}
          </button>
        </>
      ) : (
        onCall && (
          <button
            type="button"
            className="button small monitor-start"
            title={t('monitor.startTitle', { name: agentName })}
            onClick={() => void listener.start(agentId, 'listen')}
            data-testid="monitor-start"
          >
            {t('monitor.listen')}
          </button>
        )
      )}
      {failure && (
        <span className="monitor-note is-problem" role="alert" data-testid="monitor-failure" data-reason={failure.reason}>
          {t(`monitor.failed.${failure.reason}`, { name: agentName })}
        </span>
      )}
      {!session && ended && (
        <span className="monitor-note" role="status" data-testid="monitor-ended" data-reason={ended.reason}>
          {t(`monitor.ended.${ended.reason}`, { name: agentName })}
        </span>
      )}
    </span>
  );
}
