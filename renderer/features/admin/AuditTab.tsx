import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { RoleSchema } from '../../../shared/domain/user';
import type { AuditEntry } from '../../../shared/protocol/audit';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import type { AdminFailure } from '../../sync/admin-client';
import { createAccountAdminClient } from './account-client';
import { useAdmin } from './admin-context';
import { type AuditFilter, auditQueryOf, NO_FILTER, summaryText } from './audit-filter';
import { loadFailureText } from './save-refusal';
import './audit.css';

type Listing = { entries: AuditEntry[]; more: boolean; failure: AdminFailure | null; loading: boolean };

/** The audit log, newest first, filtered by user, action and days, a page at a time. Administrators only; nothing here changes it. */
export function AuditTab() {
  const { canEdit } = useAdmin();
  const t = useT();
  if (!canEdit) return <p className="muted" data-testid="audit-admin-only">{t('users.adminOnly')}</p>;
  return <AuditLog />;
}

function AuditLog() {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { socket } = useAdmin();
  const client = useMemo(() => createAccountAdminClient(socket), [socket]);
  const [draft, setDraft] = useState<AuditFilter>(NO_FILTER);
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [listing, setListing] = useState<Listing>({ entries: [], more: false, failure: null, loading: true });

  const load = useCallback(
    async (before?: string) => {
      setListing((previous) => ({ ...previous, loading: true }));
      const answer = await client.audit(auditQueryOf(filter, before));
      setListing((previous) => {
        if (!answer.ok) return { ...previous, failure: answer.failure, loading: false };
        const entries = before ? [...previous.entries, ...answer.data.entries] : answer.data.entries;
        return { entries, more: answer.data.more, failure: null, loading: false };
      });
    },
    [client, filter],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const roleText = (role: string): string => {
    const known = RoleSchema.safeParse(role);
    if (known.success) return t(`role.${known.data}`);
    return role === '' ? t('audit.notSignedIn') : role;
  };

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilter(draft);
  }
  const field = (key: keyof AuditFilter) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft((previous) => ({ ...previous, [key]: event.target.value })),
  });

  return (
    <section className="admin-section audit-log" aria-label={t('admin.tab.audit')} data-testid="audit-tab">
      <p className="admin-help">{t('audit.intro')}</p>
      <form className="audit-filter" onSubmit={apply} data-testid="audit-filter">
        <label className="field">
          <span>{t('audit.actor')}</span>
          <input {...field('actor')} autoCapitalize="none" spellCheck={false} data-testid="audit-actor" />
        </label>
        <label className="field">
          <span>{t('audit.action')}</span>
          <input {...field('action')} placeholder={t('audit.actionHint')} spellCheck={false} data-testid="audit-action" />
        </label>
        <label className="field">
          <span>{t('audit.from')}</span>
          <input type="date" {...field('from')} data-testid="audit-from" />
        </label>
        <label className="field">
          <span>{t('audit.to')}</span>
          <input type="date" {...field('to')} data-testid="audit-to" />
        </label>
        <div className="row-end">
          <button
            type="button"
            className="button small ghost"
            onClick={() => {
              setDraft(NO_FILTER);
              setFilter(NO_FILTER);
            }}
          >
            {t('audit.clear')}
          </button>
          <button type="submit" className="button small primary" data-testid="audit-apply">
            {t('audit.apply')}
          </button>
          <button type="button" className="button small" disabled={listing.loading} onClick={() => void load()} data-testid="audit-refresh">
            {t('audit.refresh')}
          </button>
        </div>
      </form>
      {listing.failure && (
        <p className="admin-error" role="alert" data-testid="audit-failed">
          {t('admin.loadFailed', { reason: loadFailureText(t, listing.failure) })}
        </p>
      )}
      {!listing.loading && !listing.failure && listing.entries.length === 0 && (
        <p className="muted" data-testid="audit-empty">
          {t('audit.empty')}
        </p>
      )}
      {listing.entries.length > 0 && (
        <table className="admin-table audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.targets')}</th>
              <th scope="col">{t('audit.details')}</th>
              <th scope="col">{t('audit.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {listing.entries.map((entry) => (
              <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
                <td>{formatDateTime(entry.at, locale)}</td>
                <td>
                  {entry.actor.username}{' '}
                  <span className="muted">{roleText(entry.actor.role)}</span>
                </td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td className="audit-ids">{entry.targetIds.join(', ')}</td>
                <td className="audit-summary">{summaryText(entry.summary)}</td>
                <td className={entry.outcome === 'ok' ? undefined : 'admin-error'}>{entry.outcome === 'ok' ? t('audit.ok') : t('audit.refused', { code: entry.outcome })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {listing.more && (
        <button type="button" className="button small" disabled={listing.loading} onClick={() => void load(listing.entries.at(-1)?.id)} data-testid="audit-more">
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
