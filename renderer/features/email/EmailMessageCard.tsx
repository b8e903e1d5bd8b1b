import { useState } from 'react';
import type { EmailAddress, EmailMessage } from '../../../shared/domain/email';
import type { ComposeMode } from '../../../shared/email/reply-headers';
import { formatDateTime, formatTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import { type EmailProblem, retryEmail } from './email-client';
import { useEmailServices } from './email-context';
import { EmailAttachments } from './EmailAttachments';
import { HtmlBody } from './HtmlBody';
import { deliveryState } from './thread-logic';

const who = (a: EmailAddress) => (a.name ? `${a.name} <${a.address}>` : a.address);

function Delivery({ message, pending, reachable, onUpdated }: { message: EmailMessage; pending: boolean; reachable: boolean; onUpdated(message: EmailMessage): void }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { socket } = useEmailServices();
  const [problem, setProblem] = useState<EmailProblem | null>(null);
  if (pending) return <span className="email-delivery is-pending" data-testid="email-delivery" data-status="pending">{t('email.delivery.pending')}</span>;
  if (!message.delivery) return null;
  const state = deliveryState(message.delivery);
  const retry = () =>
    void retryEmail(socket, message.id).then((result) => {
      if (result.ok) onUpdated(result.data);
      setProblem(result.ok ? null : result.problem);
    });
  return (
    <span className={`email-delivery is-${state.kind}`} data-testid="email-delivery" data-status={state.kind}>
      {state.kind === 'queued' && t('email.delivery.queued')}
      {state.kind === 'sent' && t('email.delivery.sent', { time: formatTime(state.at, locale) })}
      {state.kind === 'failed' && (
        <>
          {t('email.delivery.failed', { reason: state.reason })}
          {' · '}
          {state.retryAt === null ? t('email.delivery.gaveUp') : t('email.delivery.retrying', { time: formatTime(state.retryAt, locale) })}
          <button type="button" className="button small" disabled={!reachable} onClick={retry} data-testid="email-retry">
            {t('email.retry')}
          </button>
        </>
      )}
      {problem && <span className="email-problem">{t('email.retryFailed', { reason: t(`error.${problem}`) })}</span>}
    </span>
  );
}

/** One mail of the thread: who, when, its body (HTML framed and sanitised, or text), its files, and for ours how its sending goes. */
export function EmailMessageCard({
  message,
  pending,
  reachable,
  onCompose,
  onUpdated,
}: {
  message: EmailMessage;
  pending: boolean;
  reachable: boolean;
  onCompose: ((mode: ComposeMode) => void) | null;
  onUpdated(message: EmailMessage): void;
}) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const outbound = message.direction === 'outbound';
  return (
    <article className={`email-message${outbound ? ' is-outbound' : ''}`} data-testid="email-message" data-direction={message.direction} data-id={message.id}>
      <header className="email-message-head">
        <dl className="email-headers">
          {!pending && (
            <>
              <dt>{t('email.from')}</dt>
              <dd data-testid="email-from">{who(message.from)}</dd>
            </>
          )}
          <dt>{t('email.to')}</dt>
          <dd>{message.to.map(who).join(', ')}</dd>
          {message.cc.length > 0 && (
            <>
              <dt>{t('email.cc')}</dt>
              <dd>{message.cc.map(who).join(', ')}</dd>
            </>
          )}
          {message.bcc.length > 0 && (
            <>
              <dt>{t('email.bcc')}</dt>
              <dd>{message.bcc.map(who).join(', ')}</dd>
            </>
          )}
          <dt>{t('email.date')}</dt>
          <dd>{formatDateTime(message.at, locale)}</dd>
        </dl>
        <div className="email-message-tags">
          <span className={`email-direction${outbound ? ' is-outbound' : ''}`}>{outbound ? t('email.outbound') : t('email.inbound')}</span>
          {message.autoKind !== 'none' && <span className="email-autokind">{t(`email.autoKind.${message.autoKind}`)}</span>}
          {outbound && <Delivery message={message} pending={pending} reachable={reachable} onUpdated={onUpdated} />}
        </div>
      </header>
      <h3 className="email-message-subject">{message.subject}</h3>
      {message.problems.length > 0 && (
        <div className="email-problems" role="note">
          <span>{t('email.problems')}</span>
          <ul>
            {message.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {message.html ? (
        <HtmlBody message={message} html={message.html} />
      ) : (
        <pre className="email-text" data-testid="email-text">
          {message.text.trim() || t('email.noBody')}
        </pre>
      )}
      {!pending && <EmailAttachments emailId={message.id} files={message.attachments} />}
      {onCompose && (
        <footer className="email-message-actions">
          <button type="button" className="button small" onClick={() => onCompose('reply')} data-testid="email-reply">
            {t('email.reply')}
          </button>
          <button type="button" className="button small" onClick={() => onCompose('reply-all')} data-testid="email-reply-all">
            {t('email.replyAll')}
          </button>
          <button type="button" className="button small" onClick={() => onCompose('forward')} data-testid="email-forward">
            {t('email.forward')}
          </button>
        </footer>
      )}
    </article>
  );
}
