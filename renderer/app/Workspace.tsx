import { InboxPanel } from '../features/inbox/InboxPanel';
import { OfferToasts } from '../features/inbox/OfferToast';
import { useRoutingShortcuts } from '../features/inbox/useRoutingShortcuts';
import { AdminArea } from '../features/admin/AdminArea';
import { canOpenAdministration } from '../features/admin/admin-access';
import { SupervisorArea } from '../features/supervisor/SupervisorArea';
import { canOpenSupervision } from '../features/supervisor/supervisor-access';
import { SupervisorMessages } from '../features/supervisor/SupervisorMessages';
import { CustomerView } from '../features/customer360/CustomerView';
import { MyComplaints } from '../features/complaints/MyComplaints';
import { ChatPanel } from '../features/chat/ChatPanel';
import { useOptionalPhone } from '../features/phone/phone-context';
import { PhoneDock } from '../features/phone/PhoneDock';
import { useSelectedChat } from '../features/chat/use-selected-chat';
import { SmsPanel } from '../features/sms/SmsPanel';
import { EmailPanel } from '../features/email/EmailPanel';
import { useSelectedEmail } from '../features/email/use-selected-email';
import { useSelectedSms } from '../features/sms/use-selected-sms';
import { SearchPanel } from '../features/search/SearchPanel';
import { Notices } from '../features/status/Notices';
import { useT } from '../i18n/locale-store';
import type { StoredSession } from '../store/session';
import { useWorkspace } from '../store/workspace';
import { Header } from './Header';
import { TaskDesk } from './TaskDesk';
import { MyFollowUps } from '../features/follow-ups/MyFollowUps';
import { CampaignCalls } from '../features/campaigns/CampaignCalls';

/** The agent's one window: header, search on the left, the open customer in the middle. */
export function Workspace({ session }: { session: StoredSession }) {
  const t = useT();
  const openCustomerId = useWorkspace((state) => state.openCustomerId);
  // The desk stays mounted (hidden) behind the administration and supervision areas, so an open chat or customer is still there on return.
  const view = useWorkspace((state) => state.view);
  const adminView = view === 'admin' && canOpenAdministration(session.user.role);
  const supervisorView = view === 'supervisor' && canOpenSupervision(session.user.role);
  const chatTask = useSelectedChat();
  const smsTask = useSelectedSms();
  const emailTask = useSelectedEmail();
  const phone = useOptionalPhone();
  useRoutingShortcuts();
  return (
    <div className="app-shell">
      <Header session={session} />
      {adminView && <AdminArea session={session} />}
      {supervisorView && <SupervisorArea session={session} />}
      <div className="workspace" hidden={adminView || supervisorView}>
        <nav className="sidebar" aria-label={t('workspace.sidebar')}>
          <InboxPanel />
          <SearchPanel />
          {/* ── complaints ── */}
          <MyComplaints />
          {/* ── follow-ups ── */}
          <MyFollowUps />
          {/* ── campaigns ── */}
          <CampaignCalls role={session.user.role} />
        </nav>
        <main className="main" aria-label={t('workspace.main')}>
          <Notices />
          {chatTask ? (
            <TaskDesk task={chatTask} testId="chat-desk">
              <ChatPanel key={chatTask.id} task={chatTask} />
            </TaskDesk>
          ) : smsTask ? (
            <TaskDesk task={smsTask} testId="sms-desk">
              <SmsPanel key={smsTask.id} task={smsTask} />
            </TaskDesk>
          ) : emailTask ? (
            <TaskDesk task={emailTask} testId="email-desk" className="email-desk">
              <EmailPanel key={emailTask.id} task={emailTask} />
            </TaskDesk>
          ) : openCustomerId ? (
            <CustomerView key={openCustomerId} customerId={openCustomerId} />
          ) : (
            <div className="empty-state" data-testid="workspace-empty">
              <p>{t('workspace.empty')}</p>
            </div>
          )}
        </main>
      </div>
      <OfferToasts />
      <SupervisorMessages />
      {phone && <PhoneDock hubUrl={session.hubUrl} user={session.user.username} />}
    </div>
  );
}
