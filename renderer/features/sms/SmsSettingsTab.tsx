import { type FormEvent, useState } from 'react';
import type { Queue } from '../../../shared/domain/routing';
import type { SmsSettingsView } from '../../../shared/protocol/sms';
import { useT } from '../../i18n/locale-store';
import type { AdminClient } from '../../sync/admin-client';
import { useAdmin } from '../admin/admin-context';
import { FieldMessage, isInvalid } from '../admin/FieldMessage';
import { HubDataStatus } from '../admin/HubDataStatus';
import { SaveBar } from '../admin/SaveBar';
import { useHubData } from '../admin/use-hub-data';
import { useSave } from '../admin/use-save';
import { draftFromSms, NEW_SMS_NUMBER, type SmsDraft, type SmsNumberRow, queuesTakingSms, smsFromDraft } from './sms-settings-form';

const loadSms = (client: AdminClient) => client.smsSettings();
const loadQueues = (client: AdminClient) => client.queues();

function SmsSettingsForm({ initial, queues, onSaved }: { initial: SmsDraft; queues: readonly Queue[]; onSaved(settings: SmsSettingsView): void }) {
  const t = useT();
  const { client, canEdit, hubUrl } = useAdmin();
  const [draft, setDraft] = useState(initial);
  const { errors, status, save, touched } = useSave('sms', client.saveSmsSettings, (saved: SmsSettingsView) => {
    setDraft(draftFromSms(saved));
    onSaved(saved);
  });
  const smsQueues = queuesTakingSms(queues);
  const edit = (change: Partial<SmsDraft>) => {
    setDraft({ ...draft, ...change });
    touched();
  };
  const setRow = (index: number, change: Partial<SmsNumberRow>) => edit({ numbers: draft.numbers.map((row, i) => (i === index ? { ...row, ...change } : row)) });
  const text = (key: 'providerUrl' | 'account' | 'publicUrl', label: string, testId: string) => (
    <label className="field">
      <span>{label}</span>
      <input value={draft[key]} spellCheck={false} aria-invalid={isInvalid(errors, key)} onChange={(event) => edit({ [key]: event.target.value })} data-testid={testId} />
      <FieldMessage errors={errors} paths={key} />
    </label>
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(smsFromDraft(draft, queues));
  }

  return (
    <form className="admin-form admin-form-single" onSubmit={submit} aria-label={t('admin.tab.sms')} data-testid="sms-settings-form" noValidate>
      <fieldset disabled={!canEdit}>
        <section className="admin-section">
          <h3>{t('sms.admin.provider')}</h3>
          <p className="admin-help">{t('sms.admin.providerHelp', { webhook: `${(draft.publicUrl.trim() || hubUrl).replace(/\/$/, '')}/api/sms/inbound` })}</p>
          {text('providerUrl', t('sms.admin.providerUrl'), 'sms-provider-url')}
          {text('account', t('sms.admin.account'), 'sms-account')}
          <label className="field">
            <span>{t('sms.admin.secret')}</span>
            <input
              type="password"
              value={draft.secret}
              autoComplete="new-password"
              placeholder={draft.secretSet ? t('sms.admin.secretKept') : ''}
              aria-invalid={isInvalid(errors, 'secret')}
              onChange={(event) => edit({ secret: event.target.value })}
              data-testid="sms-secret"
            />
            <FieldMessage errors={errors} paths="secret" />
          </label>
          {text('publicUrl', t('sms.admin.publicUrl'), 'sms-public-url')}
        </section>
        <section className="admin-section">
          <h3>{t('sms.admin.numbers')}</h3>
          <p className="admin-help">{t('sms.admin.numbersHelp')}</p>
          <table className="admin-table" data-testid="sms-numbers">
            <thead>
              <tr>
                <th scope="col">{t('sms.admin.number')}</th>
                <th scope="col">{t('sms.admin.queue')}</th>
                {canEdit && <th scope="col" aria-label={t('admin.actions')} />}
              </tr>
            </thead>
            <tbody>
              {draft.numbers.map((row, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by index, as their error paths are
                <tr key={index} data-testid="sms-number-row">
                  <td>
                    <input
                      value={row.number}
                      maxLength={20}
                      spellCheck={false}
                      placeholder="+8610690000001"
                      aria-invalid={isInvalid(errors, `numbers.${index}.number`)}
                      onChange={(event) => setRow(index, { number: event.target.value })}
                      data-testid="sms-number"
                    />
                    <FieldMessage errors={errors} paths={`numbers.${index}.number`} />
                  </td>
                  <td>
                    <select value={row.queueId} aria-invalid={isInvalid(errors, `numbers.${index}.queueId`)} onChange={(event) => setRow(index, { queueId: event.target.value })} data-testid="sms-queue">
                      <option value="">{t('admin.choose')}</option>
                      {smsQueues.map((queue) => (
                        <option key={queue.id} value={queue.id}>
                          {queue.name}
                        </option>
                      ))}
                    </select>
                    <FieldMessage errors={errors} paths={[`numbers.${index}.queueId`, `numbers.${index}`]} />
                  </td>
                  {canEdit && (
                    <td>
                      <button type="button" className="icon-button" aria-label={t('admin.removeRow', { n: index + 1 })} onClick={() => edit({ numbers: draft.numbers.filter((_, i) => i !== index) })}>
                        ×
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <FieldMessage errors={errors} paths="numbers" />
          {canEdit && (
            <button type="button" className="button small" onClick={() => edit({ numbers: [...draft.numbers, { ...NEW_SMS_NUMBER }] })} data-testid="sms-number-add">
              {t('sms.admin.add')}
            </button>
          )}
        </section>
      </fieldset>
      <SaveBar status={status} />
    </form>
  );
}

/** The SMS provider (where replies go, the webhook secret) and which of our numbers texts to which queue. */
export function SmsSettingsTab() {
  const sms = useHubData(loadSms);
  const queues = useHubData(loadQueues);
  if (sms.state.status !== 'ready' || queues.state.status !== 'ready') {
    return (
      <HubDataStatus
        states={[sms.state, queues.state]}
        onRetry={() => {
          sms.reload();
          queues.reload();
        }}
      />
    );
  }
  return <SmsSettingsForm initial={draftFromSms(sms.state.data)} queues={queues.state.data} onSaved={(saved) => sms.update(() => saved)} />;
}
