import { useMemo, useState } from 'react';
import { RETENTION_KINDS, type RetentionSettings } from '../../../shared/protocol/privacy';
import { useT } from '../../i18n/locale-store';
import type { AdminClient, AdminFailure } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';
import { useAdmin } from '../admin/admin-context';
import { HubDataStatus } from '../admin/HubDataStatus';
import { SaveBar } from '../admin/SaveBar';
import { loadFailureText } from '../admin/save-refusal';
import { useHubData } from '../admin/use-hub-data';
import { useSettingsDraft } from '../admin/use-settings-draft';
import { createPrivacyClient } from './privacy-client';
import { draftFromRetention, type RetentionErrors, retentionFromDraft } from './retention-form';

const NO_ERRORS: RetentionErrors = {};

type Sweep = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; files: number } | { kind: 'failed'; failure: AdminFailure };

function RetentionForm({ initial, onSaved }: { initial: RetentionSettings; onSaved: (saved: RetentionSettings) => void }) {
  const t = useT();
  const { canEdit, socket } = useAdmin();
  const client = useMemo(() => createPrivacyClient(socket), [socket]);
  const { draft, edit, errors, status, submit } = useSettingsDraft({
    initial: () => draftFromRetention(initial),
    noErrors: NO_ERRORS,
    check: retentionFromDraft,
    send: client.saveRetention,
    onSaved,
  });
  const [sweep, setSweep] = useState<Sweep>({ kind: 'idle' });

  async function sweepNow() {
    setSweep({ kind: 'running' });
    const answer = await client.sweep();
    setSweep(answer.ok ? { kind: 'done', files: answer.data.files } : { kind: 'failed', failure: answer.failure });
  }

  return (
    <form className="admin-form admin-form-single" onSubmit={submit} aria-label={t('admin.tab.retention')} data-testid="retention-admin" noValidate>
      <section className="admin-section">
        <p className="admin-help">{t('privacy.retention.intro')}</p>
        <div className="admin-grid">
          {RETENTION_KINDS.map((kind) => (
            <label key={kind} className="field">
              <span>{t(`privacy.retention.${kind}`)}</span>
              <input
                inputMode="numeric"
                value={draft[kind]}
                readOnly={!canEdit}
                placeholder={t('privacy.retention.forever')}
                onChange={(e) => edit({ [kind]: e.target.value })}
                aria-invalid={errors[kind] === true}
                data-testid={`retention-${kind}`}
              />
              {errors[kind] && (
                <span className="admin-field-error" role="alert" data-testid={`retention-error-${kind}`}>
                  {t('privacy.retention.problem')}
                </span>
              )}
            </label>
          ))}
        </div>
      </section>
      <SaveBar status={status} saveTestId="retention-save">
        <span className="muted" data-testid="retention-sweep-status" role="status">
          {sweep.kind === 'done' && t('privacy.retention.swept', { files: sweep.files })}
          {sweep.kind === 'failed' && <span className="admin-error">{loadFailureText(t, sweep.failure)}</span>}
        </span>
        <button type="button" className="button" onClick={() => void sweepNow()} disabled={sweep.kind === 'running'} data-testid="retention-sweep">
          {t('privacy.retention.sweep')}
        </button>
      </SaveBar>
    </form>
  );
}

const loadRetention = (_client: AdminClient, socket: HubSocket) => createPrivacyClient(socket).retention();

/** Retention (数据保留): how many days recordings and email, chat and SMS files are kept. Read-only for supervisors. */
export function RetentionAdminTab() {
  const { state, reload, update } = useHubData(loadRetention);
  if (state.status !== 'ready') return <HubDataStatus states={[state]} onRetry={reload} />;
  return <RetentionForm initial={state.data} onSaved={(saved) => update(() => saved)} />;
}
