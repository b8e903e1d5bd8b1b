import { useT } from '../../i18n/locale-store';
import type { AdminClient } from '../../sync/admin-client';
import { useAdmin } from './admin-context';
import './email-admin.css';
import { draftFromEmail } from './email-form';
import { EmailSettingsForm } from './EmailSettingsForm';
import { HubDataStatus } from './HubDataStatus';
import { QuarantineList } from './QuarantineList';
import { useHubData } from './use-hub-data';

const loadEmail = (client: AdminClient) => client.emailSettings();
const loadQueues = (client: AdminClient) => client.queues();

function AdminEmail() {
  const email = useHubData(loadEmail);
  const queues = useHubData(loadQueues);
  if (email.state.status !== 'ready' || queues.state.status !== 'ready') {
    return (
      <HubDataStatus
        states={[email.state, queues.state]}
        onRetry={() => {
          email.reload();
          queues.reload();
        }}
      />
    );
  }
  return (
    <div className="email-tab">
      <EmailSettingsForm initial={draftFromEmail(email.state.data)} queues={queues.state.data} onSaved={(saved) => email.update(() => saved)} />
      <QuarantineList />
    </div>
  );
}

/**
 * Inbound mail: the mailboxes and the quarantine. Unlike the other tabs a
 * supervisor cannot even read it (the hub keeps it to admins: it holds
 * mailbox accounts and unfiltered mail), so they get a sentence, not a refusal.
 */
export function EmailTab() {
  const t = useT();
  const { canEdit } = useAdmin();
  if (!canEdit) {
    return (
      <p className="muted admin-loading" data-testid="email-admins-only">
        {t('emailAdmin.adminsOnly')}
      </p>
    );
  }
  return <AdminEmail />;
}
