import { type JSX, useMemo, useState } from 'react';
import type { MessageKey } from '../../i18n/translate';
import { useT } from '../../i18n/locale-store';
import type { StoredSession } from '../../store/session';
import { createAdminClient } from '../../sync/admin-client';
import { useSync } from '../../sync/context';
import './admin.css';
import { canEditAdministration } from './admin-access';
import { AdminContext, type AdminServices } from './admin-context';
import { AgentsTab } from './AgentsTab';
import { EmailTab } from './EmailTab';
import { QueuesTab } from './QueuesTab';
import { RoutingSettingsTab } from './RoutingSettingsTab';
import { SharedRepliesTab } from './SharedRepliesTab';
import { VoiceTab } from './VoiceTab';
import { WidgetsTab } from './WidgetsTab';
import { SmsSettingsTab } from '../sms/SmsSettingsTab';
import { ComplaintsAdminTab } from '../complaints/ComplaintsAdminTab';
import { SurveysAdminTab } from '../surveys/SurveysAdminTab';
import { ValueAdminTab } from '../customer-value/ValueAdminTab';
import { FollowUpsAdminTab } from '../follow-ups/FollowUpsAdminTab';
import { UsersTab } from './UsersTab';
import { AuditTab } from './AuditTab';
import { RetentionAdminTab } from '../privacy/RetentionAdminTab';

const TABS = [
  { id: 'queues', label: 'admin.tab.queues', Panel: QueuesTab },
  { id: 'agents', label: 'admin.tab.agents', Panel: AgentsTab },
  { id: 'routing', label: 'admin.tab.routing', Panel: RoutingSettingsTab },
  { id: 'voice', label: 'admin.tab.voice', Panel: VoiceTab },
  { id: 'widgets', label: 'admin.tab.widgets', Panel: WidgetsTab },
  { id: 'sms', label: 'admin.tab.sms', Panel: SmsSettingsTab },
  { id: 'email', label: 'admin.tab.email', Panel: EmailTab },
  { id: 'replies', label: 'admin.tab.replies', Panel: SharedRepliesTab },
  // ── complaints ──
  { id: 'complaints', label: 'admin.tab.complaints', Panel: ComplaintsAdminTab },
  // ── follow-ups ──
  { id: 'follow-ups', label: 'admin.tab.followUps', Panel: FollowUpsAdminTab },
  // ── surveys ──
  { id: 'surveys', label: 'admin.tab.surveys', Panel: SurveysAdminTab },
  // ── customer value ──
  { id: 'customer-value', label: 'admin.tab.customerValue', Panel: ValueAdminTab },
  // ── accounts and audit ──
  { id: 'users', label: 'admin.tab.users', Panel: UsersTab },
  { id: 'audit', label: 'admin.tab.audit', Panel: AuditTab },
  // ── data protection ──
  { id: 'retention', label: 'admin.tab.retention', Panel: RetentionAdminTab },
] as const satisfies readonly { id: string; label: MessageKey; Panel: () => JSX.Element }[];

type TabId = (typeof TABS)[number]['id'];

/** The centre's set-up: queues, agents, routing settings, phone numbers, chat widgets and shared replies. Read-only for supervisors. */
export function AdminArea({ session }: { session: StoredSession }) {
  const t = useT();
  const { engine } = useSync();
  const [tab, setTab] = useState<TabId>('queues');
  const services = useMemo<AdminServices>(
    () => ({
      client: createAdminClient(engine.socket),
      socket: engine.socket,
      canEdit: canEditAdministration(session.user.role),
      hubUrl: session.hubUrl,
    }),
    [engine, session.user.role, session.hubUrl],
  );
  const active = TABS.find((candidate) => candidate.id === tab) ?? TABS[0];

  return (
    <AdminContext.Provider value={services}>
      <main className="admin-area" aria-label={t('admin.title')} data-testid="admin-area">
        <div className="admin-head">
          <h1>{t('admin.title')}</h1>
          {!services.canEdit && (
            <p className="admin-readonly" data-testid="admin-readonly">
              {t('admin.readOnly')}
            </p>
          )}
        </div>
        <div className="admin-tabs" role="tablist" aria-label={t('admin.title')}>
          {TABS.map((candidate) => (
            <button
              key={candidate.id}
              type="button"
              role="tab"
              id={`admin-tab-${candidate.id}`}
              aria-selected={candidate.id === tab}
              aria-controls="admin-panel"
              className={`admin-tab${candidate.id === tab ? ' is-active' : ''}`}
              onClick={() => setTab(candidate.id)}
              data-testid={`admin-tab-${candidate.id}`}
            >
              {t(candidate.label)}
            </button>
          ))}
        </div>
        <section className="admin-panel" role="tabpanel" id="admin-panel" aria-labelledby={`admin-tab-${active.id}`}>
          <active.Panel key={active.id} />
        </section>
      </main>
    </AdminContext.Provider>
  );
}
