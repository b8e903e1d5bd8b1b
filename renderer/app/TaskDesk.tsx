import type { ReactNode } from 'react';
import type { TaskView } from '../../shared/protocol/routing';
import { useT } from '../i18n/locale-store';
import { useWorkspace } from '../store/workspace';
import { CustomerView } from '../features/customer360/CustomerView';
// The desk layout (.chat-desk) was drawn for chat first; every conversation channel reuses it.
import '../features/chat/chat.css';

/**
 * A task being worked (chat, SMS, email): its conversation panel on the left, the customer's 360 and timeline
 * beside it. The customer shown is the one the agent last opened (the task's own, unless they looked someone
 * else up meanwhile).
 */
export function TaskDesk({
  task,
  testId,
  className,
  children,
}: {
  task: TaskView;
  testId: string;
  /** Extra class for channel-specific styling on top of the shared layout. */
  className?: string;
  /** The channel's conversation panel. */
  children: ReactNode;
}) {
  const t = useT();
  const openCustomerId = useWorkspace((state) => state.openCustomerId);
  const customerId = openCustomerId ?? task.customerId;
  return (
    <div className={className ? `chat-desk ${className}` : 'chat-desk'} data-testid={testId}>
      {children}
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
