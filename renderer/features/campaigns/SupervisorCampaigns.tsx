import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Queue } from '../../../shared/domain/routing';
import type { CampaignListItem } from '../../../shared/protocol/campaigns';
import { useT } from '../../i18n/locale-store';
import { type AdminFailure, createAdminClient } from '../../sync/admin-client';
import { useSync } from '../../sync/context';
import { loadFailureText } from '../admin/save-refusal';
import { type CampaignClient, createCampaignClient } from './campaign-client';
import { type CampaignDraft, emptyDraft, filterOf, rulesOf, STAGES, TIERS, toggle } from './campaign-form';
import { CampaignRow } from './CampaignRow';
import './campaigns.css';

/** The list is read again this often while the tab is open, so progress moves as the team works. */
const REFRESH_MS = 15_000;
/** The live count waits for typing to pause. */
const PREVIEW_DELAY_MS = 300;

type Listed = { status: 'loading' } | { status: 'ready'; items: CampaignListItem[] } | { status: 'failed'; failure: AdminFailure };

/** "N customers match", asked of the hub as the filter changes. */
function useMatchCount(client: CampaignClient, draft: CampaignDraft): number | null {
  const [count, setCount] = useState<number | null>(null);
  const drawn = filterOf(draft);
  const key = drawn.ok ? JSON.stringify(drawn.filter) : null;
  useEffect(() => {
    setCount(null);
    if (key === null) return;
    let live = true;
    const timer = setTimeout(() => {
      void client.preview(JSON.parse(key)).then((answer) => {
        if (live && answer.ok) setCount(answer.data.matches);
      });
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, key]);
  return count;
}

function CreateForm({ client, queues, onCreated }: { client: CampaignClient; queues: readonly Queue[]; onCreated: () => void }) {
  const t = useT();
  const [draft, setDraft] = useState<CampaignDraft>(() => emptyDraft(queues[0]?.id ?? ''));
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const count = useMatchCount(client, draft);
  useEffect(() => {
    if (draft.queueId === '' && queues[0]) setDraft((d) => ({ ...d, queueId: queues[0]?.id ?? '' }));
  }, [queues, draft.queueId]);
  const drawn = filterOf(draft);
  const rules = rulesOf(draft);
  const problems = new Set([...(drawn.ok ? [] : drawn.problems), ...(rules.ok ? [] : rules.problems)]);
  const set = (patch: Partial<CampaignDraft>) => setDraft((d) => ({ ...d, ...patch }));

  async function submit() {
    if (!drawn.ok || !rules.ok) return;
    if (draft.name.trim() === '' || draft.queueId === '') {
      setMessage({ kind: 'error', text: t('campaigns.needName') });
      return;
    }
    setBusy(true);
    const answer = await client.create({ name: draft.name, queueId: draft.queueId, filter: drawn.filter, maxAttempts: rules.maxAttempts, retryAfterMinutes: rules.retryAfterMinutes });
    setBusy(false);
    if (!answer.ok) {
      setMessage({ kind: 'error', text: loadFailureText(t, answer.failure) });
      return;
    }
    setMessage({ kind: 'info', text: t('campaigns.created', { name: answer.data.campaign.name, count: answer.data.entries }) });
    setDraft(emptyDraft(draft.queueId));
    onCreated();
  }

  return (
    <form
      className="campaign-form"
      aria-label={t('campaigns.new')}
      data-testid="campaign-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 className="section-title">{t('campaigns.new')}</h3>
      <div className="campaign-form-grid">
        <label className="field">
          <span>{t('campaigns.name')}</span>
          <input value={draft.name} maxLength={120} onChange={(e) => set({ name: e.target.value })} data-testid="campaign-name" />
        </label>
        <label className="field">
          <span>{t('campaigns.team')}</span>
          <select value={draft.queueId} onChange={(e) => set({ queueId: e.target.value })} data-testid="campaign-queue">
            {queues.map((queue) => (
              <option key={queue.id} value={queue.id}>
                {queue.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('campaigns.tags')}</span>
          <input value={draft.tags} onChange={(e) => set({ tags: e.target.value })} data-testid="campaign-tags" />
        </label>
        <fieldset className="field campaign-choices">
          <legend>{t('campaigns.tiers')}</legend>
          {TIERS.map((tier) => (
            <label key={tier} className="campaign-check">
              <input type="checkbox" checked={draft.tiers.includes(tier)} onChange={() => set({ tiers: toggle(draft.tiers, tier) })} data-testid={`campaign-tier-${tier}`} />
              {t(`tier.${tier}`)}
            </label>
          ))}
          <small className="muted">{t('campaigns.anyHint')}</small>
        </fieldset>
        <fieldset className="field campaign-choices">
          <legend>{t('campaigns.stages')}</legend>
          {STAGES.map((stage) => (
            <label key={stage} className="campaign-check">
              <input type="checkbox" checked={draft.stages.includes(stage)} onChange={() => set({ stages: toggle(draft.stages, stage) })} data-testid={`campaign-stage-${stage}`} />
              {t(`value.stage.${stage}`)}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t('campaigns.complaintDays')}</span>
          <input inputMode="numeric" value={draft.complaintDays} onChange={(e) => set({ complaintDays: e.target.value })} aria-invalid={problems.has('complaintDays')} data-testid="campaign-complaint-days" />
          {problems.has('complaintDays') && <small className="form-error">{t('campaigns.badDays')}</small>}
        </label>
        <label className="field">
          <span>{t('campaigns.lastOrderDays')}</span>
          <input inputMode="numeric" value={draft.lastOrderDays} onChange={(e) => set({ lastOrderDays: e.target.value })} aria-invalid={problems.has('lastOrderDays')} data-testid="campaign-order-days" />
          {problems.has('lastOrderDays') && <small className="form-error">{t('campaigns.badDays')}</small>}
        </label>
        <label className="field">
          <span>{t('campaigns.maxAttempts')}</span>
          <input inputMode="numeric" value={draft.maxAttempts} onChange={(e) => set({ maxAttempts: e.target.value })} aria-invalid={problems.has('maxAttempts')} />
          {problems.has('maxAttempts') && <small className="form-error">{t('campaigns.badAttempts')}</small>}
        </label>
        <label className="field">
          <span>{t('campaigns.retryAfter')}</span>
          <input inputMode="numeric" value={draft.retryAfterMinutes} onChange={(e) => set({ retryAfterMinutes: e.target.value })} aria-invalid={problems.has('retryAfterMinutes')} />
          {problems.has('retryAfterMinutes') && <small className="form-error">{t('campaigns.badRetry')}</small>}
        </label>
      </div>
      {message && (
        <p className={message.kind === 'error' ? 'form-error' : 'form-info'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="campaign-form-message">
          {message.text}
        </p>
      )}
      <div className="row-end campaign-form-foot">
        <span className="campaign-matches" aria-live="polite" data-testid="campaign-matches">
          {count === null ? t('campaigns.matching') : t('campaigns.matches', { count })}
        </span>
        <button type="submit" className="button primary" disabled={busy || problems.size > 0} data-testid="campaign-create">
          {t('campaigns.create')}
        </button>
      </div>
    </form>
  );
}

/** The supervisors' Campaigns tab: draw a list from a filter, then start, pause and follow each campaign. */
export function SupervisorCampaigns() {
  const t = useT();
  const { engine } = useSync();
  const client = useMemo(() => createCampaignClient(engine.socket), [engine]);
  const admin = useMemo(() => createAdminClient(engine.socket), [engine]);
  const [queues, setQueues] = useState<Queue[]>([]);
  const [listed, setListed] = useState<Listed>({ status: 'loading' });

  const load = useCallback(() => {
    void client.list().then((answer) => {
      setListed((previous) => (answer.ok ? { status: 'ready', items: answer.data } : previous.status === 'ready' ? previous : { status: 'failed', failure: answer.failure }));
    });
  }, [client]);
  useEffect(() => {
    void admin.queues().then((answer) => {
      if (answer.ok) setQueues(answer.data);
    });
  }, [admin]);
  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  return (
    <section className="supervisor-campaigns" aria-label={t('campaigns.title')} data-testid="supervisor-campaigns">
      <CreateForm client={client} queues={queues} onCreated={load} />
      <div className="campaign-list-wrap">
        <div className="panel-head">
          <h3 className="section-title">
            {t('campaigns.title')} {listed.status === 'ready' && <span className="count">{listed.items.length}</span>}
          </h3>
          <button type="button" className="button ghost small" onClick={load}>
            {t('campaigns.refresh')}
          </button>
        </div>
        {listed.status === 'loading' && <p className="muted">{t('app.loading')}</p>}
        {listed.status === 'failed' && (
          <p className="form-error" role="alert">
            {t('campaigns.failed', { reason: loadFailureText(t, listed.failure) })}
          </p>
        )}
        {listed.status === 'ready' &&
          (listed.items.length === 0 ? (
            <p className="empty">{t('campaigns.none')}</p>
          ) : (
            <ul className="campaign-list" data-testid="campaign-list">
              {listed.items.map((item) => (
                <CampaignRow key={item.campaign.id} item={item} client={client} onChanged={load} />
              ))}
            </ul>
          ))}
      </div>
    </section>
  );
}
