import { useState } from 'react';
import { useT } from '../../i18n/locale-store';
import { supervisorFailureText } from './failure-text';
import type { MessageTarget } from './supervisor-client';
import { useSupervisor } from './supervisor-context';
import { useAction } from './use-action';

const MAX_MESSAGE = 1000;

/** A short note to one agent or a whole team: it pops up on their desk and as a desktop notification. */
export function MessageForm({ target, label, onClose }: { target: MessageTarget; label: string; onClose: () => void }) {
  const t = useT();
  const { client } = useSupervisor();
  const { busy, failure, run } = useAction();
  const [text, setText] = useState('');
  /** Desktops the last message reached; null until one is sent (or after the text changes). */
  const [delivered, setDelivered] = useState<number | null>(null);
  const title = target.kind === 'agent' ? t('supervisor.message.toAgentTitle', { agent: label }) : t('supervisor.message.toTeamTitle', { team: label });

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    setDelivered(null);
    const result = await run(() => client.message(target, text.trim()));
    if (result.ok) {
      setText('');
      setDelivered(result.data.delivered);
    }
  };

  return (
    <form className="supervisor-card supervisor-form message-form" onSubmit={submit} aria-label={title} data-testid="message-form">
      <h3>{title}</h3>
      <textarea
        value={text}
        maxLength={MAX_MESSAGE}
        rows={3}
        placeholder={t('supervisor.message.placeholder')}
        aria-label={t('supervisor.message.text')}
        onChange={(event) => {
          setText(event.target.value);
          setDelivered(null);
        }}
        data-testid="message-text"
      />
      {delivered !== null && (
        // Nobody signed in is worth saying: the note is not kept for later.
        <p className={delivered > 0 ? 'supervisor-ok' : 'supervisor-error'} role="status" data-testid="message-sent" data-delivered={delivered}>
          {delivered > 0 ? t('supervisor.message.sent', { count: delivered }) : t('supervisor.message.nobody')}
        </p>
      )}
      {failure && (
        <p className="supervisor-error" role="alert">
          {supervisorFailureText(t, 'message', failure)}
        </p>
      )}
      <div className="supervisor-form-actions">
        <button type="button" className="button ghost" onClick={onClose}>
          {t('supervisor.close')}
        </button>
        <button type="submit" className="button primary" disabled={busy || text.trim() === ''} data-testid="message-send">
          {t('supervisor.message.send')}
        </button>
      </div>
    </form>
  );
}
