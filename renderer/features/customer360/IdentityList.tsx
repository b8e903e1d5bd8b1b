import { type FormEvent, useState } from 'react';
import type { Identity, IdentityKind } from '../../../shared/domain/customer';
import { formatPhone } from '../../../shared/phone/e164';
import { IdentityIcon } from '../../app/icons';
import { useIdentities, useWaitingTargets } from '../../db/hooks';
import { useT } from '../../i18n/locale-store';
import { useMutations, useSync } from '../../sync/context';
import { DialButton } from '../phone/DialButton';
import { InvalidIdentityError, normaliseIdentity } from '../../sync/mutations';
import { targetKey } from '../../sync/optimistic';

const display = (identity: Pick<Identity, 'kind' | 'value'>) =>
  identity.kind === 'phone' ? formatPhone(identity.value) : identity.value;

type AddableKind = Exclude<IdentityKind, 'visitor'>;

function AddIdentityForm({ customerId, existing }: { customerId: string; existing: readonly Identity[] }) {
  const t = useT();
  const { addIdentity } = useMutations();
  const { mutation } = useSync();
  const [kind, setKind] = useState<AddableKind>('phone');
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    const normalised = normaliseIdentity(kind, value, mutation.region);
    if (normalised === null) {
      setMessage(t(`identity.invalid.${kind}`));
      return;
    }
    if (existing.some((identity) => identity.kind === kind && identity.value === normalised)) {
      setMessage(t('identity.duplicate'));
      return;
    }
    try {
      await addIdentity(customerId, kind, value);
      setValue('');
      setMessage(null);
    } catch (error) {
      if (error instanceof InvalidIdentityError) setMessage(t(`identity.invalid.${kind}`));
      else throw error;
    }
  }

  return (
    <form className="identity-add" onSubmit={add} aria-label={t('identity.addTitle')} data-testid="identity-add">
      <div className="identity-add-row">
        <select
          value={kind}
          onChange={(event) => setKind(event.target.value === 'email' ? 'email' : 'phone')}
          aria-label={t('identity.kind')}
          data-testid="identity-kind"
        >
          <option value="phone">{t('identity.phone')}</option>
          <option value="email">{t('identity.email')}</option>
        </select>
        <input
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setMessage(null);
          }}
          aria-label={t('identity.value')}
          placeholder={kind === 'phone' ? '138 0013 8000' : 'name@example.com'}
          inputMode={kind === 'phone' ? 'tel' : 'email'}
          data-testid="identity-value"
        />
        <button type="submit" className="button" data-testid="identity-submit">
          {t('identity.add')}
        </button>
      </div>
      {message && (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
    </form>
  );
}

/** Phones and emails with icons, each removable; new ones are checked and normalised before they are queued. */
export function IdentityList({ customerId }: { customerId: string }) {
  const t = useT();
  const identities = useIdentities(customerId);
  const waiting = useWaitingTargets();
  const { removeIdentity } = useMutations();
  const list = identities.status === 'ready' ? identities.value : [];
  const waitingKeys = waiting.status === 'ready' ? waiting.value : new Set<string>();

  return (
    <section className="panel-section" aria-label={t('customer.identities')}>
      <h3 className="section-title">{t('customer.identities')}</h3>
      {list.length === 0 ? (
        <p className="muted">{t('customer.noIdentities')}</p>
      ) : (
        <ul className="identity-list" data-testid="identity-list">
          {list.map((identity) => (
            <li key={identity.id} className="identity" data-testid="identity" data-kind={identity.kind}>
              <IdentityIcon kind={identity.kind} className="icon" />
              <span className="identity-kind">{t(`identity.${identity.kind}`)}</span>
              <span className="identity-value mono">{display(identity)}</span>
              {identity.kind === 'phone' && <DialButton e164={identity.value} />}
              <span className="pending-slot">
                {waitingKeys.has(targetKey({ table: 'identities', key: identity.id })) && (
                  <span className="pending-dot" title={t('timeline.pending')} data-testid="identity-pending" />
                )}
              </span>
              <button
                type="button"
                className="icon-button"
                aria-label={t('identity.remove', { value: display(identity) })}
                title={t('identity.remove', { value: display(identity) })}
                onClick={() => void removeIdentity(identity)}
                data-testid="identity-remove"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddIdentityForm customerId={customerId} existing={list} />
    </section>
  );
}
