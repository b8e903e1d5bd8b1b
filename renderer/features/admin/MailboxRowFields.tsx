import type { Queue } from '../../../shared/domain/routing';
import { useT } from '../../i18n/locale-store';
import { useAdmin } from './admin-context';
import type { MailboxRow } from './email-form';
import { sendsPassword } from './email-form';
import type { FieldErrors } from './field-errors';
import { FieldMessage, isInvalid } from './FieldMessage';

type Props = {
  row: MailboxRow;
  index: number;
  /** The queues this row may choose (those taking email, plus its current one). */
  queues: readonly Queue[];
  errors: FieldErrors;
  onChange(change: Partial<MailboxRow>): void;
  onRemove(): void;
};

/** One mailbox: its address and queue, and the IMAP account the hub fetches it from, if any. */
export function MailboxRowFields({ row, index, queues, errors, onChange, onRemove }: Props) {
  const t = useT();
  const { canEdit } = useAdmin();
  const at = (field: string) => `mailboxes.${index}.${field}`;
  const text = (field: 'host' | 'user' | 'folder', label: string, max: number) => (
    <label className="field">
      <span>{label}</span>
      <input
        value={row[field]}
        maxLength={max}
        spellCheck={false}
        aria-invalid={isInvalid(errors, at(`imap.${field}`))}
        onChange={(event) => onChange({ [field]: event.target.value })}
        data-testid={`email-imap-${field}`}
      />
      <FieldMessage errors={errors} paths={at(`imap.${field}`)} />
    </label>
  );

  return (
    <fieldset className="email-mailbox" data-testid="email-mailbox">
      <legend>{t('emailAdmin.mailboxN', { n: index + 1 })}</legend>
      <div className="admin-grid">
        <label className="field">
          <span>{t('emailAdmin.address')}</span>
          <input
            type="email"
            value={row.address}
            maxLength={320}
            spellCheck={false}
            aria-invalid={isInvalid(errors, at('address'))}
            onChange={(event) => onChange({ address: event.target.value })}
            data-testid="email-address"
          />
          <FieldMessage errors={errors} paths={at('address')} />
        </label>
        <label className="field">
          <span>{t('emailAdmin.queue')}</span>
          <select
            value={row.queueId}
            aria-invalid={isInvalid(errors, at('queueId'))}
            onChange={(event) => onChange({ queueId: event.target.value })}
            data-testid="email-queue"
          >
            <option value="">{t('admin.choose')}</option>
            {queues.map((queue) => (
              <option key={queue.id} value={queue.id}>
                {queue.name}
              </option>
            ))}
          </select>
          <FieldMessage errors={errors} paths={[at('queueId'), `mailboxes.${index}`]} />
        </label>
      </div>
      <div className="email-mailbox-foot">
        <label className="admin-check">
          <input type="checkbox" checked={row.imap} onChange={(event) => onChange({ imap: event.target.checked })} data-testid="email-imap" />
          <span>{t('emailAdmin.imap')}</span>
        </label>
        {canEdit && (
          <button type="button" className="button small" onClick={onRemove} data-testid="email-remove">
            {t('emailAdmin.remove', { n: index + 1 })}
          </button>
        )}
      </div>
      {row.imap && (
        <div className="email-imap" data-testid="email-imap-fields">
          <div className="admin-grid">
            {text('host', t('emailAdmin.host'), 253)}
            <label className="field">
              <span>{t('emailAdmin.port')}</span>
              <input
                className="admin-short"
                inputMode="numeric"
                value={row.port}
                aria-invalid={isInvalid(errors, at('imap.port'))}
                onChange={(event) => onChange({ port: event.target.value })}
                data-testid="email-imap-port"
              />
              <FieldMessage errors={errors} paths={at('imap.port')} />
            </label>
            {text('user', t('emailAdmin.user'), 320)}
            {text('folder', t('emailAdmin.folder'), 200)}
          </div>
          <label className="admin-check">
            <input type="checkbox" checked={row.secure} onChange={(event) => onChange({ secure: event.target.checked })} data-testid="email-imap-secure" />
            <span>{t('emailAdmin.secure')}</span>
          </label>
          <div className="field">
            <span>{t('emailAdmin.password')}</span>
            {sendsPassword(row) ? (
              <span className="admin-inline">
                <input
                  type="password"
                  autoComplete="new-password"
                  value={row.password}
                  maxLength={200}
                  aria-label={t('emailAdmin.password')}
                  aria-invalid={isInvalid(errors, at('imap.password'))}
                  onChange={(event) => onChange({ password: event.target.value })}
                  data-testid="email-imap-password"
                />
                {row.passwordSet && canEdit && (
                  <button type="button" className="button small" onClick={() => onChange({ changePassword: false, password: '' })} data-testid="email-password-keep">
                    {t('emailAdmin.passwordKeep')}
                  </button>
                )}
              </span>
            ) : (
              <span className="admin-inline">
                <span className="muted" data-testid="email-password-kept">
                  {t('emailAdmin.passwordKept')}
                </span>
                {canEdit && (
                  <button type="button" className="button small" onClick={() => onChange({ changePassword: true })} data-testid="email-password-change">
                    {t('emailAdmin.passwordChange')}
                  </button>
                )}
              </span>
            )}
            <FieldMessage errors={errors} paths={at('imap.password')} />
          </div>
          <FieldMessage errors={errors} paths={at('imap')} />
        </div>
      )}
    </fieldset>
  );
}
