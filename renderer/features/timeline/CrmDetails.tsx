import type { InteractionOf } from '../../../shared/domain/interaction';
import { formatDateTime } from '../../i18n/format';
import type { Locale, Translate } from '../../i18n/translate';
import { useComplaintUi } from '../complaints/complaint-store';

/**
 * Timeline lines written by the CRM workflows: a complaint's steps, a
 * follow-up's outcome, a survey answer. Their own screens show the whole
 * record; the timeline says what happened and when.
 */

type CrmLine = InteractionOf<'complaint'> | InteractionOf<'follow-up'> | InteractionOf<'survey'>;

export function crmSummary(t: Translate, locale: Locale, line: CrmLine): string {
  switch (line.channel) {
    case 'complaint':
      return [t(`complaint.step.${line.step}`), line.text].filter(Boolean).join(' · ');
    case 'follow-up':
      return [t(`followUp.kind.${line.kind}`), t(`followUp.outcome.${line.outcome}`), formatDateTime(line.dueAt, locale)].join(' · ');
    case 'survey':
      return [
        line.csat !== null ? t('survey.csat', { score: line.csat }) : null,
        line.nps !== null ? t('survey.nps', { score: line.nps }) : null,
        line.comment || null,
      ]
        .filter(Boolean)
        .join(' · ');
  }
}

export function CrmDetails({ line, t, locale }: { line: CrmLine; t: Translate; locale: Locale }) {
  switch (line.channel) {
    case 'complaint':
      return (
        <>
          <p className="muted">
            {t(`complaint.step.${line.step}`)} → {t(`complaint.status.${line.status}`)}
          </p>
          {line.text && <p className="prewrap">{line.text}</p>}
          <button type="button" className="button small" onClick={() => useComplaintUi.getState().openComplaint(line.complaintId)} data-testid="timeline-open-complaint">
            {t('complaint.openRecord')}
          </button>
        </>
      );
    case 'follow-up':
      return (
        <>
          <dl className="details-grid">
            <dt>{t('channel.follow-up')}</dt>
            <dd>
              {t(`followUp.kind.${line.kind}`)} · {t(`followUp.outcome.${line.outcome}`)}
            </dd>
            <dt>{t('followUp.due')}</dt>
            <dd>{formatDateTime(line.dueAt, locale)}</dd>
          </dl>
          {line.note && <p className="prewrap">{line.note}</p>}
        </>
      );
    case 'survey':
      return (
        <dl className="details-grid">
          <dt>{t('channel.survey')}</dt>
          <dd>{crmSummary(t, locale, { ...line, comment: '' })}</dd>
          <dt>{t(`survey.about.${line.about.kind}`)}</dt>
          <dd className="prewrap">{line.comment || '—'}</dd>
        </dl>
      );
  }
}
