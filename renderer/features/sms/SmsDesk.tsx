import type { TaskView } from '../../../shared/protocol/routing';
import { useT } from '../../i18n/locale-store';
import { useWorkspace } from '../../store/workspace';
import { CustomerView } from '../customer360/CustomerView';
import { SmsPanel } from './SmsPanel';

/** An SMS conversation being worked: the texts on the left, the customer's 360 and timeline beside them (as the chat desk). */
export function SmsDesk({ task }: { task: TaskView }) {
  const t = useT();
  const openCustomerId = useWorkspace((state) => state.openCustomerId);
  const customerId = openCustomerId ?? task.customerId;
  return (
    <div className="chat-desk" data-testid="sms-desk">
      <SmsPanel key={task.id} task={task} />
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
