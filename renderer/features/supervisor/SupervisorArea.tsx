import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useLocale, useT } from '../../i18n/locale-store';
import type { StoredSession } from '../../store/session';
import { useSync } from '../../sync/context';
import { SupervisorComplaints } from '../complaints/SupervisorComplaints';
import { AgentsTable } from './AgentsTable';
import { AlertsStrip } from './AlertsStrip';
import { formatClock } from './clock-format';
import { DesktopAlertsButton } from './DesktopAlertsButton';
import { LiveView } from './LiveView';
import { supervisorFailureText } from './failure-text';
import { createSupervisorClient } from './supervisor-client';
import { SupervisorContext, type SupervisorServices } from './supervisor-context';
import { ThresholdsPanel } from './ThresholdsPanel';
import { useAlertNotifications } from './use-alert-notifications';
import { useBoard } from './use-board';
import { Wallboard } from './Wallboard';
import './supervisor.css';
import { SupervisorFollowUps } from '../follow-ups/SupervisorFollowUps';
import { LazyCustomerAnalysisPanel } from '../customer-analysis/LazyCustomerAnalysisPanel';
import { SupervisorCampaigns } from '../campaigns/SupervisorCampaigns';

// The reports bring their own charts (ECharts): loaded on the first visit to the tab.
const ReportsPanel = lazy(() => import('../reports/ReportsPanel').then((module) => ({ default: module.ReportsPanel })));

const TABS = [
  { id: 'live', label: 'supervisor.tab.live' },
  { id: 'agents', label: 'supervisor.tab.agents' },
  { id: 'thresholds', label: 'supervisor.tab.thresholds' },
  { id: 'reports', label: 'supervisor.tab.reports' },
  // ── complaints ──
  { id: 'complaints', label: 'supervisor.tab.complaints' },
  // ── follow-ups ──
  { id: 'followUps', label: 'supervisor.tab.followUps' },
  // ── customer value ──
  { id: 'customers', label: 'analysis.tab' },
  // ── campaigns ──
  { id: 'campaigns', label: 'supervisor.tab.campaigns' },
] as const;

type TabId = (typeof TABS)[number]['id'];

/** The supervisor's area: live queues, agents, alert thresholds, reports, and the wallboard for the wall screen. */
export function SupervisorArea({ session }: { session: StoredSession }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { engine } = useSync();
  const client = useMemo(() => createSupervisorClient(engine.socket), [engine]);
  const { board, failure } = useBoard(client);
  const [tab, setTab] = useState<TabId>('live');
  const [wallboard, setWallboard] = useState(false);
  // Stable, so the wallboard's full-screen effect is not undone and redone on every board.
  const closeWallboard = useCallback(() => setWallboard(false), []);

  const queueName = useCallback((id: string) => board?.queues.find((queue) => queue.queueId === id)?.name ?? id, [board?.queues]);
  const agentName = useCallback((id: string) => board?.agents.find((agent) => agent.agentId === id)?.displayName ?? id, [board?.agents]);
  const names = useMemo(() => ({ queueName, agentName }), [queueName, agentName]);
  useAlertNotifications(board?.alerts, names);

  const services = useMemo<SupervisorServices | null>(
    () => (board ? { client, board, role: session.user.role, queueName, agentName } : null),
    [client, board, session.user.role, queueName, agentName],
  );

  return (
    <main className="supervisor-area" aria-label={t('supervisor.title')} data-testid="supervisor-area" data-role={session.user.role}>
      <div className="supervisor-head">
        <h1>{t('supervisor.title')}</h1>
        {board && (
          <span className="supervisor-updated muted">{t('supervisor.updatedAt', { time: formatClock(board.at, locale) })}</span>
        )}
        {failure && (
          <span className="supervisor-failure" role="alert" data-testid="supervisor-failure">
            {supervisorFailureText(t, 'watch', failure)}
          </span>
        )}
        <div className="supervisor-head-actions">
          <DesktopAlertsButton />
          <button type="button" className="button" disabled={!board} onClick={() => setWallboard(true)} data-testid="wallboard-open">
            {t('supervisor.wallboard.open')}
          </button>
        </div>
      </div>
      <div className="admin-tabs supervisor-tabs" role="tablist" aria-label={t('supervisor.title')}>
        {TABS.map((candidate) => (
          <button
            key={candidate.id}
            type="button"
            role="tab"
            id={`supervisor-tab-${candidate.id}`}
            aria-selected={candidate.id === tab}
            aria-controls="supervisor-panel"
            className={`admin-tab${candidate.id === tab ? ' is-active' : ''}`}
            onClick={() => setTab(candidate.id)}
            data-testid={`supervisor-tab-${candidate.id}`}
          >
            {t(candidate.label)}
          </button>
        ))}
      </div>
      <section className="supervisor-panel" role="tabpanel" id="supervisor-panel" aria-labelledby={`supervisor-tab-${tab}`}>
        {tab === 'reports' ? (
          <Suspense fallback={<p className="supervisor-loading muted">{t('app.loading')}</p>}>
            <ReportsPanel />
          </Suspense>
        ) : tab === 'customers' ? (
          // ── customer analysis: like the reports, lazy and not waiting for the live board ──
          <LazyCustomerAnalysisPanel />
        ) : tab === 'campaigns' ? (
          // ── campaigns: like the reports, not waiting for the live board ──
          <SupervisorCampaigns />
        ) : !services ? (
          <p className="supervisor-loading muted">{failure ? supervisorFailureText(t, 'watch', failure) : t('app.loading')}</p>
        ) : (
          <SupervisorContext.Provider value={services}>
            <AlertsStrip />
            {tab === 'live' && <LiveView />}
            {tab === 'agents' && <AgentsTable />}
            {tab === 'thresholds' && <ThresholdsPanel />}
            {/* ── complaints ── */}
            {tab === 'complaints' && <SupervisorComplaints />}
            {/* ── follow-ups ── */}
            {tab === 'followUps' && <SupervisorFollowUps />}
          </SupervisorContext.Provider>
        )}
      </section>
      {services && wallboard && (
        // Over whichever tab is open, the reports too.
        <SupervisorContext.Provider value={services}>
          <Wallboard onClose={closeWallboard} />
        </SupervisorContext.Provider>
      )}
    </main>
  );
}
