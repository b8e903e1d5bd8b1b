import { useEffect, useState } from 'react';
import type { SupervisorMessage } from '../../../shared/protocol/supervisor';
import { formatTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import { translate } from '../../i18n/translate';
import { getPlatform } from '../../platform/platform';
import { useSync } from '../../sync/context';
import { SupervisorMessageSchema } from './supervisor-wire';
import './supervisor-messages.css';

/** Kept on screen until read: a supervisor's word should not vanish while the agent is on a call. */
const MAX_SHOWN = 5;

/** The agent's side: notes from a supervisor, on the desk and as an OS notification. */
export function SupervisorMessages() {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { engine } = useSync();
  const [messages, setMessages] = useState<SupervisorMessage[]>([]);

  useEffect(() => {
    const onMessage = (raw: unknown) => {
      const parsed = SupervisorMessageSchema.safeParse(raw);
      if (!parsed.success) return;
      const message = parsed.data;
      setMessages((current) => (current.some((m) => m.id === message.id) ? current : [...current, message].slice(-MAX_SHOWN)));
      const current = useLocale.getState().locale;
      getPlatform().notify(translate(current, 'supervisor.inbound.notifyTitle', { from: message.fromName }), message.text);
    };
    engine.socket.on('supervisor:message', onMessage);
    return () => {
      engine.socket.off('supervisor:message', onMessage);
    };
  }, [engine]);

  if (messages.length === 0) return null;
  return (
    <section className="supervisor-messages" aria-label={t('supervisor.inbound.region')}>
      {messages.map((message) => (
        <div key={message.id} className="supervisor-message" role="alert" data-testid="supervisor-message">
          <div className="supervisor-message-head">
            <strong>
              {message.to === 'you'
                ? t('supervisor.inbound.fromToYou', { from: message.fromName })
                : t('supervisor.inbound.fromToTeam', { from: message.fromName, team: message.to.queueName })}
            </strong>
            <span className="muted mono">{formatTime(message.at, locale)}</span>
          </div>
          <p className="supervisor-message-text">{message.text}</p>
          <button
            type="button"
            className="button ghost small"
            onClick={() => setMessages((current) => current.filter((m) => m.id !== message.id))}
            data-testid="supervisor-message-dismiss"
          >
            {t('supervisor.inbound.dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}
