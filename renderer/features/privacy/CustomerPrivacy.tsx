import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { ErasureRecord } from '../../../shared/protocol/privacy';
import type { CustomerRow } from '../../db/rows';
import { hubErrorMessage } from '../../i18n/error-messages';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import type { Translate } from '../../i18n/translate';
import { useSession } from '../../store/session';
import type { AdminFailure } from '../../sync/admin-client';
import { useSync } from '../../sync/context';
import { saveFile } from '../timeline/hub-file';
import { isErased } from './erased';
import { createPrivacyClient, type PrivacyClient } from './privacy-client';
import './privacy.css';


/** A refusal of an export or erasure, in words about that action. */
function failureText(t: Translate, failure: AdminFailure): string {
  if (failure.kind === 'network') return t('error.network');
  if (failure.kind === 'bad-answer') return t('error.bad-answer');
  const issue = failure.error.issues?.[0]?.message;
  if (failure.error.code === 'conflict' && issue === 'already-erased') return t('privacy.erase.already');
  if (failure.error.code === 'conflict' && issue === 'open-work') return t('privacy.erase.openWork');
  if (failure.error.code === 'invalid-payload') return t('privacy.erase.reasonShort');
  return hubErrorMessage(t, failure.error);
}

/** The confirm step: what goes and what stays, a reason the record keeps, and one button that cannot be mistaken. */
function EraseDialog({ customer, client, onClose }: { customer: CustomerRow; client: PrivacyClient; onClose(): void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AdminFailure | null>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const ready = reason.trim().length >= 3;

  async function erase(event: FormEvent) {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setFailure(null);
    const answer = await client.erase(customer.id, reason.trim());
    setBusy(false);
    // The desktop hears of the erasure through sync like every other one; the 360 then shows the erased state.
    if (answer.ok) onClose();
    else setFailure(answer.failure);
  }

  return (
    <dialog ref={dialog} className="privacy-dialog" aria-label={t('privacy.erase.title', { name: customer.name })} onClose={onClose} data-testid="erase-dialog">
      <form onSubmit={erase}>
        <h2>{t('privacy.erase.title', { name: customer.name })}</h2>
        <p className="privacy-warning" role="note">
          {t('privacy.erase.warning')}
        </p>
        <label className="field">
          <span>{t('privacy.erase.reason')}</span>
          <textarea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} required data-testid="erase-reason" />
        </label>
        {failure && (
          <p className="form-error" role="alert" data-testid="erase-error">
            {failureText(t, failure)}
          </p>
        )}
        <div className="row-end">
          <button type="button" className="button" onClick={onClose} data-testid="erase-cancel">
            {t('privacy.erase.cancel')}
          </button>
          <button type="submit" className="button danger" disabled={!ready || busy} data-testid="erase-confirm">
            {busy ? t('privacy.erase.working') : t('privacy.erase.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** What the erased 360 says: the fact from the cache (offline too), and who, when and why from the hub when it can be asked. */
function ErasedNotice({ customerId, client }: { customerId: string; client: PrivacyClient }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const [record, setRecord] = useState<ErasureRecord | null>(null);
  useEffect(() => {
    let current = true;
    void client.erasure(customerId).then((answer) => current && answer.ok && setRecord(answer.data));
    return () => {
      current = false;
    };
  }, [client, customerId]);
  return (
    <div className="privacy-erased" role="status" data-testid="customer-erased">
      <strong>{t('privacy.erased.banner')}</strong>
      {record && (
        <>
          <span data-testid="erasure-detail">{t('privacy.erased.detail', { date: formatDateTime(record.erasedAt, locale), by: record.erasedByName, reason: record.reason })}</span>
          <span className="muted">
            {t('privacy.erased.counts', { interactions: record.counts.interactions, files: record.counts.files, identities: record.counts.identities })}
          </span>
        </>
      )}
    </div>
  );
}

/**
 * Data protection on the customer 360: for supervisors and administrators,
 * the export of everything held about the customer and the erasure; for
 * everyone, the erased state once the customer's data is gone.
 */
export function CustomerPrivacy({ customer }: { customer: CustomerRow }) {
  const t = useT();
  const { engine } = useSync();
  const role = useSession((state) => state.current?.user.role ?? 'agent');
  const client = useMemo(() => createPrivacyClient(engine.socket), [engine]);
  const [erasing, setErasing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [failure, setFailure] = useState<AdminFailure | null>(null);

  if (isErased(customer)) return <ErasedNotice customerId={customer.id} client={client} />;
  if (role !== 'supervisor' && role !== 'admin') return null;

  async function exportData() {
    const session = useSession.getState().current;
    if (!session || exporting) return;
    setExporting(true);
    setFailure(null);
    const answer = await client.exportCustomer(customer.id, { hubUrl: session.hubUrl, accessToken: session.accessToken });
    setExporting(false);
    if (answer.ok) saveFile(answer.data.blob, answer.data.name);
    else setFailure(answer.failure);
  }

  return (
    <div className="privacy-actions" data-testid="privacy-actions">
      <button type="button" className="button small" onClick={() => void exportData()} disabled={exporting} title={t('privacy.exportHelp')} data-testid="privacy-export">
        {exporting ? t('privacy.exporting') : t('privacy.export')}
      </button>
      <button type="button" className="button small danger-outline" onClick={() => setErasing(true)} data-testid="privacy-erase">
        {t('privacy.erase')}
      </button>
      {failure && (
        <span className="form-error" role="alert" data-testid="privacy-error">
          {failureText(t, failure)}
        </span>
      )}
      {erasing && <EraseDialog customer={customer} client={client} onClose={() => setErasing(false)} />}
    </div>
  );
}
