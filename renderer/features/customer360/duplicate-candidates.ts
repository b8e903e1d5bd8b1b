import type { CountryCode } from 'libphonenumber-js/min';
import { type DuplicateCandidate, type DuplicateSuggestion, findDuplicates, mailboxKey } from '../../../shared/customers/duplicates';
import { normaliseText, splitWords } from '../../db/search-terms';
import type { SwitchboardDb } from '../../db/schema';

/** Enough look-alikes to judge; a common surname alone must not read the whole cache. */
const MAX_CANDIDATES = 200;
const HAN = /\p{Script=Han}/u;

/**
 * The search terms that can find a look-alike name in the cache's `*terms`
 * index: the name, its words, and its letters run together; a Chinese name
 * written without spaces also by each character, so 王芳 finds "王 芳".
 */
export function nameProbeTerms(name: string): string[] {
  const normalised = normaliseText(name);
  const words = splitWords(normalised);
  const terms = new Set([normalised, ...words, words.join('')]);
  if (words.length === 1 && HAN.test(normalised)) for (const character of normalised) terms.add(character);
  terms.delete('');
  return [...terms];
}

/**
 * Possible duplicates of one customer among those this desktop caches: the
 * ones sharing a name term, or a mailbox with another `+tag`, scored by
 * shared/customers/duplicates.ts. Reads only; works offline.
 */
export async function possibleDuplicates(db: SwitchboardDb, customerId: string, region: CountryCode): Promise<DuplicateSuggestion[]> {
  const customer = await db.customers.get(customerId);
  if (!customer) return [];
  const identities = await db.identities.where('customerId').equals(customerId).toArray();
  const ids = new Set(await db.customers.where('terms').anyOf(nameProbeTerms(customer.name)).limit(MAX_CANDIDATES).primaryKeys());
  for (const identity of identities) {
    if (identity.kind !== 'email') continue;
    const local = mailboxKey(identity.value)?.split('@')[0];
    if (!local) continue;
    const sameMailbox = await db.identities.where('[kind+value]').between(['email', local], ['email', `${local}\uffff`]).toArray();
    for (const other of sameMailbox) ids.add(other.customerId);
  }
  ids.delete(customerId);
  const others = (await db.customers.bulkGet([...ids])).filter((row) => row !== undefined);
  const otherIdentities = await db.identities.where('customerId').anyOf([...ids]).toArray();
  const candidate = (row: { id: string; number: string; name: string }): DuplicateCandidate => ({
    id: row.id,
    number: row.number,
    name: row.name,
    identities: row.id === customerId ? identities : otherIdentities.filter((identity) => identity.customerId === row.id),
  });
  return findDuplicates(candidate(customer), others.map(candidate), region);
}

/** Customers this desktop is merging into `survivorId` (queued, not yet answered by the hub). */
export async function pendingMergesInto(db: SwitchboardDb, survivorId: string): Promise<string[]> {
  const entries = await db.outbox.toArray();
  return entries.flatMap((entry) => (entry.mutation.name === 'customer.merge' && entry.mutation.args.survivorId === survivorId ? [entry.mutation.args.duplicateId] : []));
}
