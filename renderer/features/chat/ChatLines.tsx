import type { ChatLine, ChatReceipts } from '../../../shared/domain/chat';
import { formatTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import type { ChatRoom, PendingLine } from '../../store/chat';
import { useChatServices } from './chat-context';
import { AlertIcon, CheckIcon, ClockIcon, DoubleCheckIcon } from './chat-icons';
import { isWorthRetrying, lineMark, problemKey } from './chat-logic';
import { ChatAttachmentView } from './ChatAttachmentView';
import { ConversationLog } from './ConversationLog';

function Mark({ line, receipts }: { line: ChatLine; receipts: ChatReceipts | null }) {
  const t = useT();
  const mark = lineMark(line, receipts);
  return (
    <span className={`chat-mark is-${mark}`} title={t(`chat.mark.${mark}`)} data-testid="chat-mark" data-mark={mark}>
      {mark === 'sent' ? <CheckIcon /> : <DoubleCheckIcon />}
      <span className="chat-sr-only">{t(`chat.mark.${mark}`)}</span>
    </span>
  );
}

function Line({ line, receipts }: { line: ChatLine; receipts: ChatReceipts | null }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  if (line.from === 'system') {
    return (
      <li className="chat-line from-system" data-testid="chat-line" data-from="system" data-seq={line.seq}>
        <span className="chat-system-text">{line.text}</span>
        <time className="chat-time">{formatTime(line.at, locale)}</time>
      </li>
    );
  }
  return (
    <li className={`chat-line from-${line.from}`} data-testid="chat-line" data-from={line.from} data-seq={line.seq}>
      <div className="chat-bubble">
        {line.attachment && <ChatAttachmentView attachment={line.attachment} />}
        {line.text && <p className="chat-line-text">{line.text}</p>}
      </div>
      <div className="chat-line-meta">
        <span className="chat-author">{line.authorName || t(line.from === 'visitor' ? 'chat.visitor' : 'chat.you')}</span>
        <time className="chat-time">{formatTime(line.at, locale)}</time>
        {line.from === 'agent' && <Mark line={line} receipts={receipts} />}
      </div>
    </li>
  );
}

function Pending({ taskId, entry }: { taskId: string; entry: PendingLine }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { client } = useChatServices();
  return (
    <li
      className={`chat-line from-agent ${entry.failure ? 'is-failed' : 'is-pending'}`}
      data-testid="chat-pending"
      data-client-id={entry.clientId}
      data-failed={entry.failure ? 'true' : 'false'}
    >
      <div className="chat-bubble">
        {entry.attachment && <ChatAttachmentView attachment={entry.attachment} />}
        {entry.text && <p className="chat-line-text">{entry.text}</p>}
      </div>
      <div className="chat-line-meta">
        <span className="chat-author">{t('chat.you')}</span>
        <time className="chat-time">{formatTime(entry.createdAt, locale)}</time>
        {entry.failure ? (
          <span className="chat-mark is-failed" role="alert">
            <AlertIcon />
            <span data-testid="chat-failure">{t('chat.failed', { reason: t(problemKey(entry.failure)) })}</span>
            {isWorthRetrying(entry.failure) && (
              <button type="button" className="link-button" onClick={() => void client.retry(taskId, entry.clientId)} data-testid="chat-retry">
                {t('chat.retry')}
              </button>
            )}
            <button type="button" className="link-button" onClick={() => void client.discard(taskId, entry.clientId)} data-testid="chat-discard">
              {t('chat.discard')}
            </button>
          </span>
        ) : (
          <span className="chat-mark is-pending" title={t('chat.pending')}>
            <ClockIcon />
            <span className="chat-sr-only">{t('chat.pending')}</span>
          </span>
        )}
      </div>
    </li>
  );
}

/**
 * The conversation: the visitor on the left, me on the right, the hub's own
 * lines centred, then what I wrote that the hub has not confirmed. Every
 * text is a React text node: HTML a visitor types stays text.
 */
export function ChatLines({ room, visitorName, typing }: { room: ChatRoom; visitorName: string; typing: boolean }) {
  const t = useT();
  const count = room.lines.length + room.pending.length;
  return (
    <ConversationLog
      revision={`${count}:${typing}`}
      emptyText={count === 0 && room.load.kind === 'ready' ? t('chat.empty') : null}
      label={t('chat.conversation', { name: visitorName })}
      testId="chat-lines"
      after={
        typing && (
          <p className="chat-typing" data-testid="chat-typing">
            <span className="chat-typing-dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            {t('chat.typing', { name: visitorName })}
          </p>
        )
      }
    >
      {room.lines.map((line) => (
        <Line key={line.id} line={line} receipts={room.receipts} />
      ))}
      {room.pending.map((entry) => (
        <Pending key={entry.clientId} taskId={room.taskId} entry={entry} />
      ))}
    </ConversationLog>
  );
}
