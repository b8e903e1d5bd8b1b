import type { SmsMessage } from '../../../shared/protocol/sms';
import { formatTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import { AlertIcon, CheckIcon, ClockIcon, DoubleCheckIcon } from '../chat/chat-icons';
import { hubHref } from '../chat/chat-logic';
import { ConversationLog } from '../chat/ConversationLog';
import { useSmsServices } from './sms-context';
import { isWorthResending, smsProblemKey } from './sms-logic';
import type { PendingSms, SmsRoom } from './sms-store';

/** An outbound text's delivery, as the provider last reported it; a failed one can be sent again. */
function Delivery({ taskId, message }: { taskId: string; message: SmsMessage }) {
  const t = useT();
  const { client } = useSmsServices();
  const { status } = message;
  if (status === 'received') return null;
  const failed = status === 'failed' || status === 'undelivered';
  return (
    <span className={`chat-mark sms-status is-${status}`} data-testid="sms-status" data-status={status} role={failed ? 'alert' : undefined}>
      {failed ? <AlertIcon /> : status === 'queued' ? <ClockIcon /> : status === 'sent' ? <CheckIcon /> : <DoubleCheckIcon />}
      <span>{t(`sms.status.${status}`)}</span>
      {failed && message.error && <span className="sms-error">({message.error})</span>}
      {failed && (
        <button type="button" className="link-button" onClick={() => void client.retryFailed(taskId, message.id)} data-testid="sms-retry">
          {t('sms.retry')}
        </button>
      )}
    </span>
  );
}

function Message({ taskId, message, customerName }: { taskId: string; message: SmsMessage; customerName: string }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { hubUrl } = useSmsServices();
  const from = message.direction === 'inbound' ? 'visitor' : 'agent';
  return (
    <li className={`chat-line from-${from}`} data-testid="sms-message" data-direction={message.direction}>
      <div className="chat-bubble">
        {message.media.map((media) => (
          <img key={media.attachmentId} className="sms-picture" src={hubHref(hubUrl, media.url)} alt={t('sms.picture')} loading="lazy" />
        ))}
        {message.text && <p className="chat-line-text">{message.text}</p>}
      </div>
      <div className="chat-line-meta">
        <span className="chat-author">{message.direction === 'inbound' ? customerName : t('sms.you')}</span>
        <time className="chat-time">{formatTime(message.at, locale)}</time>
        {message.direction === 'outbound' && <Delivery taskId={taskId} message={message} />}
      </div>
      {message.direction === 'inbound' && message.error && <p className="sms-note muted">{t('sms.mediaProblem', { reason: message.error })}</p>}
    </li>
  );
}

function Pending({ taskId, entry }: { taskId: string; entry: PendingSms }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { client } = useSmsServices();
  return (
    <li className={`chat-line from-agent ${entry.failure ? 'is-failed' : 'is-pending'}`} data-testid="sms-pending" data-failed={entry.failure ? 'true' : 'false'}>
      <div className="chat-bubble">
        <p className="chat-line-text">{entry.text}</p>
      </div>
      <div className="chat-line-meta">
        <span className="chat-author">{t('sms.you')}</span>
        <time className="chat-time">{formatTime(entry.createdAt, locale)}</time>
        {entry.failure ? (
          <span className="chat-mark is-failed" role="alert">
            <AlertIcon />
            <span data-testid="sms-failure">{t('sms.failedBecause', { reason: t(smsProblemKey(entry.failure, entry.reason)) })}</span>
            {isWorthResending(entry.failure, entry.reason) && (
              <button type="button" className="link-button" onClick={() => void client.retryPending(taskId, entry.clientId)}>
                {t('sms.retry')}
              </button>
            )}
            <button type="button" className="link-button" onClick={() => void client.discard(taskId, entry.clientId)} data-testid="sms-discard">
              {t('sms.discard')}
            </button>
          </span>
        ) : (
          <span className="chat-mark is-pending" title={t('sms.status.pending')}>
            <ClockIcon />
            <span>{t('sms.status.pending')}</span>
          </span>
        )}
      </div>
    </li>
  );
}

/** The conversation: the customer on the left, our replies on the right with their delivery, then what waits in the outbox. */
export function SmsMessages({ room, customerName }: { room: SmsRoom; customerName: string }) {
  const t = useT();
  const count = room.messages.length + room.pending.length;
  return (
    <ConversationLog
      revision={count}
      emptyText={count === 0 && room.load.kind === 'ready' ? t('sms.empty') : null}
      label={t('sms.conversation', { name: customerName })}
      testId="sms-messages"
    >
      {room.messages.map((message) => (
        <Message key={message.id} taskId={room.taskId} message={message} customerName={customerName} />
      ))}
      {room.pending.map((entry) => (
        <Pending key={entry.clientId} taskId={room.taskId} entry={entry} />
      ))}
    </ConversationLog>
  );
}
