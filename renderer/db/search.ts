import type { CountryCode } from 'libphonenumber-js/min';
import type { Identity } from '../../shared/domain/customer';
import type { CustomerRow } from './rows';
import type { SwitchboardDb } from './schema';
import { buildSearchPlan, matchesAllTokens, rankHits, type SearchHit, type SearchPlan } from './search-plan';
import { numberTerms } from './search-terms';

/** More than a screenful; fewer rows read keeps every keystroke under a few milliseconds. */
export const SEARCH_LIMIT = 30;
const HIGH = '\uffff';

export type CustomerHit = SearchHit<CustomerRow>;

/**
 * Runs a plan against the indexes in one read transaction: a prefix range on
 * `*terms`, and prefix ranges on `[kind+value]` for phones and emails. Every
 * look-up is capped and at most `2 × limit` customers are read, so the cost
 * does not grow with the size of the cache.
 */
export async function runSearch(db: SwitchboardDb, plan: SearchPlan, limit = SEARCH_LIMIT): Promise<CustomerHit[]> {
  if (!plan.termPrefix && plan.phonePrefixes.length === 0 && !plan.emailPrefix) return [];
  // Extra words are filtered after the look-up, so a multi-word search reads further ahead.
  const termLimit = plan.tokens.length > 1 ? limit * 3 : limit;
  return db.transaction('r', [db.customers, db.identities], async () => {
    const identityRange = (kind: Identity['kind'], prefix: string) =>
      db.identities.where('[kind+value]').between([kind, prefix], [kind, prefix + HIGH], true, true).limit(limit).toArray();
    const [phraseIds, termIds, phoneLists, emails] = await Promise.all([
      plan.phrasePrefix ? db.customers.where('terms').startsWith(plan.phrasePrefix).limit(limit).primaryKeys() : Promise.resolve([]),
      plan.termPrefix ? db.customers.where('terms').startsWith(plan.termPrefix).limit(termLimit).primaryKeys() : Promise.resolve([]),
      Promise.all(plan.phonePrefixes.map((prefix) => identityRange('phone', prefix))),
      plan.emailPrefix ? identityRange('email', plan.emailPrefix) : Promise.resolve([]),
    ]);

    const identityHits = new Map<string, Identity>();
    const phones = phoneLists.flat().sort((a, b) => Number(b.value === plan.phoneExact) - Number(a.value === plan.phoneExact));
    for (const identity of [...phones, ...emails]) {
      if (!identityHits.has(identity.customerId)) identityHits.set(identity.customerId, identity);
    }
    // Phones first (a caller's number is the strongest signal), then names and numbers, then emails.
    const phoneIds = phones.map((identity) => identity.customerId);
    const emailIds = emails.map((identity) => identity.customerId);
    const ids = [...new Set([...phoneIds, ...phraseIds, ...termIds, ...emailIds])].slice(0, limit * 2);
    const customers = await db.customers.bulkGet(ids);

    const hits: CustomerHit[] = [];
    for (const customer of customers) {
      if (!customer) continue;
      const identity = identityHits.get(customer.id);
      if (identity) {
        const exact =
          identity.kind === 'phone' ? identity.value === plan.phoneExact : identity.value === plan.emailPrefix;
        hits.push({ customer, match: identity.kind === 'phone' ? 'phone' : 'email', matched: identity.value, exact });
      } else if (matchesAllTokens(customer.terms, plan.tokens)) {
        hits.push(termHit(customer, plan));
      }
    }
    return rankHits(hits).slice(0, limit);
  });
}

function termHit(customer: CustomerRow, plan: SearchPlan): CustomerHit {
  const prefix = plan.termPrefix ?? '';
  const numbers = numberTerms(customer.number);
  if (plan.tokens.length === 1 && numbers.some((term) => term.startsWith(prefix))) {
    return { customer, match: 'number', matched: null, exact: numbers.includes(prefix) };
  }
  return { customer, match: 'name', matched: null, exact: false };
}

export function searchCustomers(db: SwitchboardDb, input: string, region: CountryCode): Promise<CustomerHit[]> {
  return runSearch(db, buildSearchPlan(input, region));
}
