import { type FormEvent, useState } from 'react';
import type { Complaint } from '../../../shared/complaints/complaint';
import type { ComplaintSettings } from '../../../shared/protocol/complaints';
import { useLocale, useT } from '../../i18n/locale-store';
import { availableSteps, labelOf, plainStep } from './complaint-logic';
import { useComplaintMutations, useOnline } from './use-complaints';
import { useDirectory } from './use-directory';

type Open = 'resolve' | 'reopen' | 'assign' | null;

/** Resolving needs a note and a root cause from the admin's list; compensation is optional. */
function ResolveForm({ complaint, settings, onDone }: { complaint: Complaint; settings: ComplaintSettings; onDone: () => void }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { act } = useComplaintMutations();
  const [note, setNote] = useState('');
  const [rootCause, setRootCause] = useState('');
  const [points, setPoints] = useState('');
  const [coupon, setCoupon] = useState('');
  const [refund, setRefund] = useState('');
  const [errors, setErrors] = useState<{ note?: string; rootCause?: string; points?: string }>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: typeof errors = {};
    if (note.trim() === '') found.note = t('complaints.refusal.resolution-note-required');
    if (rootCause === '') found.rootCause = t('complaints.refusal.root-cause-required');
    const loyaltyPoints = points.trim() === '' ? 0 : Number(points);
    if (!Number.isInteger(loyaltyPoints) || loyaltyPoints < 0 || loyaltyPoints > 10_000_000) found.points = t('complaints.error.points');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await act(complaint.id, {
      type: 'resolve',
      note: note.trim(),
      rootCause,
      compensation: { loyaltyPoints, couponCode: coupon.trim() || null, refundNote: refund.trim() || null },
    });
    onDone();
  }

  return (
    <form className="step-form" onSubmit={submit} aria-label={t('complaints.action.resolve')} data-testid="resolve-form" noValidate>
      <label className="field">
        <span>{t('complaints.field.resolutionNote')}</span>
        <textarea rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="resolve-note" />
        {errors.note && (
          <span className="form-error" role="alert" data-testid="resolve-error-note">
            {errors.note}
          </span>
        )}
      </label>
      <label className="field">
        <span>{t('complaints.field.rootCause')}</span>
        <select value={rootCause} onChange={(e) => setRootCause(e.target.value)} data-testid="resolve-root-cause">
          <option value="">{t('complaints.choose')}</option>
          {settings.rootCauses.map((cause) => (
            <option key={cause.code} value={cause.code}>
              {labelOf([cause], cause.code, locale)}
            </option>
          ))}
        </select>
        {errors.rootCause && (
          <span className="form-error" role="alert" data-testid="resolve-error-root-cause">
            {errors.rootCause}
          </span>
        )}
      </label>
      <fieldset className="field compensation">
        <span>{t('complaints.field.compensation')}</span>
        <div className="compensation-grid">
          <label>
            <small>{t('complaints.field.points')}</small>
            <input inputMode="numeric" value={points} onChange={(e) => setPoints(e.target.value)} placeholder="0" data-testid="resolve-points" />
          </label>
          <label>
            <small>{t('complaints.field.coupon')}</small>
            <input value={coupon} maxLength={64} onChange={(e) => setCoupon(e.target.value)} data-testid="resolve-coupon" />
          </label>
          <label>
            <small>{t('complaints.field.refund')}</small>
            <input value={refund} maxLength={1000} onChange={(e) => setRefund(e.target.value)} data-testid="resolve-refund" />
          </label>
        </div>
        {errors.points && (
          <span className="form-error" role="alert">
            {errors.points}
          </span>
        )}
      </fieldset>
      <div className="row-end">
        <button type="button" className="button small" onClick={onDone}>
          {t('complaints.cancel')}
        </button>
        <button type="submit" className="button primary small" data-testid="resolve-submit">
          {t('complaints.action.resolve')}
        </button>
      </div>
    </form>
  );
}

function ReopenForm({ complaint, onDone }: { complaint: Complaint; onDone: () => void }) {
  const t = useT();
  const { act } = useComplaintMutations();
  const [reason, setReason] = useState('');
  const [error, setError] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim() === '') {
      setError(true);
      return;
    }
    await act(complaint.id, { type: 'reopen', reason: reason.trim() });
    onDone();
  }
  return (
    <form className="step-form" onSubmit={submit} aria-label={t('complaints.action.reopen')} data-testid="reopen-form" noValidate>
      <label className="field">
        <span>{t('complaints.field.reopenReason')}</span>
        <input value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} data-testid="reopen-reason" />
        {error && (
          <span className="form-error" role="alert" data-testid="reopen-error">
            {t('complaints.refusal.reopen-reason-required')}
          </span>
        )}
      </label>
      <div className="row-end">
        <button type="button" className="button small" onClick={onDone}>
          {t('complaints.cancel')}
        </button>
        <button type="submit" className="button primary small" data-testid="reopen-submit">
          {t('complaints.action.reopen')}
        </button>
      </div>
    </form>
  );
}

/** Owner and team (a queue) from the hub's directory: live only, like a transfer. */
function AssignForm({ complaint, me, onDone }: { complaint: Complaint; me: string | null; onDone: () => void }) {
  const t = useT();
  const online = useOnline();
  const directory = useDirectory();
  const { act } = useComplaintMutations();
  const [ownerId, setOwnerId] = useState(complaint.ownerId ?? '');
  const [teamId, setTeamId] = useState(complaint.teamId ?? '');
  async function submit(event: FormEvent) {
    event.preventDefault();
    await act(complaint.id, { type: 'assign', ownerId: ownerId || null, teamId: teamId || null });
    onDone();
  }
  const known = new Set([...(directory?.agents.map((a) => a.id) ?? []), me ?? '']);
  return (
    <form className="step-form" onSubmit={submit} aria-label={t('complaints.action.assign')} data-testid="assign-form">
      {!online && <p className="muted">{t('complaints.assign.offline')}</p>}
      <div className="compensation-grid">
        <label className="field">
          <span>{t('complaints.field.owner')}</span>
          <select value={ownerId} onChange={(e) => setOwnerId(e.target.value)} data-testid="assign-owner">
            <option value="">{t('complaints.owner.nobody')}</option>
            {me && <option value={me}>{t('complaints.owner.me')}</option>}
            {complaint.ownerId && !known.has(complaint.ownerId) && <option value={complaint.ownerId}>{complaint.ownerId}</option>}
            {directory?.agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.displayName}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('complaints.field.team')}</span>
          <select value={teamId} onChange={(e) => setTeamId(e.target.value)} data-testid="assign-team">
            <option value="">{t('complaints.team.none')}</option>
            {complaint.teamId && !directory?.queues.some((q) => q.id === complaint.teamId) && <option value={complaint.teamId}>{complaint.teamId}</option>}
            {directory?.queues.map((queue) => (
              <option key={queue.id} value={queue.id}>
                {queue.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="row-end">
        <button type="button" className="button small" onClick={onDone}>
          {t('complaints.cancel')}
        </button>
        <button type="submit" className="button primary small" data-testid="assign-submit">
          {t('complaints.action.assign')}
        </button>
      </div>
    </form>
  );
}

/** The steps the complaint's status allows; those that need words open a small form. */
export function ComplaintSteps({ complaint, settings, me }: { complaint: Complaint; settings: ComplaintSettings; me: string | null }) {
  const t = useT();
  const { act } = useComplaintMutations();
  const [open, setOpen] = useState<Open>(null);
  const steps = availableSteps(complaint);
  const done = () => setOpen(null);
  return (
    <section className="complaint-steps" aria-label={t('complaints.actions')}>
      <div className="step-buttons">
        {steps.map((step) => (
          <button
            key={step}
            type="button"
            className={`button small${step === 'resolve' || step === 'acknowledge' ? ' primary' : ''}`}
            aria-pressed={open === step ? true : undefined}
            onClick={() => {
              const plain = plainStep(step);
              if (plain) void act(complaint.id, plain);
              else setOpen(step === 'resolve' || step === 'reopen' || step === 'assign' ? step : null);
            }}
            data-testid={`step-${step}`}
          >
            {t(`complaints.action.${step}`)}
          </button>
        ))}
      </div>
      {open === 'resolve' && <ResolveForm complaint={complaint} settings={settings} onDone={done} />}
      {open === 'reopen' && <ReopenForm complaint={complaint} onDone={done} />}
      {open === 'assign' && <AssignForm complaint={complaint} me={me} onDone={done} />}
    </section>
  );
}
