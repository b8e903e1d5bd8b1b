import { useEffect, useState } from 'react';
import { CAMPAIGN_OUTCOMES } from '../../../shared/campaigns/campaign';
import type { CampaignListItem } from '../../../shared/protocol/campaigns';
import { useT } from '../../i18n/locale-store';
import { loadFailureText } from '../admin/save-refusal';
import type { CampaignClient } from './campaign-client';

/** One campaign: its state, a progress bar, the figures by outcome and by agent, and start / pause. */
export function CampaignRow({ item, client, onChanged }: { item: CampaignListItem; client: CampaignClient; onChanged: () => void }) {
  const t = useT();
  const { campaign, progress } = item;
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const agentsKey = progress.byAgent.map((a) => a.agentId).join(',');
  useEffect(() => {
    if (agentsKey === '') return;
    let live = true;
    void client.progress(campaign.id).then((answer) => {
      if (live && answer.ok) setNames(answer.data.agentNames);
    });
    return () => {
      live = false;
    };
  }, [client, campaign.id, agentsKey]);

  async function setRunning(running: boolean) {
    setBusy(true);
    const answer = await client.setRunning(campaign.id, running);
    setBusy(false);
    setError(answer.ok ? null : loadFailureText(t, answer.failure));
    onChanged();
  }

  return (
    <li className={`campaign-row is-${campaign.status}`} data-testid="campaign-row" data-campaign={campaign.id}>
      <div className="campaign-row-head">
        <strong className="campaign-row-name">{campaign.name}</strong>
        <span className={`campaign-status is-${campaign.status}`} data-testid="campaign-status">
          {t(`campaigns.status.${campaign.status}`)}
        </span>
        <span className="muted">{item.queueName}</span>
        <span className="muted">{t('campaigns.rules', { attempts: campaign.maxAttempts, minutes: campaign.retryAfterMinutes })}</span>
        <span className="campaign-row-actions">
          {(campaign.status === 'draft' || campaign.status === 'paused') && (
            <button type="button" className="button primary small" disabled={busy} onClick={() => void setRunning(true)} data-testid="campaign-start">
              {t(campaign.status === 'draft' ? 'campaigns.start' : 'campaigns.resume')}
            </button>
          )}
          {campaign.status === 'running' && (
            <button type="button" className="button small" disabled={busy} onClick={() => void setRunning(false)} data-testid="campaign-pause">
              {t('campaigns.pause')}
            </button>
          )}
        </span>
      </div>
      <div
        className="campaign-progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.finishedPct}
        aria-label={t('campaigns.progressLabel', { finished: progress.finished, total: progress.total })}
      >
        <span className="campaign-progress-fill" style={{ width: `${progress.finishedPct}%` }} />
      </div>
      <div className="campaign-row-figures" data-testid="campaign-figures">
        <span>{t('campaigns.progressLabel', { finished: progress.finished, total: progress.total })}</span>
        <span className="muted">{t('campaigns.figures', { pending: progress.pending, inProgress: progress.inProgress, reached: progress.reached })}</span>
        {progress.reachedPct !== null && <span className="muted">{t('campaigns.reachedPct', { pct: progress.reachedPct })}</span>}
      </div>
      <ul className="campaign-outcomes">
        {CAMPAIGN_OUTCOMES.filter((outcome) => progress.byOutcome[outcome] > 0).map((outcome) => (
          <li key={outcome} className={`campaign-outcome-chip is-${outcome}`}>
            {t(`campaigns.outcome.${outcome}`)} <strong>{progress.byOutcome[outcome]}</strong>
          </li>
        ))}
      </ul>
      {progress.byAgent.length > 0 && (
        <div className="campaign-agents" data-testid="campaign-agents">
          <span className="muted">{t('campaigns.byAgent')}:</span>
          {progress.byAgent.map((agent) => (
            <span key={agent.agentId}>{t('campaigns.agentLine', { name: names[agent.agentId] ?? '…', worked: agent.worked, reached: agent.reached })}</span>
          ))}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
