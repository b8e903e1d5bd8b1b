import { type FormEvent, useState } from 'react';
import { FOLLOW_UP_KINDS, FOLLOW_UP_PRIORITIES, type FollowUpKind, type FollowUpPriority } from '../../../shared/follow-ups/follow-up';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import { useRouting } from '../inbox/routing-context';
import { defaultDue, fromDateTimeLocal, toDateTimeLocal } from './follow-up-logic';
import { useFollowUpUi } from './follow-up-ui';
import { useFollowUpActions, useMe } from './use-follow-ups';

const ME = '';

/** The schedule form above the timeline: kind, due time, who (me by default, or one of my queues), priority, notes. Offline too. */
export function ScheduleFollowUpForm({ customerId }: { customerId: string }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const me = useMe();
  const queues = useRouting((state) => state.queues);
  const { schedule } = useFollowUpActions();
  const [kind, setKind] = useState<FollowUpKind>('callback');
  const [due, setDue] = useState(() => toDateTimeLocal(defaultDue(Date.now())));
  const [who, setWho] = useState(ME);
  const [priority, setPriority] = useState<FollowUpPriority>('normal');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => useFollowUpUi.getState().stopScheduling();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const dueAt = fromDateTimeLocal(due);
    if (dueAt === null) {
      setError(t('followUps.schedule.badDue'));
      return;
    }
    setBusy(true);
    try {
      await schedule({ customerId, kind, dueAt, assigneeId: who === ME ? me : null, queueId: who === ME ? null : who, priority, notes: notes.trim() });
      close();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  return (
    <form className="follow-up-form" onSubmit={submit} aria-label={t('followUps.schedule.title')} data-testid="follow-up-form">
      <h3 className="section-title">{t('followUps.schedule.title')}</h3>
      <div className="follow-up-form-grid">
        <label className="field">
          <span>{t('followUps.schedule.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as FollowUpKind)} data-testid="follow-up-kind">
            {FOLLOW_UP_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`followUp.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('followUps.schedule.due')}</span>
          <input
            type="datetime-local"
            value={due}
            onChange={(e) => {
              setDue(e.target.value);
              setError(null);
            }}
            aria-invalid={error ? true : undefined}
            data-testid="follow-up-due"
          />
        </label>
        <label className="field">
          <span>{t('followUps.schedule.who')}</span>
          <select value={who} onChange={(e) => setWho(e.target.value)} data-testid="follow-up-who">
            <option value={ME}>{t('followUps.schedule.me')}</option>
            {queues.map((queue) => (
              <option key={queue.id} value={queue.id}>
                {t('followUps.schedule.queueOption', { name: queue.name })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('followUps.priority')}</span>
          <select value={priority} onChange={(e) => setPriority(e.target.value as FollowUpPriority)} data-testid="follow-up-priority">
            {FOLLOW_UP_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`followUps.priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>{t('followUps.schedule.notes')}</span>
        <textarea rows={2} maxLength={4000} value={notes} onChange={(e) => setNotes(e.target.value)} data-testid="follow-up-notes" />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="row-end">
        <span className="muted follow-up-form-when">{fromDateTimeLocal(due) !== null && formatDateTime(fromDateTimeLocal(due) ?? 0, locale)}</span>
        <button type="button" className="button small" onClick={close} data-testid="follow-up-cancel">
          {t('followUps.schedule.cancel')}
        </button>
        <button type="submit" className="button primary small" disabled={busy} data-testid="follow-up-submit">
          {t('followUps.schedule.submit')}
        </button>
      </div>
    </form>
  );
}

/** Where the schedule form opens: above the timeline, for the customer it was asked for. */
export function FollowUpScheduleSlot({ customerId }: { customerId: string }) {
  const schedulingFor = useFollowUpUi((state) => state.schedulingFor);
  return schedulingFor === customerId ? <ScheduleFollowUpForm key={customerId} customerId={customerId} /> : null;
}
