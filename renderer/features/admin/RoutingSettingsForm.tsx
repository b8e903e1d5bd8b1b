import { type FormEvent, useState } from 'react';
import { TASK_CHANNELS } from '../../../shared/domain/routing';
import type { RoutingSettings } from '../../../shared/protocol/admin';
import { useT } from '../../i18n/locale-store';
import { useAdmin } from './admin-context';
import { FieldMessage, isInvalid } from './FieldMessage';
import { NumberField } from './NumberField';
import { SaveBar } from './SaveBar';
import { type SettingsDraft, settingsFromDraft } from './settings-form';
import { useSave } from './use-save';

/** Centre-wide routing: away reasons, what counts as a missed offer, how long offers ring, who jumps the queue. */
export function RoutingSettingsForm({ initial, onSaved }: { initial: SettingsDraft; onSaved(settings: RoutingSettings): void }) {
  const t = useT();
  const { client, canEdit } = useAdmin();
  const [draft, setDraft] = useState(initial);
  const { errors, status, save, touched } = useSave('settings', client.saveSettings, onSaved);
  const edit = (change: Partial<SettingsDraft>) => {
    setDraft({ ...draft, ...change });
    touched();
  };
  const setReason = (index: number, change: Partial<SettingsDraft['awayReasons'][number]>) =>
    edit({ awayReasons: draft.awayReasons.map((reason, i) => (i === index ? { ...reason, ...change } : reason)) });

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(settingsFromDraft(draft));
  }

  return (
    <form className="admin-form admin-form-single" onSubmit={submit} aria-label={t('admin.tab.routing')} data-testid="settings-form" noValidate>
      <fieldset disabled={!canEdit}>
        <section className="admin-section">
          <h3>{t('admin.settings.awayReasons')}</h3>
          <p className="admin-help">{t('admin.settings.awayReasonsHelp')}</p>
          <table className="admin-table" data-testid="away-reasons">
            <thead>
              <tr>
                <th scope="col">{t('admin.settings.code')}</th>
                <th scope="col">{t('admin.settings.label')}</th>
                {canEdit && <th scope="col" aria-label={t('admin.actions')} />}
              </tr>
            </thead>
            <tbody>
              {draft.awayReasons.map((reason, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by index, as their error paths are
                <tr key={index} data-testid="away-reason">
                  <td>
                    <input
                      value={reason.code}
                      maxLength={40}
                      aria-label={t('admin.settings.codeN', { n: index + 1 })}
                      aria-invalid={isInvalid(errors, `awayReasons.${index}.code`)}
                      onChange={(event) => setReason(index, { code: event.target.value })}
                      data-testid="away-code"
                    />
                    <FieldMessage errors={errors} paths={`awayReasons.${index}.code`} />
                  </td>
                  <td>
                    <input
                      value={reason.label}
                      maxLength={80}
                      aria-label={t('admin.settings.labelN', { n: index + 1 })}
                      aria-invalid={isInvalid(errors, `awayReasons.${index}.label`)}
                      onChange={(event) => setReason(index, { label: event.target.value })}
                      data-testid="away-label"
                    />
                    <FieldMessage errors={errors} paths={[`awayReasons.${index}.label`, `awayReasons.${index}`]} />
                  </td>
                  {canEdit && (
                    <td>
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={t('admin.removeRow', { n: index + 1 })}
                        onClick={() => edit({ awayReasons: draft.awayReasons.filter((_, i) => i !== index) })}
                      >
                        ×
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <FieldMessage errors={errors} paths="awayReasons" />
          {canEdit && (
            <button
              type="button"
              className="button small"
              onClick={() => edit({ awayReasons: [...draft.awayReasons, { code: '', label: '' }] })}
              data-testid="away-add"
            >
              {t('admin.settings.addAwayReason')}
            </button>
          )}
        </section>
        <section className="admin-section">
          <h3>{t('admin.settings.offers')}</h3>
          <label className="admin-check">
            <input
              type="checkbox"
              checked={draft.declineCountsAsMiss}
              onChange={(event) => edit({ declineCountsAsMiss: event.target.checked })}
              data-testid="decline-counts"
            />
            {t('admin.settings.declineCountsAsMiss')}
          </label>
          <p className="admin-help">{t('admin.settings.declineHelp')}</p>
          <h4>{t('admin.settings.offerTimeout')}</h4>
          <div className="admin-grid admin-grid-channels">
            {TASK_CHANNELS.map((channel) => (
              <NumberField
                key={channel}
                label={t(`channel.${channel}`)}
                path={`policy.offerTimeoutSec.${channel}`}
                value={draft.offerTimeoutSec[channel]}
                onChange={(value) => edit({ offerTimeoutSec: { ...draft.offerTimeoutSec, [channel]: value } })}
                errors={errors}
                unit={t('admin.unit.seconds')}
                testId={`offer-timeout-${channel}`}
              />
            ))}
          </div>
        </section>
        <section className="admin-section">
          <h3>{t('admin.settings.priority')}</h3>
          <p className="admin-help">{t('admin.settings.priorityHelp')}</p>
          <div className="admin-grid">
            <NumberField
              label={t('admin.settings.vipBoost')}
              path="policy.priority.vipBoost"
              value={draft.vipBoost}
              onChange={(vipBoost) => edit({ vipBoost })}
              errors={errors}
              unit={t('admin.unit.points')}
              testId="vip-boost"
            />
            <NumberField
              label={t('admin.settings.keyBoost')}
              path="policy.priority.keyBoost"
              value={draft.keyBoost}
              onChange={(keyBoost) => edit({ keyBoost })}
              errors={errors}
              unit={t('admin.unit.points')}
              testId="key-boost"
            />
            <NumberField
              label={t('admin.settings.aging')}
              path="policy.priority.agingPerMinute"
              value={draft.agingPerMinute}
              onChange={(agingPerMinute) => edit({ agingPerMinute })}
              errors={errors}
              unit={t('admin.unit.pointsPerMinute')}
              testId="aging"
            />
          </div>
          <label className="admin-check">
            <input
              type="checkbox"
              checked={draft.oneLiveConversation}
              onChange={(event) => edit({ oneLiveConversation: event.target.checked })}
              data-testid="one-live"
            />
            {t('admin.settings.oneLiveConversation')}
          </label>
        </section>
      </fieldset>
      <SaveBar status={status} />
    </form>
  );
}
