import { useEffect, useState } from 'react';
import { useCustomer, useWaitingTargets } from '../../db/hooks';
import type { CustomerRow } from '../../db/rows';
import { formatDate } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import { targetKey } from '../../sync/optimistic';
import { ComplaintLogSlot, CustomerComplaints } from '../complaints/CustomerComplaints';
import { Timeline } from '../timeline/Timeline';
import { CustomerValuePanel } from '../customer-value/CustomerValuePanel';
import { CrossSellCard } from '../cross-sell/CrossSellCard';
import { IdentityList } from './IdentityList';
import { NoteComposer } from './NoteComposer';
import { PendingMerges, PossibleDuplicates } from './PossibleDuplicates';
import { ProfileEditor } from './ProfileEditor';
import { editRequested, useProfileEditRequest } from './profile-edit-request';
import { TierBadge } from './TierBadge';
import { CustomerFollowUps } from '../follow-ups/CustomerFollowUps';
import { FollowUpScheduleSlot } from '../follow-ups/ScheduleFollowUpForm';
import { CustomerPrivacy } from '../privacy/CustomerPrivacy';
import { shownName } from '../privacy/erased';

function ProfilePanel({ customer }: { customer: CustomerRow }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const editAsked = useProfileEditRequest((state) => editRequested(state.request, customer));
  useEffect(() => {
    if (!editAsked) return;
    setEditing(true);
    useProfileEditRequest.getState().clear();
  }, [editAsked]);
  const waitingTargets = useWaitingTargets();
  const waiting = waitingTargets.status === 'ready' && waitingTargets.value.has(targetKey({ table: 'customers', key: customer.id }));
  return (
    <aside className="profile-panel" aria-label={t('customer.archive')}>
      <section className="panel-section">
        <div className="panel-head">
          <h3 className="section-title">
            {t('customer.archive')}
            {waiting && (
              <span className="pending-chip" data-testid="profile-pending">
                {t('timeline.pending')}
              </span>
            )}
          </h3>
          {!editing && (
            <button type="button" className="button small" onClick={() => setEditing(true)} data-testid="profile-edit">
              {t('profile.edit')}
            </button>
          )}
        </div>
        {editing ? (
          <ProfileEditor key={customer.id} customer={customer} onDone={() => setEditing(false)} />
        ) : (
          <dl className="facts">
            <dt>{t('customer.company')}</dt>
            <dd data-testid="customer-company">{customer.company ?? <span className="muted">{t('customer.noCompany')}</span>}</dd>
            <dt>{t('customer.tags')}</dt>
            <dd>
              {customer.tags.length === 0 ? (
                <span className="muted">{t('customer.noTags')}</span>
              ) : (
                <ul className="tags" data-testid="customer-tags">
                  {customer.tags.map((tag) => (
                    <li key={tag} className="tag">
                      {tag}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
        )}
      </section>
      {/* ── complaints ── */}
      <CustomerComplaints customerId={customer.id} />
      {/* ── follow-ups ── */}
      <CustomerFollowUps customerId={customer.id} />
      {/* ── customer value ── */}
      <CustomerValuePanel customerId={customer.id} />
      <CrossSellCard customerId={customer.id} />
      <IdentityList customerId={customer.id} />
      <PossibleDuplicates customer={customer} />
    </aside>
  );
}

/** The customer 360 (客户档案): who they are on the right, everything they did on one timeline in the middle. */
export function CustomerView({ customerId }: { customerId: string }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const customer = useCustomer(customerId);
  if (customer.status === 'loading') return <p className="muted pad">{t('app.loading')}</p>;
  if (customer.status === 'error' || !customer.value) {
    return (
      <p className="muted pad" data-testid="customer-missing">
        {t('workspace.missing')}
      </p>
    );
  }
  const row = customer.value;
  return (
    <article className="customer-view" data-testid="customer-view" data-customer-id={row.id}>
      <header className="customer-head" data-testid="customer-profile">
        <div className="customer-title">
          <h1 data-testid="customer-name">{shownName(t, row)}</h1>
          <TierBadge tier={row.tier} />
        </div>
        <dl className="customer-keyfacts">
          <div>
            <dt>{t('customer.number')}</dt>
            <dd className="mono" data-testid="customer-number">
              {row.number}
            </dd>
          </div>
          {row.company && (
            <div>
              <dt>{t('customer.company')}</dt>
              <dd>{row.company}</dd>
            </div>
          )}
          <div>
            <dd className="muted">{t('customer.since', { date: formatDate(row.createdAt, locale) })}</dd>
          </div>
        </dl>
        {/* ── data protection ── */}
        <CustomerPrivacy customer={row} />
      </header>
      <div className="customer-body">
        <section className="timeline-column" aria-label={t('timeline.title')}>
          <NoteComposer customerId={row.id} />
          <PendingMerges customerId={row.id} />
          {/* ── complaints ── */}
          <ComplaintLogSlot customerId={row.id} />
          {/* ── follow-ups ── */}
          <FollowUpScheduleSlot customerId={row.id} />
          {/* ── customer value ── */}
          <Timeline key={row.id} customerId={row.id} />
        </section>
        <ProfilePanel customer={row} />
      </div>
    </article>
  );
}
