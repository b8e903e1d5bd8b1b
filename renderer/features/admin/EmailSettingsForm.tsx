import { type FormEvent, useState } from 'react';
import type { Queue } from '../../../shared/domain/routing';
import type { EmailSettingsView } from '../../../shared/protocol/email';
import { useT } from '../../i18n/locale-store';
import { useAdmin } from './admin-context';
import { draftFromEmail, type EmailDraft, emailFromDraft, type MailboxRow, NEW_MAILBOX, queuesTakingEmail } from './email-form';
import { FieldMessage } from './FieldMessage';
import { MailboxRowFields } from './MailboxRowFields';
import { NumberField } from './NumberField';
import { SaveBar } from './SaveBar';
import { useSave } from './use-save';

type Props = { initial: EmailDraft; queues: readonly Queue[]; onSaved(settings: EmailSettingsView): void };

/** The addresses the centre receives mail for, the queue each one feeds, and how large a mail may be. */
export function EmailSettingsForm({ initial, queues, onSaved }: Props) {
  const t = useT();
  const { client, canEdit } = useAdmin();
  const [draft, setDraft] = useState(initial);
  // After a save the hub's view replaces the draft: a password just typed is from then on simply "set".
  const { errors, status, save, touched } = useSave('email', client.saveEmailSettings, (saved: EmailSettingsView) => {
    setDraft(draftFromEmail(saved));
    onSaved(saved);
  });
  const emailQueues = queuesTakingEmail(queues);
  const edit = (change: Partial<EmailDraft>) => {
    setDraft({ ...draft, ...change });
    touched();
  };
  const setRow = (index: number, change: Partial<MailboxRow>) =>
    edit({ mailboxes: draft.mailboxes.map((row, i) => (i === index ? { ...row, ...change } : row)) });
  // A mailbox saved before its queue stopped taking email still shows that queue rather than a blank choice.
  const choicesFor = (queueId: string): readonly Queue[] => {
    if (queueId === '' || emailQueues.some((queue) => queue.id === queueId)) return emailQueues;
    const current = queues.find((queue) => queue.id === queueId);
    return current ? [...emailQueues, current] : emailQueues;
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(emailFromDraft(draft));
  }

  return (
    <form className="admin-form admin-form-single" onSubmit={submit} aria-label={t('emailAdmin.mailboxes')} data-testid="email-settings-form" noValidate>
      <fieldset disabled={!canEdit}>
        <section className="admin-section">
          <h3>{t('emailAdmin.mailboxes')}</h3>
          <p className="admin-help">{t('emailAdmin.mailboxesHelp')}</p>
          {draft.mailboxes.length === 0 && (
            <p className="muted" data-testid="email-none">
              {t('emailAdmin.none')}
            </p>
          )}
          {draft.mailboxes.map((row, index) => (
            <MailboxRowFields
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by index, as their error paths are
              key={index}
              row={row}
              index={index}
              queues={choicesFor(row.queueId)}
              errors={errors}
              onChange={(change) => setRow(index, change)}
              onRemove={() => edit({ mailboxes: draft.mailboxes.filter((_, i) => i !== index) })}
            />
          ))}
          <FieldMessage errors={errors} paths="mailboxes" />
          {canEdit && (
            <button type="button" className="button small email-add" onClick={() => edit({ mailboxes: [...draft.mailboxes, { ...NEW_MAILBOX }] })} data-testid="email-add">
              {t('emailAdmin.add')}
            </button>
          )}
        </section>
        <section className="admin-section">
          <h3>{t('emailAdmin.limits')}</h3>
          <div className="admin-grid">
            <NumberField
              label={t('emailAdmin.maxMessage')}
              path="maxMessageBytes"
              value={draft.maxMessageMb}
              onChange={(maxMessageMb) => edit({ maxMessageMb })}
              errors={errors}
              unit={t('emailAdmin.unitMb')}
              testId="email-max-message"
            />
            <NumberField
              label={t('emailAdmin.maxAttachment')}
              path="maxAttachmentBytes"
              value={draft.maxAttachmentMb}
              onChange={(maxAttachmentMb) => edit({ maxAttachmentMb })}
              errors={errors}
              unit={t('emailAdmin.unitMb')}
              testId="email-max-attachment"
            />
          </div>
          <p className="admin-help">{t('emailAdmin.limitsHelp')}</p>
        </section>
      </fieldset>
      <SaveBar status={status} />
    </form>
  );
}
