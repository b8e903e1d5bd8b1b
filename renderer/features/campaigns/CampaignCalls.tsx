import { useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { CAMPAIGN_OUTCOMES, type CampaignOutcome } from '../../../shared/campaigns/campaign';
import { formatPhone } from '../../../shared/phone/e164';
import type { CampaignClaim, CampaignOutcomeAnswer } from '../../../shared/protocol/campaigns';
import { useDb } from '../../db/context';
import { useLiveQuery, valueOr } from '../../db/live';
import { formatTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import { isRegistered } from '../../softphone/call-state';
import { useWorkspace } from '../../store/workspace';
import { useSync } from '../../sync/context';
import { loadFailureText } from '../admin/save-refusal';
import { useOptionalPhone } from '../phone/phone-context';
import type { PhoneServices } from '../phone/phone-services';
import { createCampaignClient } from './campaign-client';
import './campaigns.css';

/** One click through the softphone; the reason it cannot be used, when it cannot. */
function CallButton({ phone, e164, name }: { phone: PhoneServices; e164: string; name: string }) {
  const t = useT();
  const registered = useStore(phone.store, isRegistered);
  const free = useStore(phone.store, (state) => state.call === null);
  const reason = !registered ? t('phone.unregisteredDial') : !free ? t('campaigns.onCall') : null;
  return (
    <>
      <button
        type="button"
        className="button primary small"
        disabled={reason !== null}
        title={reason ?? t('phone.dialNumber', { number: formatPhone(e164) })}
        onClick={() => phone.dial(e164, { kind: 'number', e164, display: name === '' ? null : name })}
        data-testid="campaign-call"
      >
        {t('campaigns.call')}
      </button>
      {reason && (
        <small className="campaign-reason muted" data-testid="campaign-call-reason">
          {reason}
        </small>
      )}
    </>
  );
}

/** The campaign bar for the claimed customer: who, how to reach them, and the outcome (no skipping without one). */
function ClaimCard({ claim, onRecorded }: { claim: CampaignClaim; onRecorded: (answer: CampaignOutcomeAnswer) => void }) {
  const t = useT();
  const db = useDb();
  const phone = useOptionalPhone();
  const { engine } = useSync();
  const client = useMemo(() => createCampaignClient(engine.socket), [engine]);
  const customer = valueOr(
    useLiveQuery(() => db.customers.get(claim.customerId), [db, claim.customerId]),
    undefined,
  );
  const name = customer?.name ?? '';
  const [outcome, setOutcome] = useState<CampaignOutcome | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function record() {
    if (!outcome) {
      setError(t('campaigns.chooseOutcome'));
      return;
    }
    setBusy(true);
    const answer = await client.outcome({ campaignId: claim.campaignId, customerId: claim.customerId, outcome, note });
    setBusy(false);
    if (!answer.ok) {
      setError(loadFailureText(t, answer.failure));
      return;
    }
    onRecorded(answer.data);
  }

  return (
    <div className="campaign-claim" data-testid="campaign-claim" data-customer={claim.customerId}>
      <div className="campaign-claim-head">
        <span className="campaign-claim-campaign">{claim.campaignName}</span>
        <span className="muted">{t('campaigns.attempt', { n: claim.attempts + 1, max: claim.maxAttempts })}</span>
      </div>
      <button type="button" className="campaign-claim-name" onClick={() => useWorkspace.getState().openCustomer(claim.customerId)} data-testid="campaign-claim-open">
        {name || '…'}
      </button>
      {claim.phone ? (
        <div className="campaign-claim-phone">
          <span className="mono" data-testid="campaign-phone">
            {formatPhone(claim.phone)}
          </span>
          {phone ? (
            <CallButton phone={phone} e164={claim.phone} name={name} />
          ) : (
            <small className="campaign-reason muted" data-testid="campaign-call-reason">
              {t('campaigns.noSoftphone')}
            </small>
          )}
        </div>
      ) : (
        <p className="campaign-reason" data-testid="campaign-no-phone">
          {t('campaigns.noPhone')}
        </p>
      )}
      <fieldset className="campaign-outcome-choices">
        <legend>{t('campaigns.outcomeTitle')}</legend>
        {CAMPAIGN_OUTCOMES.map((choice) => (
          <label key={choice} className={`campaign-outcome-choice${outcome === choice ? ' is-chosen' : ''}`}>
            <input type="radio" name={`outcome-${claim.customerId}`} checked={outcome === choice} onChange={() => {
                setOutcome(choice);
                setError(null);
              }} data-testid={`campaign-outcome-${choice}`} />
            {t(`campaigns.outcome.${choice}`)}
          </label>
        ))}
      </fieldset>
      <label className="field campaign-note">
        <span>{t('campaigns.note')}</span>
        <textarea rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="campaign-note" />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="row-end">
        <button type="button" className="button primary small" disabled={busy} onClick={() => void record()} data-testid="campaign-record">
          {t('campaigns.record')}
        </button>
      </div>
    </div>
  );
}

/**
 * The sidebar's "Campaign calls" (preview dialling): "Next customer" claims one
 * from the hub and opens their 360; the bar here dials and files the outcome.
 * A claim held from before (a reload) comes back first.
 */
export function CampaignCalls({ role }: { role: string }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { engine } = useSync();
  const client = useMemo(() => createCampaignClient(engine.socket), [engine]);
  const [claim, setClaim] = useState<CampaignClaim | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const desk = role === 'agent' || role === 'supervisor';

  useEffect(() => {
    if (!desk) return;
    void client.mine().then((answer) => {
      if (answer.ok && answer.data.claims[0]) setClaim(answer.data.claims[0]);
    });
  }, [client, desk]);

  const next = useCallback(async () => {
    setBusy(true);
    const answer = await client.next();
    setBusy(false);
    if (!answer.ok) {
      setMessage(t('campaigns.offline', { reason: loadFailureText(t, answer.failure) }));
      return;
    }
    setClaim(answer.data.claim);
    setMessage(answer.data.claim ? null : t('campaigns.nobody'));
    if (answer.data.claim) useWorkspace.getState().openCustomer(answer.data.claim.customerId);
  }, [client, t]);

  if (!desk) return null;
  return (
    <section className="list-section campaign-calls" aria-label={t('campaigns.calls')} data-testid="campaign-calls">
      <h2 className="section-title">{t('campaigns.calls')}</h2>
      {claim ? (
        <ClaimCard
          key={`${claim.campaignId}:${claim.customerId}`}
          claim={claim}
          onRecorded={(answer) => {
            setClaim(null);
            setMessage(
              answer.status === 'pending' && answer.nextTryAt !== null
                ? t('campaigns.result.pending', { time: formatTime(answer.nextTryAt, locale) })
                : t(`campaigns.result.${answer.status === 'pending' ? 'done' : answer.status}`),
            );
          }}
        />
      ) : (
        <div className="campaign-next">
          {message && (
            <p className="muted campaign-message" role="status" data-testid="campaign-message">
              {message}
            </p>
          )}
          <button type="button" className="button small" disabled={busy} onClick={() => void next()} data-testid="campaign-next">
            {t('campaigns.next')}
          </button>
        </div>
      )}
    </section>
  );
}
