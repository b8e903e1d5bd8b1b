import type { TaskView } from '../../../shared/protocol/routing';
import { useT } from '../../i18n/locale-store';
import { useWorkspace } from '../../store/workspace';
import { CustomerView } from '../customer360/CustomerView';
import { ChatPanel } from './ChatPanel';
import './chat.css';

/**
 * A chat being worked: the conversation on the left, the customer's 360 and
 * timeline beside it. The customer shown is the one the agent last opened
 * (the chat's own, unless they looked someone else up meanwhile).
 */
export function ChatDesk({ task }: { task: TaskView }) {
  const t = useT();
  const openCustomerId = useWorkspace((state) => state.openCustomerId);
  const customerId = openCustomerId ?? task.customerId;
  return (
    <div className="chat-desk" data-testid="chat-desk">
      <ChatPanel key={task.id} task={task} />
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
