import type { TaskView } from '../../../shared/protocol/routing';
import { useT } from '../../i18n/locale-store';
import { useWorkspace } from '../../store/workspace';
import { CustomerView } from '../customer360/CustomerView';
import { EmailPanel } from './EmailPanel';
import './email.css';

/** An email task being worked: the conversation on the left, the customer's 360 and timeline beside it (as a chat is). */
export function EmailDesk({ task }: { task: TaskView }) {
  const t = useT();
  const openCustomerId = useWorkspace((state) => state.openCustomerId);
  const customerId = openCustomerId ?? task.customerId;
  return (
    <div className="chat-desk email-desk" data-testid="email-desk">
      <EmailPanel key={task.id} task={task} />
      <div className="chat-desk-customer">
        {customerId ? (
          <CustomerView key={customerId} customerId={customerId} />
        ) : (
          <div className="empty-state">
            <p>{t('workspace.empty')}</p>
          </div>
        )}
      </div>
    </div>
  );
}
