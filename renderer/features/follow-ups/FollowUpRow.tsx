import { useState } from 'react';
import type { FollowUp } from '../../../shared/follow-ups/follow-up';
import { isOverdue } from '../../../shared/follow-ups/follow-up-life';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import { useWorkspace } from '../../store/workspace';
import { defaultDue, fromDateTimeLocal, toDateTimeLocal } from './follow-up-logic';
import { useFollowUpActions } from './use-follow-ups';

/** Recording what came of a follow-up: reached, no answer, reschedule to a new time, or cancel; each with a note. */
function OutcomeForm({ followUp, onDone }: { followUp: FollowUp; onDone: () => void }) {
  const t = useT();
  const { record } = useFollowUpActions();
  const [note, setNote] = useState('');
  const [newDue, setNewDue] = useState(() => toDateTimeLocal(defaultDue(Math.max(Date.now(), followUp.dueAt))));
  const [error, setError] = useState<string | null>(null);

  async function send(outcome: 'reached' | 'no-answer' | 'rescheduled' | 'cancelled') {
    const dueAt = outcome === 'rescheduled' ? fromDateTimeLocal(newDue) : null;
    if (outcome === 'rescheduled' && dueAt === null) {
      setError(t('followUps.schedule.badDue'));
      return;
    }
    try {
      await record(followUp.id, { outcome, dueAt, note: note.trim() });
      onDone();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <fieldset className="follow-up-outcome" aria-label={t('followUps.record.title')} data-testid="follow-up-outcome">
      <label className="field">
        <span>{t('followUps.record.note')}</span>
        <textarea rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="follow-up-outcome-note" />
      </label>
      <div className="follow-up-outcome-actions">
        <button type="button" className="button primary small" onClick={() => void send('reached')} data-testid="follow-up-reached">
          {t('followUps.record.reached')}
        </button>
        <button type="button" className="button small" onClick={() => void send('no-answer')} data-testid="follow-up-no-answer">
          {t('followUps.record.noAnswer')}
        </button>
        <button type="button" className="button ghost small" onClick={() => void send('cancelled')} data-testid="follow-up-cancelled">
          {t('followUps.record.cancel')}
        </button>
      </div>
      <div className="follow-up-reschedule">
        <label className="field">
          <span>{t('followUps.record.newDue')}</span>
          <input type="datetime-local" value={newDue} onChange={(e) => setNewDue(e.target.value)} data-testid="follow-up-new-due" />
        </label>
        <button type="button" className="button small" onClick={() => void send('rescheduled')} data-testid="follow-up-rescheduled">
          {t('followUps.record.reschedule')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** One follow-up in a list: kind, when, for whom; opens the customer; overdue ones in red. */
export function FollowUpRow({ followUp, customerName, now, showCustomer }: { followUp: FollowUp; customerName?: string | undefined; now: number; showCustomer: boolean }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const [recording, setRecording] = useState(false);
  const overdue = isOverdue(followUp, now);
  return (
    <li className={`follow-up-row${overdue ? ' is-overdue' : ''}`} data-testid="follow-up-row" data-status={followUp.status}>
      <button type="button" className="follow-up-open" onClick={() => useWorkspace.getState().openCustomer(followUp.customerId)}>
        <span className="follow-up-kind">{t(`followUp.kind.${followUp.kind}`)}</span>
        {showCustomer && <span className="follow-up-customer">{customerName ?? '…'}</span>}
        <span className="follow-up-due">{t('followUps.dueAt', { time: formatDateTime(followUp.dueAt, locale) })}</span>
        <span className={`follow-up-chip priority-${followUp.priority}`}>
          {followUp.status === 'due' ? t('followUps.status.due') : t(`followUps.priority.${followUp.priority}`)}
        </span>
      </button>
      {followUp.notes && <p className="follow-up-notes">{followUp.notes}</p>}
      {recording ? (
        <>
          <OutcomeForm followUp={followUp} onDone={() => setRecording(false)} />
          <button type="button" className="button ghost small" onClick={() => setRecording(false)}>
            {t('followUps.record.close')}
          </button>
        </>
      ) : (
        <button type="button" className="button ghost small follow-up-record" onClick={() => setRecording(true)} data-testid="follow-up-record">
          {t('followUps.record.open')}
        </button>
      )}
    </li>
  );
}
