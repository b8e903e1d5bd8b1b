import { useDeferredValue, useEffect, useState } from 'react';
import { CustomerLinkedSchema } from '../../../shared/protocol/voice';
import type { CallerId } from '../../../shared/phone/caller-id';
import { useDb } from '../../db/context';
import { useCustomerSearch } from '../../db/hooks';
import { useLiveQuery } from '../../db/live';
import type { CustomerRow } from '../../db/rows';
import { hubErrorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/locale-store';
import type { Call } from '../../softphone/call-state';
import { useMutations, useSync } from '../../sync/context';
import { request } from '../../sync/hub-socket';
import { HubRefusalError, unwrapAck } from '../../sync/wire';
import { useWorkspace } from '../../store/workspace';
import { useProfileEditRequest } from '../customer360/profile-edit-request';
import { TierBadge } from '../customer360/TierBadge';
import { useOpenCustomer } from '../search/use-open-customer';
import { callerAddress } from './caller-label';
import { usePhoneServices } from './phone-context';
import { cachedCaller, isProvisional, PROVISIONAL_TAG, reResolvedPop } from './screen-pop';
import './screen-pop.css';

/** How many customers the link picker offers at once. */
const LINK_CHOICES = 5;
const LINK_TIMEOUT_MS = 10_000;

/** The caller's customer as the cache has it now (undefined while reading): changes as the hub's changes arrive. */
function useCachedCaller(party: CallerId): CustomerRow | null | undefined {
  const db = useDb();
  // A number, or a web visitor's SIP user (`v~<visitorId>`): what the cache is read by.
  const key = party.kind === 'number' ? party.e164 : party.kind === 'extension' ? party.user : null;
  const live = useLiveQuery(() => cachedCaller(db, party), [db, key]);
  return live.status === 'ready' ? live.value : undefined;
}

/**
 * The screen pop: the known customer with their tier, or an offer to search
 * for an unknown number. A provisional customer (the hub's record of a
 * caller nobody knew) is offered to be saved as new or linked to an existing
 * customer. The pop follows the cache: a customer that arrives after the
 * INVITE, or a link made here, shows and opens at once.
 */
export function ScreenPopLine({ call }: { call: Call }) {
  const t = useT();
  const openCustomer = useOpenCustomer();
  const { store } = usePhoneServices();
  const cached = useCachedCaller(call.party);
  const { pop } = call;

  useEffect(() => {
    if (cached === undefined) return;
    const next = reResolvedPop(pop, cached);
    if (next?.kind !== 'known') return;
    store.dispatch({ type: 'screen-pop', id: call.id, pop: next });
    // A newly found (or linked) customer opens, as a known caller's does; an edit of the one open moves nothing.
    if (pop.kind !== 'known' || pop.customerId !== next.customerId) openCustomer(next.customerId);
  }, [cached, pop, call.id, store, openCustomer]);

  if (pop.kind === 'looking') return <p className="muted">{t('phone.pop.looking')}</p>;
  if (pop.kind === 'known') {
    const provisional = cached && cached.id === pop.customerId && isProvisional(cached) ? cached : null;
    return (
      <div className="phone-pop is-known" data-testid="phone-pop" data-pop={provisional ? 'provisional' : 'known'}>
        <TierBadge tier={pop.tier} />
        <button type="button" className="button ghost small" onClick={() => openCustomer(pop.customerId)} data-testid="phone-pop-open">
          {t('phone.pop.open', { name: pop.name })}
        </button>
        <span className="muted mono">{pop.number}</span>
        {provisional && <ProvisionalOffers customer={provisional} />}
      </div>
    );
  }
  if (pop.kind === 'unknown') {
    return (
      <div className="phone-pop is-unknown" data-testid="phone-pop" data-pop="unknown">
        <span>{t('phone.pop.unknown')}</span>
        <button
          type="button"
          className="button ghost small"
          onClick={() => useWorkspace.getState().setQuery(callerAddress(call.party))}
          data-testid="phone-pop-search"
        >
          {t('phone.search')}
        </button>
      </div>
    );
  }
  return null;
}

/** "Save as new customer" (drop the provisional tag, open the profile to fill in) or "Link to existing customer". */
function ProvisionalOffers({ customer }: { customer: CustomerRow }) {
  const t = useT();
  const { updateCustomer } = useMutations();
  const { mutation } = useSync();
  const openCustomer = useOpenCustomer();
  const [linking, setLinking] = useState(false);

  async function saveAsNew() {
    const since = (mutation.now ?? Date.now)();
    await updateCustomer(customer.id, { tags: customer.tags.filter((tag) => tag !== PROVISIONAL_TAG) });
    useProfileEditRequest.getState().ask({ customerId: customer.id, since });
    openCustomer(customer.id);
  }

  return (
    <div className="pop-provisional" data-testid="phone-pop-provisional">
      <p className="pop-provisional-note">{t('callLog.pop.provisional', { number: customer.number })}</p>
      <div className="pop-provisional-actions">
        <button type="button" className="button small" onClick={() => void saveAsNew()} data-testid="phone-pop-save-new">
          {t('callLog.pop.saveNew')}
        </button>
        <button
          type="button"
          className="button ghost small"
          aria-expanded={linking}
          onClick={() => setLinking(!linking)}
          data-testid="phone-pop-link"
        >
          {linking ? t('callLog.pop.cancel') : t('callLog.pop.link')}
        </button>
      </div>
      {linking && <LinkPicker provisional={customer} />}
    </div>
  );
}

/** Search the cache, pick the customer the caller really is; the hub folds the provisional one into them. */
function LinkPicker({ provisional }: { provisional: CustomerRow }) {
  const t = useT();
  const { engine, mutation } = useSync();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const results = useCustomerSearch(deferred, mutation.region);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hits = results.status === 'ready' ? results.value.filter((hit) => hit.customer.id !== provisional.id).slice(0, LINK_CHOICES) : [];

  async function link(target: CustomerRow) {
    setBusy(true);
    setProblem(null);
    try {
      const ack = await request(engine.socket, (socket) =>
        socket.timeout(LINK_TIMEOUT_MS).emitWithAck('customer:link', { customerId: provisional.id, intoId: target.id }),
      );
      unwrapAck('customer:link', ack, CustomerLinkedSchema);
      // The moved rows arrive through sync; the pop then re-resolves to the linked customer and opens them.
    } catch (error) {
      setProblem(error instanceof HubRefusalError ? hubErrorMessage(t, error.error) : t('error.network'));
      setBusy(false);
    }
  }

  return (
    <div className="pop-link" data-testid="phone-pop-link-picker">
      <input
        type="search"
        className="pop-link-search"
        value={query}
        placeholder={t('callLog.pop.linkSearch')}
        aria-label={t('callLog.pop.linkSearch')}
        onChange={(event) => setQuery(event.target.value)}
        data-testid="phone-pop-link-search"
      />
      {deferred && results.status === 'ready' && hits.length === 0 && <p className="muted">{t('callLog.pop.linkNone')}</p>}
      <ul className="pop-link-choices">
        {hits.map((hit) => (
          <li key={hit.customer.id}>
            <button type="button" className="button ghost small" disabled={busy} onClick={() => void link(hit.customer)} data-testid="phone-pop-link-to">
              {t('callLog.pop.linkTo', { name: hit.customer.name })}
            </button>
            <span className="muted mono">{hit.customer.number}</span>
          </li>
        ))}
      </ul>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
