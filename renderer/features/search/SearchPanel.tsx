import { useDeferredValue } from 'react';
import { SearchIcon } from '../../app/icons';
import { useCustomerSearch, useRecentCustomers } from '../../db/hooks';
import { SEARCH_LIMIT } from '../../db/search';
import { useT } from '../../i18n/locale-store';
import { useWorkspace } from '../../store/workspace';
import { useSync } from '../../sync/context';
import { CustomerRowButton } from './CustomerRowButton';
import { useOpenCustomer } from './use-open-customer';

function SearchResults({ query }: { query: string }) {
  const t = useT();
  const { mutation } = useSync();
  const openId = useWorkspace((state) => state.openCustomerId);
  const open = useOpenCustomer();
  const results = useCustomerSearch(query, mutation.region);
  if (results.status !== 'ready') return null;
  const hits = results.value;
  return (
    <section className="list-section" aria-label={t('search.results')}>
      <h2 className="section-title">
        {t('search.results')}
        <span className="count" data-testid="search-count">
          {hits.length >= SEARCH_LIMIT ? t('search.countCapped', { count: hits.length }) : t('search.count', { count: hits.length })}
        </span>
      </h2>
      {hits.length === 0 ? (
        <p className="muted empty" data-testid="search-empty">
          {t('search.none', { query })}
        </p>
      ) : (
        <ul className="customer-list" data-customer-list aria-label={t('search.results')}>
          {hits.map((hit) => (
            <CustomerRowButton
              key={hit.customer.id}
              customer={hit.customer}
              match={{ kind: hit.match, value: hit.matched }}
              active={hit.customer.id === openId}
              testId="search-result"
              onOpen={open}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function RecentCustomers() {
  const t = useT();
  const recent = useRecentCustomers();
  const openId = useWorkspace((state) => state.openCustomerId);
  const open = useOpenCustomer();
  const customers = recent.status === 'ready' ? recent.value : [];
  return (
    <section className="list-section" aria-label={t('recent.title')}>
      <h2 className="section-title">{t('recent.title')}</h2>
      {customers.length === 0 ? (
        <p className="muted empty">{t('recent.empty')}</p>
      ) : (
        <ul className="customer-list" data-customer-list aria-label={t('recent.title')}>
          {customers.map((customer) => (
            <CustomerRowButton
              key={customer.id}
              customer={customer}
              active={customer.id === openId}
              testId="recent-customer"
              onOpen={open}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The left column: search as you type, served from the cache; the recent list when the box is empty. */
export function SearchPanel() {
  const t = useT();
  const query = useWorkspace((state) => state.query);
  const setQuery = useWorkspace((state) => state.setQuery);
  // Typing stays responsive while the previous keystroke's search is still rendering.
  const deferred = useDeferredValue(query);

  return (
    <div className="search-panel">
      <div className="search-box">
        <SearchIcon className="icon search-icon" />
        <input
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              event.currentTarget.closest('.search-panel')?.querySelector<HTMLButtonElement>('button[data-customer-id]')?.focus();
            } else if (event.key === 'Enter') {
              event.currentTarget.closest('.search-panel')?.querySelector<HTMLButtonElement>('button[data-customer-id]')?.click();
            } else if (event.key === 'Escape') {
              setQuery('');
            }
          }}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          autoComplete="off"
          spellCheck={false}
          data-testid="search-input"
          // biome-ignore lint/a11y/noAutofocus: the search box is the agent's first move on every call
          autoFocus
        />
      </div>
      <div className="search-lists">
        {deferred.trim() ? <SearchResults query={deferred} /> : <RecentCustomers />}
      </div>
    </div>
  );
}
