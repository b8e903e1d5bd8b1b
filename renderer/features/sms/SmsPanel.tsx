import type { TaskView } from '../../../shared/protocol/routing';
import { formatPhone } from '../../../shared/phone/e164';
import { useT } from '../../i18n/locale-store';
import { useRouting, useRoutingServices } from '../inbox/routing-context';
import { PauseIcon } from '../chat/chat-icons';
import { problemKey } from '../chat/chat-logic';
import { useSms, useSmsRoom } from './sms-context';
import { SmsComposer } from './SmsComposer';
import { SmsMessages } from './SmsMessages';
import '../chat/chat.css';
import './sms.css';

/** One SMS conversation as the agent works it: who, our number, opt-out, the texts and the composer. */
export function SmsPanel({ task }: { task: TaskView }) {
  const t = useT();
  const room = useSmsRoom(task.id);
  const live = useSms((state) => state.live);
  const { client } = useRoutingServices();
  const routingLive = useRouting((state) => state.live);
  const conversation = room?.conversation ?? null;
  const customerName = conversation ? formatPhone(conversation.customerNumber) : t('sms.customer');
  const optedOut = room?.optedOut ?? false;

  return (
    <section className="chat-panel sms-panel" aria-label={t('sms.conversation', { name: customerName })} data-testid="sms-panel" data-task-id={task.id}>
      <header className="chat-head">
        <span className="chat-avatar" aria-hidden="true">
          SMS
        </span>
        <div className="chat-head-main">
          <div className="chat-head-title">
            <h2 className="mono" data-testid="sms-customer">
              {customerName}
            </h2>
            {optedOut && (
              <span className="chat-status sms-opted-out" data-testid="sms-opted-out">
                {t('sms.optedOutBadge')}
              </span>
            )}
          </div>
          {conversation && <div className="chat-head-sub">{t('sms.via', { number: formatPhone(conversation.ourNumber) })}</div>}
        </div>
        <div className="chat-head-actions">
          {task.status === 'assigned' && (
            <button type="button" className="button small" disabled={!routingLive} onClick={() => void client.complete(task.id)} data-testid="sms-end">
              {t('chat.end')}
            </button>
          )}
        </div>
      </header>
      {!live && (
        <p className="chat-banner is-paused" role="status">
          <PauseIcon />
          {t('sms.paused')}
        </p>
      )}
      {optedOut && (
        <p className="chat-banner is-ended" role="status" data-testid="sms-opted-out-banner">
          {t('sms.optedOut')}
        </p>
      )}
      {task.status === 'wrap-up' && <p className="chat-banner is-wrapup">{t('sms.wrapUp')}</p>}
      {room?.load.kind === 'failed' && live && (
        <p className="chat-banner is-error" role="alert">
          {t('sms.openFailed', { reason: t(problemKey(room.load.code)) })}
        </p>
      )}
      {!room || (room.load.kind === 'opening' && room.messages.length === 0) ? (
        <p className="chat-scroll muted chat-opening">{t('sms.opening')}</p>
      ) : (
        <SmsMessages room={room} customerName={customerName} />
      )}
      <SmsComposer taskId={task.id} draft={room?.draft ?? ''} disabled={task.status !== 'assigned' || optedOut} optedOut={optedOut} />
    </section>
  );
}
