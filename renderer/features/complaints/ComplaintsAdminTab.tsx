import { useMemo } from 'react';
import { COMPLAINT_SEVERITIES } from '../../../shared/complaints/complaint';
import type { ComplaintSettings } from '../../../shared/protocol/complaints';
import { useDb } from '../../db/context';
import { useT } from '../../i18n/locale-store';
import type { Translate } from '../../i18n/translate';
import type { AdminClient } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';
import { useAdmin } from '../admin/admin-context';
import { HubDataStatus } from '../admin/HubDataStatus';
import { SaveBar } from '../admin/SaveBar';
import { useHubData } from '../admin/use-hub-data';
import { useSettingsDraft } from '../admin/use-settings-draft';
import { createComplaintClient } from './complaint-client';
import { cacheComplaintSettings } from './complaint-settings-cache';
import { type DraftErrors, type DraftField, type DraftProblem, draftFromSettings, settingsFromDraft } from './settings-form';
import './complaints.css';

const NO_ERRORS: DraftErrors = {};

function problemText(t: Translate, problem: DraftProblem): string {
  switch (problem.kind) {
    case 'line':
      return t(`complaints.admin.line.${problem.reason}`, { line: problem.line });
    case 'empty':
      return t('complaints.admin.empty');
    case 'hours':
      return t('complaints.admin.hours');
    case 'percent':
      return t('complaints.admin.percent');
    case 'template':
      return t('complaints.admin.template');
  }
}

function Problem({ errors, field }: { errors: DraftErrors; field: DraftField }) {
  const t = useT();
  const problem = errors[field];
  return problem ? (
    <span className="form-error" role="alert" data-testid={`complaints-admin-error-${field}`}>
      {problemText(t, problem)}
    </span>
  ) : null;
}

function SettingsForm({ initial, onSaved }: { initial: ComplaintSettings; onSaved: (saved: ComplaintSettings) => void }) {
  const t = useT();
  const { canEdit, socket } = useAdmin();
  const client = useMemo(() => createComplaintClient(socket), [socket]);
  const { draft, edit, errors, status, submit } = useSettingsDraft({
    initial: () => draftFromSettings(initial),
    noErrors: NO_ERRORS,
    check: (draft) => settingsFromDraft(draft, initial),
    send: client.saveSettings,
    onSaved,
  });

  const hoursRow = (prefix: 'firstResponseHours' | 'resolutionHours') => (
    <tr>
      <th scope="row">{t(prefix === 'firstResponseHours' ? 'complaints.clock.firstResponse' : 'complaints.clock.resolution')}</th>
      {COMPLAINT_SEVERITIES.map((severity) => (
        <td key={severity}>
          <input
            inputMode="decimal"
            value={draft[prefix][severity]}
            disabled={!canEdit}
            aria-label={`${t(prefix === 'firstResponseHours' ? 'complaints.clock.firstResponse' : 'complaints.clock.resolution')} · ${t(`complaints.severity.${severity}`)}`}
            onChange={(e) => edit({ [prefix]: { ...draft[prefix], [severity]: e.target.value } })}
            data-testid={`complaints-admin-${prefix}-${severity}`}
          />
          <Problem errors={errors} field={`${prefix}.${severity}`} />
        </td>
      ))}
      <td>
        <select
          value={prefix === 'firstResponseHours' ? draft.firstResponseBasis : draft.resolutionBasis}
          disabled={!canEdit}
          onChange={(e) => {
            const basis = e.target.value === 'business' ? 'business' : 'elapsed';
            edit(prefix === 'firstResponseHours' ? { firstResponseBasis: basis } : { resolutionBasis: basis });
          }}
        >
          <option value="elapsed">{t('complaints.admin.basis.elapsed')}</option>
          <option value="business">{t('complaints.admin.basis.business')}</option>
        </select>
      </td>
    </tr>
  );

  return (
    <form className="admin-form complaints-admin" onSubmit={submit} aria-label={t('admin.tab.complaints')} noValidate data-testid="complaints-admin-form">
      <fieldset className="complaints-admin-body">
      <div className="complaints-admin-trees">
        <label className="field">
          <span>{t('complaints.admin.categories')}</span>
          <small className="muted">{t('complaints.admin.linesHint')}</small>
          <textarea
            className="mono"
            rows={14}
            value={draft.categories}
            readOnly={!canEdit}
            onChange={(e) => edit({ categories: e.target.value })}
            data-testid="complaints-admin-categories"
          />
          <Problem errors={errors} field="categories" />
        </label>
        <label className="field">
          <span>{t('complaints.admin.rootCauses')}</span>
          <small className="muted">{t('complaints.admin.rootCausesHint')}</small>
          <textarea
            className="mono"
            rows={14}
            value={draft.rootCauses}
            readOnly={!canEdit}
            onChange={(e) => edit({ rootCauses: e.target.value })}
            data-testid="complaints-admin-root-causes"
          />
          <Problem errors={errors} field="rootCauses" />
        </label>
      </div>
      <h3 className="section-title">{t('complaints.admin.sla')}</h3>
      <table className="complaints-admin-hours">
        <thead>
          <tr>
            <th />
            {COMPLAINT_SEVERITIES.map((severity) => (
              <th key={severity} scope="col">
                {t(`complaints.severity.${severity}`)}
              </th>
            ))}
            <th scope="col">{t('complaints.admin.basis')}</th>
          </tr>
        </thead>
        <tbody>
          {hoursRow('firstResponseHours')}
          {hoursRow('resolutionHours')}
        </tbody>
      </table>
      <label className="field amber-field">
        <span>{t('complaints.admin.amber')}</span>
        <input inputMode="numeric" value={draft.amberAtPercent} disabled={!canEdit} onChange={(e) => edit({ amberAtPercent: e.target.value })} data-testid="complaints-admin-amber" />
        <Problem errors={errors} field="amberAtPercent" />
      </label>
      <h3 className="section-title">{t('complaints.admin.templates')}</h3>
      <small className="muted">{t('complaints.admin.templatesHint')}</small>
      <div className="complaints-admin-templates">
        {(['acknowledge', 'resolve'] as const).flatMap((kind) =>
          (['en', 'zh'] as const).map((language) => (
            <fieldset key={`${kind}.${language}`} className="field template-field">
              <span>{t(`complaints.admin.template.${kind}.${language}`)}</span>
              <input
                value={draft.templates[kind][language].subject}
                readOnly={!canEdit}
                placeholder={t('complaints.admin.subject')}
                aria-label={t('complaints.admin.subject')}
                onChange={(e) => edit({ templates: { ...draft.templates, [kind]: { ...draft.templates[kind], [language]: { ...draft.templates[kind][language], subject: e.target.value } } } })}
              />
              <textarea
                rows={4}
                value={draft.templates[kind][language].body}
                readOnly={!canEdit}
                aria-label={t('complaints.admin.body')}
                onChange={(e) => edit({ templates: { ...draft.templates, [kind]: { ...draft.templates[kind], [language]: { ...draft.templates[kind][language], body: e.target.value } } } })}
                data-testid={`complaints-admin-template-${kind}-${language}`}
              />
              <Problem errors={errors} field={`templates.${kind}.${language}`} />
            </fieldset>
          )),
        )}
      </div>
      </fieldset>
      <SaveBar status={status} />
    </form>
  );
}

const loadSettings = (_client: AdminClient, socket: HubSocket) => createComplaintClient(socket).settings();

/** Complaints set-up (administrators; supervisors read it): categories, root causes, SLA hours, amber point, customer messages. */
export function ComplaintsAdminTab() {
  const db = useDb();
  const { state, reload, update } = useHubData(loadSettings);
  if (state.status !== 'ready') return <HubDataStatus states={[state]} onRetry={reload} />;
  return (
    <SettingsForm
      initial={state.data}
      onSaved={(saved) => {
        update(() => saved);
        void cacheComplaintSettings(db, saved);
      }}
    />
  );
}
