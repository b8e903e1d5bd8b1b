import { type FormEvent, useState } from 'react';
import { useT } from '../../i18n/locale-store';
import { useSync } from '../../sync/context';
import { callerLabel } from './caller-label';
import { parseDialTarget } from './dial-target';
import { usePhone, usePhoneServices } from './phone-context';

/**
 * Where the caller goes: an agent's extension, a queue number or a phone
 * number, typed as in the dial box. "Transfer now" is a blind transfer;
 * "Consult first" holds the caller and calls the target on a second line.
 */
export function TransferPanel({ onDone }: { onDone: () => void }) {
  const t = useT();
  const services = usePhoneServices();
  const { mutation } = useSync();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);

  function go(kind: 'blind' | 'consult', event?: FormEvent) {
    event?.preventDefault();
    const parsed = parseDialTarget(text, mutation.region);
    setInvalid(parsed === null);
    const phone = services.phone();
    if (!parsed || !phone) return;
    if (kind === 'blind') phone.transfer(parsed.target, parsed.party);
    else void phone.consult(parsed.target, parsed.party);
    onDone();
  }

  return (
    <form className="phone-transfer" aria-label={t('phone.transfer.title')} onSubmit={(event) => go('blind', event)} data-testid="transfer-panel">
      <input
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setInvalid(false);
        }}
        aria-label={t('phone.transfer.target')}
        placeholder={t('phone.transfer.target')}
        inputMode="tel"
        data-testid="transfer-target"
      />
      <div className="phone-actions">
        <button type="submit" className="button primary" data-testid="transfer-blind">
          {t('phone.transfer.blind')}
        </button>
        <button type="button" className="button ghost" onClick={() => go('consult')} data-testid="transfer-consult">
          {t('phone.transfer.consult')}
        </button>
      </div>
      {invalid && (
        <p className="form-error" role="alert">
          {t('phone.dialInvalid')}
        </p>
      )}
    </form>
  );
}

/** A transfer under way, or why it failed (the caller is still on the line); a failure stays until dismissed. */
export function TransferNotice() {
  const t = useT();
  const services = usePhoneServices();
  const transfer = usePhone((state) => state.transfer);
  if (!transfer) return null;
  const target = callerLabel(transfer.target, t);
  if (transfer.status === 'pending') {
    return (
      <p className="phone-transfer-note" role="status" data-testid="transfer-status" data-status="pending">
        {t('phone.transfer.pending', { target })}
      </p>
    );
  }
  return (
    <div className="phone-transfer-note is-problem" role="alert" data-testid="transfer-status" data-status="failed" data-code={transfer.code}>
      <span>{t('phone.transfer.failed', { target, code: String(transfer.code) })}</span>
      <button type="button" className="button ghost small" onClick={() => services.store.dispatch({ type: 'dismiss' })}>
        {t('phone.dismiss')}
      </button>
    </div>
  );
}
