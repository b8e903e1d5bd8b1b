import type { KeyboardEvent } from 'react';
import { IdentityIcon } from '../../app/icons';
import { formatPhone } from '../../../shared/phone/e164';
import type { CustomerRow } from '../../db/rows';
import type { MatchKind } from '../../db/search-plan';
import { useT } from '../../i18n/locale-store';
import { TierBadge } from '../customer360/TierBadge';
import { shownName } from '../privacy/erased';

type Props = {
  customer: CustomerRow;
  match?: { kind: MatchKind; value: string | null };
  active: boolean;
  testId: string;
  onOpen(id: string): void;
};

/** Arrow keys move between rows of a customer list; the list is one tab stop away from the search box. */
export function moveFocus(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const list = event.currentTarget.closest('[data-customer-list]');
  if (!list) return;
  const rows = [...list.querySelectorAll<HTMLButtonElement>('button[data-customer-id]')];
  const index = rows.indexOf(event.currentTarget as HTMLButtonElement);
  const next = rows[index + (event.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    event.preventDefault();
    next.focus();
  } else if (event.key === 'ArrowUp' && index === 0) {
    event.preventDefault();
    document.querySelector<HTMLInputElement>('[data-testid="search-input"]')?.focus();
  }
}

export function CustomerRowButton({ customer, match, active, testId, onOpen }: Props) {
  const t = useT();
  const matched = match?.value && match.kind !== 'name' && match.kind !== 'number' ? match : null;
  return (
    <li>
      <button
        type="button"
        className={`customer-row${active ? ' is-active' : ''}`}
        aria-current={active ? 'true' : undefined}
        onClick={() => onOpen(customer.id)}
        onKeyDown={moveFocus}
        data-testid={testId}
        data-customer-id={customer.id}
      >
        <span className="customer-row-top">
          <span className="customer-row-name">{shownName(t, customer)}</span>
          <TierBadge tier={customer.tier} />
        </span>
        <span className="customer-row-meta">
          <span className="mono" title={t('customer.number')}>
            {customer.number}
          </span>
          {matched?.value ? (
            <span className="customer-row-match">
              <IdentityIcon kind={matched.kind === 'phone' ? 'phone' : 'email'} className="icon small" />
              {matched.kind === 'phone' ? formatPhone(matched.value) : matched.value}
            </span>
          ) : (
            customer.company && <span className="customer-row-company">{customer.company}</span>
          )}
        </span>
      </button>
    </li>
  );
}
