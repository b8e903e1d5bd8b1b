import { useT } from '../../i18n/locale-store';
import type { StoredSession } from '../../store/session';

/** The supervisor's area: live queues, agents, wallboard, reports. */
export function SupervisorArea({ session }: { session: StoredSession }) {
  const t = useT();
  return (
    <section className="supervisor-area" aria-label={t('supervisor.title')} data-testid="supervisor-area" data-role={session.user.role}>
      <h1>{t('supervisor.title')}</h1>
    </section>
  );
}
