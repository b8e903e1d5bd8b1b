import { useMemo } from 'react';
import type { SurveySettings } from '../../../shared/protocol/surveys';
import { useT } from '../../i18n/locale-store';
import type { Translate } from '../../i18n/translate';
import type { AdminClient } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';
import { useAdmin } from '../admin/admin-context';
import { HubDataStatus } from '../admin/HubDataStatus';
import { SaveBar } from '../admin/SaveBar';
import { useHubData } from '../admin/use-hub-data';
import { useSettingsDraft } from '../admin/use-settings-draft';
import { createSurveyClient } from './survey-client';
import './surveys.css';
import { type DraftErrors, type DraftField, type DraftProblem, draftFromSettings, settingsFromDraft } from './survey-settings-form';

const CHANNELS = ['email', 'sms', 'call', 'chat'] as const;
const TEMPLATES = [
  ['emailTemplate', 'email'],
  ['smsTemplate', 'sms'],
] as const;

const NO_ERRORS: DraftErrors = {};

function problemText(t: Translate, problem: DraftProblem): string {
  switch (problem.kind) {
    case 'number':
      return t('surveys.admin.problem.number', { min: problem.min, max: problem.max });
    case 'url':
      return t('surveys.admin.problem.url');
    case 'template':
      return t('surveys.admin.problem.template');
  }
}

function Problem({ errors, field }: { errors: DraftErrors; field: DraftField }) {
  const t = useT();
  const problem = errors[field];
  return problem ? (
    <span className="admin-field-error" role="alert" data-testid={`surveys-admin-error-${field}`}>
      {problemText(t, problem)}
    </span>
  ) : null;
}

function SurveySettingsForm({ initial, onSaved }: { initial: SurveySettings; onSaved: (saved: SurveySettings) => void }) {
  const t = useT();
  const { canEdit, socket } = useAdmin();
  const client = useMemo(() => createSurveyClient(socket), [socket]);
  const { draft, edit, errors, status, submit } = useSettingsDraft({
    initial: () => draftFromSettings(initial),
    noErrors: NO_ERRORS,
    check: settingsFromDraft,
    send: client.save,
    onSaved,
  });

  const numberField = (field: 'delayMin' | 'expiryDays' | 'quietDays', label: string) => (
    <label className="field">
      <span>{label}</span>
      <input inputMode="numeric" value={draft[field]} readOnly={!canEdit} onChange={(e) => edit({ [field]: e.target.value })} data-testid={`surveys-admin-${field}`} />
      <Problem errors={errors} field={field} />
    </label>
  );

  return (
    <form className="admin-form admin-form-single" onSubmit={submit} aria-label={t('admin.tab.surveys')} data-testid="surveys-admin" noValidate>
      <section className="admin-section">
        <p className="admin-help">{t('surveys.admin.intro')}</p>
        <h3>{t('surveys.admin.channels')}</h3>
        <div className="surveys-checks">
        {CHANNELS.map((channel) => (
          <label key={channel} className="admin-check">
            <input
              type="checkbox"
              checked={draft.channels[channel]}
              disabled={!canEdit}
              onChange={(e) => edit({ channels: { ...draft.channels, [channel]: e.target.checked } })}
              data-testid={`surveys-admin-channel-${channel}`}
            />
            {t(`surveys.admin.channel.${channel}`)}
          </label>
        ))}
        <label className="admin-check">
          <input type="checkbox" checked={draft.complaints} disabled={!canEdit} onChange={(e) => edit({ complaints: e.target.checked })} data-testid="surveys-admin-complaints" />
          {t('surveys.admin.complaints')}
        </label>
        <label className="admin-check">
          <input type="checkbox" checked={draft.nps} disabled={!canEdit} onChange={(e) => edit({ nps: e.target.checked })} data-testid="surveys-admin-nps" />
          {t('surveys.admin.nps')}
        </label>
        </div>
      </section>
      <section className="admin-section">
        <div className="admin-grid">
          {numberField('delayMin', t('surveys.admin.delay'))}
          {numberField('expiryDays', t('surveys.admin.expiry'))}
          {numberField('quietDays', t('surveys.admin.quiet'))}
        </div>
        <label className="field">
          <span>{t('surveys.admin.publicUrl')}</span>
          <input
            type="url"
            value={draft.publicUrl}
            readOnly={!canEdit}
            placeholder="https://hub.example.com"
            onChange={(e) => edit({ publicUrl: e.target.value })}
            data-testid="surveys-admin-publicUrl"
          />
          <small className="admin-help">{t('surveys.admin.publicUrlHint')}</small>
          <Problem errors={errors} field="publicUrl" />
        </label>
      </section>
      <section className="admin-section">
        <h3>{t('surveys.admin.templates')}</h3>
        <p className="admin-help">{t('surveys.admin.templatesHint')}</p>
        {TEMPLATES.map(([field, kind]) => (
          <div key={field}>
            <div className="surveys-templates">
            {(['en', 'zh'] as const).map((language) => (
              <label key={language} className="field">
                <span>{t(`surveys.admin.template.${kind}.${language}`)}</span>
                <textarea
                  rows={kind === 'email' ? 5 : 2}
                  value={draft[field][language]}
                  readOnly={!canEdit}
                  onChange={(e) => edit({ [field]: { ...draft[field], [language]: e.target.value } })}
                  data-testid={`surveys-admin-${kind}-${language}`}
                />
              </label>
            ))}
            </div>
            <Problem errors={errors} field={field} />
          </div>
        ))}
      </section>
      <SaveBar status={status} />
    </form>
  );
}

const loadSettings = (_client: AdminClient, socket: HubSocket) => createSurveyClient(socket).settings();

/** Survey settings (满意度调查): which closed contacts are surveyed, NPS, timing, and the messages that carry the link. */
export function SurveysAdminTab() {
  const { state, reload, update } = useHubData(loadSettings);
  if (state.status !== 'ready') return <HubDataStatus states={[state]} onRetry={reload} />;
  return <SurveySettingsForm initial={state.data} onSaved={(saved) => update(() => saved)} />;
}
