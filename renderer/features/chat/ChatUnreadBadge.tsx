import { useT } from '../../i18n/locale-store';
import { unreadCount } from '../../store/chat';
import { useChat } from './chat-context';
import './chat.css';

/** The count of visitor lines I have not seen, on a chat's inbox row; nothing when all is read. */
export function ChatUnreadBadge({ taskId }: { taskId: string }) {
  const t = useT();
  const count = useChat((state) => {
    const room = state.rooms[taskId];
    return room ? unreadCount(room) : 0;
  });
  if (count === 0) return null;
  return (
    <span className="chat-unread" title={t('chat.unread', { count })} data-testid="chat-unread" data-count={count}>
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span className="chat-sr-only">{t('chat.unread', { count })}</span>
    </span>
  );
}
