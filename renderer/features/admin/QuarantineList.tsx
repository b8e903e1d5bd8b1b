import { useCallback, useEffect, useState } from 'react';
import type { QuarantinedEmail } from '../../../shared/protocol/email';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import type { AdminFailure } from '../../sync/admin-client';
import { formatBytes } from '../chat/chat-logic';
import { fetchHubFile } from '../timeline/hub-file';
import { useAdmin } from './admin-context';
import { loadFailureText } from './save-refusal';
import { olderThan, QUARANTINE_PAGE, quarantineFileName, withPage } from './quarantine-page';

type Listing = { items: QuarantinedEmail[]; more: boolean; failure: AdminFailure | null; loading: boolean };

/** Saves the raw message as an .eml file; it is never opened or shown in the desktop. */
async function downloadRaw(mail: QuarantinedEmail): Promise<boolean> {
  const blob = await fetchHubFile(mail.rawAttachmentId);
  if (!blob) return false;
  const url = URL.createObjectURL(new Blob([blob], { type: 'message/rfc822' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = quarantineFileName(mail);
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/** Mail the hub could not file, newest first, a page at a time, with why and a way to take the raw message away. */
export function QuarantineList() {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { client } = useAdmin();
  const [listing, setListing] = useState<Listing>({ items: [], more: false, failure: null, loading: true });
  const [downloadFailed, setDownloadFailed] = useState(false);

  const load = useCallback(
    async (before?: number) => {
      setListing((previous) => ({ ...previous, loading: true }));
      const answer = await client.quarantine(before === undefined ? { limit: QUARANTINE_PAGE } : { before, limit: QUARANTINE_PAGE });
      setListing((previous) => {
        if (!answer.ok) return { ...previous, failure: answer.failure, loading: false };
        return { ...withPage(previous.items, answer.data, before), failure: null, loading: false };
      });
    },
    [client],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const oldest = olderThan(listing.items);
  return (
    <section className="email-quarantine" aria-label={t('emailAdmin.quarantine')} data-testid="email-quarantine">
      <div className="admin-section">
        <div className="email-quarantine-head">
          <h3>{t('emailAdmin.quarantine')}</h3>
          <button type="button" className="button small" disabled={listing.loading} onClick={() => void load()} data-testid="quarantine-refresh">
            {t('emailAdmin.refresh')}
          </button>
        </div>
        <p className="admin-help">{t('emailAdmin.quarantineHelp')}</p>
        {listing.failure && (
          <p className="admin-error" role="alert" data-testid="quarantine-failed">
            {t('admin.loadFailed', { reason: loadFailureText(t, listing.failure) })}
          </p>
        )}
        {downloadFailed && (
          <p className="admin-error" role="alert" data-testid="quarantine-download-failed">
            {t('emailAdmin.downloadFailed')}
          </p>
        )}
        {!listing.loading && !listing.failure && listing.items.length === 0 && (
          <p className="muted" data-testid="quarantine-empty">
            {t('emailAdmin.quarantineEmpty')}
          </p>
        )}
        {listing.items.length > 0 && (
          <table className="admin-table" data-testid="quarantine-table">
            <thead>
              <tr>
                <th scope="col">{t('emailAdmin.received')}</th>
                <th scope="col">{t('emailAdmin.from')}</th>
                <th scope="col">{t('emailAdmin.subject')}</th>
                <th scope="col">{t('emailAdmin.reason')}</th>
                <th scope="col">{t('emailAdmin.size')}</th>
                <th scope="col" aria-label={t('admin.actions')} />
              </tr>
            </thead>
            <tbody>
              {listing.items.map((mail) => (
                <tr key={mail.id} data-testid="quarantine-row">
                  <td className="email-nowrap" title={`${t('emailAdmin.source')}: ${mail.source}`}>{formatDateTime(mail.receivedAt, locale)}</td>
                  <td className="email-from">{mail.from || <span className="muted">{t('emailAdmin.unreadable')}</span>}</td>
                  <td>{mail.subject || <span className="muted">{t('emailAdmin.unreadable')}</span>}</td>
                  <td className="email-reason" data-testid="quarantine-reason">
                    {mail.reason}
                  </td>
                  <td className="email-nowrap">{formatBytes(mail.size)}</td>
                  <td>
                    <button
                      type="button"
                      className="button small"
                      onClick={() => void downloadRaw(mail).then((ok) => setDownloadFailed(!ok))}
                      data-testid="quarantine-download"
                    >
                      {t('emailAdmin.download')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {listing.loading && <p className="muted admin-loading">{t('app.loading')}</p>}
        {listing.more && oldest !== null && !listing.loading && (
          <button type="button" className="button small email-add" onClick={() => void load(oldest)} data-testid="quarantine-older">
            {t('emailAdmin.older')}
          </button>
        )}
      </div>
    </section>
  );
}
