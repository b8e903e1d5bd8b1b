import { useMemo } from 'react';
import type { FollowUpSettings } from '../../../shared/follow-ups/rules';
import { useT } from '../../i18n/locale-store';
import type { AdminClient } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';
import { useAdmin } from '../admin/admin-context';
import { HubDataStatus } from '../admin/HubDataStatus';
import { SaveBar } from '../admin/SaveBar';
import { useHubData } from '../admin/use-hub-data';
import { type DraftCheck, useSettingsDraft } from '../admin/use-settings-draft';
import { createFollowUpClient } from './follow-up-client';
import './follow-ups.css';

const RULES = ['afterComplaint', 'newVip', 'decline'] as const;
type RuleKey = (typeof RULES)[number];
type Draft = Record<RuleKey, { enabled: boolean; days: string }>;

const draftOf = (settings: FollowUpSettings): Draft => ({
  afterComplaint: { enabled: settings.afterComplaint.enabled, days: String(settings.afterComplaint.days) },
  newVip: { enabled: settings.newVip.enabled, days: String(settings.newVip.days) },
  decline: { enabled: settings.decline.enabled, days: String(settings.decline.days) },
});

/** Whole days 0–365, or null. */
function daysOf(text: string): number | null {
  if (!/^\d{1,3}$/.test(text.trim())) return null;
  const days = Number(text.trim());
  return days <= 365 ? days : null;
}

/** The settings, or the first rule whose days are not whole days 0–365. */
function settingsOf(draft: Draft): DraftCheck<FollowUpSettings, RuleKey | null> {
  const bad = RULES.find((rule) => daysOf(draft[rule].days) === null);
  if (bad) return { ok: false, errors: bad };
  const setting = (rule: RuleKey) => ({ enabled: draft[rule].enabled, days: daysOf(draft[rule].days) ?? 0 });
  return { ok: true, value: { afterComplaint: setting('afterComplaint'), newVip: setting('newVip'), decline: setting('decline') } };
}

function SettingsForm({ initial, onSaved }: { initial: FollowUpSettings; onSaved: (saved: FollowUpSettings) => void }) {
  const t = useT();
  const { canEdit, socket } = useAdmin();
  const client = useMemo(() => createFollowUpClient(socket), [socket]);
  const form = useSettingsDraft({ initial: () => draftOf(initial), noErrors: null, check: settingsOf, send: client.saveSettings, onSaved });
  const { draft, status } = form;
  const badRule = status.kind === 'invalid' ? form.errors : null;
  const edit = (rule: RuleKey, patch: Partial<Draft[RuleKey]>) => form.edit({ [rule]: { ...draft[rule], ...patch } });

  return (
    <form className="admin-form follow-ups-admin" onSubmit={form.submit} aria-label={t('admin.tab.followUps')} noValidate data-testid="follow-ups-admin-form">
      <fieldset>
        <p className="muted">{t('followUps.admin.intro')}</p>
      <table className="follow-up-table">
        <thead>
          <tr>
            <th>{t('followUps.admin.rule')}</th>
            <th>{t('followUps.admin.enabled')}</th>
            <th>{t('followUps.admin.days')}</th>
          </tr>
        </thead>
        <tbody>
          {RULES.map((rule) => (
            <tr key={rule}>
              <th scope="row">{t(`followUps.admin.rule.${rule}`)}</th>
              <td>
                <input
                  type="checkbox"
                  checked={draft[rule].enabled}
                  disabled={!canEdit}
                  aria-label={`${t(`followUps.admin.rule.${rule}`)} · ${t('followUps.admin.enabled')}`}
                  onChange={(e) => edit(rule, { enabled: e.target.checked })}
                  data-testid={`follow-ups-admin-${rule}-enabled`}
                />
              </td>
              <td>
                <input
                  inputMode="numeric"
                  value={draft[rule].days}
                  disabled={!canEdit}
                  aria-label={`${t(`followUps.admin.rule.${rule}`)} · ${t('followUps.admin.days')}`}
                  aria-invalid={badRule === rule ? true : undefined}
                  onChange={(e) => edit(rule, { days: e.target.value })}
                  data-testid={`follow-ups-admin-${rule}-days`}
                />
                {badRule === rule && (
                  <span className="form-error" role="alert">
                    {t('followUps.admin.badDays')}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </fieldset>
      <SaveBar status={status} invalid={null} />
    </form>
  );
}

const loadSettings = (_client: AdminClient, socket: HubSocket) => createFollowUpClient(socket).settings();

/** The rules that schedule follow-ups by themselves (administrators; supervisors read them): on/off and days after the trigger. */
export function FollowUpsAdminTab() {
  const { state, reload, update } = useHubData(loadSettings);
  if (state.status !== 'ready') return <HubDataStatus states={[state]} onRetry={reload} />;
  return <SettingsForm initial={state.data} onSaved={(saved) => update(() => saved)} />;
}
