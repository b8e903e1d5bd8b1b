import { hubErrorMessage, syncErrorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/locale-store';
import { type Notice, useNotices } from '../../store/notices';

function NoticeText({ notice }: { notice: Notice }) {
  const t = useT();
  if (notice.kind === 'refused') {
    return (
      <>
        <strong>{t('notice.rejectedTitle')}</strong>
        <span>{t('notice.rejected', { what: t(`mutation.${notice.mutation}`), reason: hubErrorMessage(t, notice) })}</span>
        {notice.hubMessage && <small>{t('notice.hubSaid', { message: notice.hubMessage })}</small>}
      </>
    );
  }
  if (notice.kind === 'routing-refused') {
    const { failure } = notice;
    const reason =
      failure.kind === 'hub' ? hubErrorMessage(t, failure) : failure.kind === 'network' ? t('error.network') : t('error.bad-answer');
    return (
      <>
        <strong>{t('routing.refusedTitle')}</strong>
        <span>{t('routing.refused', { what: t(`routingAction.${notice.action}`), reason })}</span>
        {failure.kind === 'hub' && failure.message && <small>{t('notice.hubSaid', { message: failure.message })}</small>}
      </>
    );
  }
  if (notice.kind === 'offer-ended') {
    return (
      <>
        <strong>{t('offer.endedTitle')}</strong>
        <span>{t(`offer.ended.${notice.reason}`, { subject: notice.subject })}</span>
      </>
    );
  }
  return <span>{t('notice.syncError', { reason: syncErrorMessage(t, notice.error) })}</span>;
}

/** Refusals and sync problems stay on screen until dismissed: nothing the hub refuses disappears silently. */
export function Notices() {
  const t = useT();
  const notices = useNotices((state) => state.notices);
  const dismiss = useNotices((state) => state.dismiss);
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label={t('notice.region')}>
      {notices.map((notice) => (
        <div key={notice.id} className={`notice is-${notice.kind}`} role={notice.kind === 'offer-ended' ? 'status' : 'alert'} data-testid="notice" data-kind={notice.kind}>
          <div className="notice-text">
            <NoticeText notice={notice} />
          </div>
          <button type="button" className="button ghost small" onClick={() => dismiss(notice.id)}>
            {t('notice.dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}
