import { useMemo, useState } from 'react';
import type { RecomputeAnswer, ValueSettings } from '../../../shared/protocol/customer-value';
import { useT } from '../../i18n/locale-store';
import type { MessageKey } from '../../i18n/translate';
import type { AdminClient, AdminFailure } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';
import { useAdmin } from '../admin/admin-context';
import { HubDataStatus } from '../admin/HubDataStatus';
import { SaveBar } from '../admin/SaveBar';
import { loadFailureText } from '../admin/save-refusal';
import { useHubData } from '../admin/use-hub-data';
import { type DraftCheck, useSettingsDraft } from '../admin/use-settings-draft';
import { createValueClient } from './value-client';
import { draftFromSettings, settingsFromDraft, type ValueDraft, type ValueField } from './value-settings-form';
import './customer-value.css';

/** The fields marked bad, and the rule across fields that failed (tier shares, lifecycle days), if any. */
type ValueProblems = { fields: ValueField[]; rule: string | null };
const NO_PROBLEMS: ValueProblems = { fields: [], rule: null };

const SECTIONS: { title: MessageKey; fields: ValueField[] }[] = [
  { title: 'value.admin.tiers', fields: ['tierWindowDays', 'vipShare', 'keyShare', 'ordinaryShare'] },
  { title: 'value.admin.rfm', fields: ['rfmWindowDays'] },
  { title: 'value.clv', fields: ['discountRate', 'horizonPeriods', 'periodDays', 'historyPeriods'] },
  { title: 'value.stage', fields: ['explorationDays', 'formationDays', 'lapsedDays', 'trendDays', 'declineDrop', 'growthRise'] },
  { title: 'value.points', fields: ['loyaltyPerYuan', 'loyaltyPoints'] },
];

function checkDraft(draft: ValueDraft): DraftCheck<ValueSettings, ValueProblems> {
  const checked = settingsFromDraft(draft);
  return checked.ok ? { ok: true, value: checked.settings } : { ok: false, errors: { fields: checked.fields, rule: checked.rule } };
}

function SettingsForm({ initial, onSaved }: { initial: ValueSettings; onSaved: (saved: ValueSettings) => void }) {
  const t = useT();
  const { canEdit, socket } = useAdmin();
  const client = useMemo(() => createValueClient(socket), [socket]);
  const { draft, edit, errors, status, submit } = useSettingsDraft({ initial: () => draftFromSettings(initial), noErrors: NO_PROBLEMS, check: checkDraft, send: client.saveSettings, onSaved });
  const bad = errors.fields;
  const [run, setRun] = useState<{ kind: 'idle' } | { kind: 'running' } | { kind: 'done'; answer: RecomputeAnswer } | { kind: 'failed'; failure: AdminFailure }>({ kind: 'idle' });

  async function recompute() {
    setRun({ kind: 'running' });
    const answer = await client.recompute();
    setRun(answer.ok ? { kind: 'done', answer: answer.data } : { kind: 'failed', failure: answer.failure });
  }

  return (
    <form className="admin-form" onSubmit={submit} data-testid="value-admin" noValidate>
      <fieldset disabled={!canEdit}>
        <h2>{t('value.title')}</h2>
        <p className="admin-help">{t('value.admin.help')}</p>
        {SECTIONS.map((section) => (
          <section key={section.title} className="admin-section">
            <h3>{t(section.title)}</h3>
            <div className="admin-grid">
              {section.fields.map((field) => (
                <label key={field} className="field">
                  <span>{t(`value.admin.field.${field}`)}</span>
                  <input inputMode="decimal" value={draft[field]} onChange={(e) => edit({ [field]: e.target.value })} data-testid={`value-admin-${field}`} aria-invalid={bad.includes(field)} />
                  {bad.includes(field) && <span className="form-error">{t('value.admin.badNumber')}</span>}
                </label>
              ))}
              {section.title === 'value.points' && (
                <label className="field">
                  <span>{t('value.admin.field.rounding')}</span>
                  <select value={draft.rounding} onChange={(e) => edit({ rounding: e.target.value === 'nearest' ? 'nearest' : 'down' })}>
                    <option value="down">{t('value.admin.rounding.down')}</option>
                    <option value="nearest">{t('value.admin.rounding.nearest')}</option>
                  </select>
                </label>
              )}
            </div>
          </section>
        ))}
        {canEdit && (
          <section className="admin-section">
            <h3>{t('value.admin.recompute')}</h3>
            <p className="admin-help">{t('value.admin.recomputeHelp')}</p>
            <button type="button" className="button" onClick={recompute} disabled={run.kind === 'running'} data-testid="value-recompute">
              {t(run.kind === 'running' ? 'value.admin.recomputing' : 'value.admin.recompute')}
            </button>
            {run.kind === 'done' && (
              <p className="admin-ok" data-testid="value-recomputed">
                {t('value.admin.recomputed', { customers: run.answer.customers, orders: run.answer.orders, changed: run.answer.changed, tiers: run.answer.tierChanges, seconds: (run.answer.ms / 1000).toFixed(1) })}
              </p>
            )}
            {run.kind === 'failed' && <p className="admin-error">{loadFailureText(t, run.failure)}</p>}
          </section>
        )}
      </fieldset>
      <SaveBar
        status={status}
        saveTestId="value-admin-save"
        invalid={errors.rule === 'shares' ? t('value.admin.sharesOver') : errors.rule === 'lifecycle' ? t('value.admin.explorationAfterFormation') : undefined}
      />
    </form>
  );
}

const loadSettings = (_client: AdminClient, socket: HubSocket) => createValueClient(socket).settings();

/** 客户价值 in the administration: the pyramid's cut-offs and window, RFM, CLV's r and N, lifecycle thresholds, the points rule; and "recompute now". */
export function ValueAdminTab() {
  const { state, reload, update } = useHubData(loadSettings);
  if (state.status !== 'ready') return <HubDataStatus states={[state]} onRetry={reload} />;
  return <SettingsForm initial={state.data} onSaved={(saved) => update(() => saved)} />;
}
