import type { Kysely } from 'kysely';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { Database } from '../hub/db/schema';
import { DEFAULT_SETTINGS } from '../renderer/db/meta';
import { customerNumber } from '../shared/demo';
import { createRandom, type Random } from '../shared/demo/prng';
import type { SyncedCache } from './initial-sync';
import { log } from './log';
import { scaled } from './scale';
import { report, round, summary } from './stats';

type QueryKind = 'cn-name' | 'en-name' | 'number' | 'phone' | 'email';

/** What an agent types, and the customer it must find when the entry is specific enough to name one. */
type Query = { kind: QueryKind; text: string; expect: string | null };

type Sampled = { id: string; number: string; name: string; phones: string[]; emails: string[] };

const KIND_MIX: readonly (readonly [QueryKind, number])[] = [
  ['cn-name', 18],
  ['en-name', 18],
  ['number', 14],
  ['phone', 34],
  ['email', 16],
];

const HAN = /\p{Script=Han}/u;

async function sampleCustomers(db: Kysely<Database>, random: Random, count: number): Promise<Sampled[]> {
  const total = Number((await db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const numbers = [...new Set(Array.from({ length: count }, () => customerNumber(random.int(0, total - 1))))];
  const customers = await db.selectFrom('customers').select(['id', 'number', 'name']).where('number', 'in', numbers).execute();
  const identities = await db
    .selectFrom('identities')
    .select(['customer_id', 'kind', 'value'])
    .where(
      'customer_id',
      'in',
      customers.map((c) => c.id),
    )
    .execute();
  return customers.map((c) => ({
    ...c,
    phones: identities.filter((i) => i.customer_id === c.id && i.kind === 'phone').map((i) => i.value),
    emails: identities.filter((i) => i.customer_id === c.id && i.kind === 'email').map((i) => i.value),
  }));
}

function nameQuery(random: Random, c: Sampled, chinese: boolean): Query {
  if (chinese) {
    // Surname alone, surname + first character of the given name, or the whole name.
    const length = random.pick([1, 2, c.name.length]);
    return { kind: 'cn-name', text: c.name.slice(0, length), expect: null };
  }
  const [first = '', last = ''] = c.name.split(' ');
  const text = random.pick([
    first.slice(0, 3).toLowerCase(),
    last.slice(0, 4),
    `${first.toLowerCase()} ${last.charAt(0).toLowerCase()}`,
    c.name,
    first.slice(0, 4).toUpperCase(),
  ]);
  return { kind: 'en-name', text, expect: null };
}

function numberQuery(random: Random, c: Sampled): Query {
  const digits = c.number.replace(/^C0*/, '');
  const form = random.int(0, 3);
  if (form === 0) return { kind: 'number', text: c.number, expect: c.id };
  if (form === 1) return { kind: 'number', text: c.number.toLowerCase(), expect: c.id };
  if (form === 2) return { kind: 'number', text: digits, expect: c.id };
  return { kind: 'number', text: c.number.slice(0, 5), expect: null };
}

/** The forms people type a number in: E.164, international with spaces, national, dashed, 00-prefixed, half-typed. */
function phoneQuery(random: Random, c: Sampled, e164: string): Query {
  const parsed = parsePhoneNumberFromString(e164);
  const international = parsed?.formatInternational() ?? e164;
  const forms: Query[] = [
    { kind: 'phone', text: e164, expect: c.id },
    { kind: 'phone', text: international, expect: c.id },
    { kind: 'phone', text: `00${e164.slice(1)}`, expect: c.id },
    { kind: 'phone', text: international.slice(0, Math.max(6, international.length - 5)), expect: null },
  ];
  if (parsed?.country === 'CN') {
    const national = parsed.formatNational();
    forms.push(
      { kind: 'phone', text: national, expect: c.id },
      { kind: 'phone', text: national.replaceAll(' ', '-'), expect: c.id },
      { kind: 'phone', text: national.replaceAll(' ', ''), expect: c.id },
      { kind: 'phone', text: national.replaceAll(' ', '').slice(0, 7), expect: null },
    );
  } else {
    // An international number typed without its "+".
    forms.push({ kind: 'phone', text: e164.slice(1), expect: c.id });
  }
  return random.pick(forms);
}

function emailQuery(random: Random, c: Sampled, email: string): Query {
  const local = email.split('@')[0] ?? email;
  const letters = local.replace(/\d+$/, '');
  return random.pick<Query>([
    { kind: 'email', text: email, expect: c.id },
    { kind: 'email', text: email.toUpperCase(), expect: c.id },
    { kind: 'email', text: letters.slice(0, Math.max(3, letters.length - 2)), expect: null },
    { kind: 'email', text: `${local}@`, expect: c.id },
  ]);
}

/** Queries drawn from the data itself, in a fixed mix of kinds and formats (seeded, so runs compare). */
async function realisticQueries(db: Kysely<Database>, count: number): Promise<Query[]> {
  const random = createRandom(7_331, 1);
  const sample = await sampleCustomers(db, random, Math.max(200, count));
  const chinese = sample.filter((c) => HAN.test(c.name));
  const english = sample.filter((c) => !HAN.test(c.name));
  const withEmail = sample.filter((c) => c.emails.length > 0);
  const queries: Query[] = [];
  while (queries.length < count) {
    const kind = random.weighted(KIND_MIX);
    if (kind === 'cn-name') queries.push(nameQuery(random, random.pick(chinese), true));
    else if (kind === 'en-name') queries.push(nameQuery(random, random.pick(english), false));
    else if (kind === 'number') queries.push(numberQuery(random, random.pick(sample)));
    else if (kind === 'phone') {
      const c = random.pick(sample);
      queries.push(phoneQuery(random, c, random.pick(c.phones)));
    } else {
      const c = random.pick(withEmail);
      queries.push(emailQuery(random, c, random.pick(c.emails)));
    }
  }
  return queries;
}

type Timed = { engineMs: number; rawMs: number; hits: number; found: boolean | null };

/**
 * offline-search: the search box's query (`searchCustomers`) over the synced
 * cache, against a bare Dexie prefix range on the same `*terms` index.
 */
export async function benchOfflineSearch(cache: SyncedCache): Promise<void> {
  const queries = await realisticQueries(cache.hub.db, scaled(500, 100));
  log(`offline search: ${queries.length} queries…`);
  const timed = await cache.page.evaluate(
    async ({ name, queries, region }) => {
      const api = window.switchboardBench;
      if (!api) throw new Error('no bench harness');
      const db = new api.SwitchboardDb(name);
      await db.open();
      const customers = await db.customers.count();
      const engine = async (text: string) => {
        const started = performance.now();
        const hits = await api.searchCustomers(db, text, region);
        return { ms: performance.now() - started, hits };
      };
      const raw = async (text: string) => {
        const started = performance.now();
        await db.customers.where('terms').startsWithIgnoreCase(text).limit(30).toArray();
        return performance.now() - started;
      };
      // Warm up (open the store, JIT) with entries that are not measured.
      for (const text of ['wang', '王', 'C0001', '138', 'li.']) {
        await engine(text);
        await raw(text);
      }
      const results: Timed[] = [];
      for (const [i, query] of queries.entries()) {
        // Alternate which goes first, so neither always meets a warmer cache.
        let rawMs: number;
        let run: Awaited<ReturnType<typeof engine>>;
        if (i % 2 === 0) {
          run = await engine(query.text);
          rawMs = await raw(query.text);
        } else {
          rawMs = await raw(query.text);
          run = await engine(query.text);
        }
        results.push({
          engineMs: run.ms,
          rawMs,
          hits: run.hits.length,
          found: query.expect === null ? null : run.hits.some((hit) => hit.customer.id === query.expect),
        });
      }
      db.close();
      return { customers, results };
    },
    { name: cache.dbName, queries, region: DEFAULT_SETTINGS.region },
  );

  const { results } = timed;
  const byKind: Record<string, unknown> = {};
  for (const [kind] of KIND_MIX) {
    const rows = results.filter((_, i) => queries[i]?.kind === kind);
    const engine = summary(rows.map((r) => r.engineMs));
    byKind[kind] = { n: engine.n, p50: engine.p50, p95: engine.p95, rawP95: summary(rows.map((r) => r.rawMs)).p95 };
  }
  const expected = results.filter((r) => r.found !== null);
  const misses = queries.filter((_, i) => results[i]?.found === false).map((q) => `${q.kind}:${q.text}`);
  if (misses.length > 0) log(`search missed the customer it should find for: ${misses.join(' | ')}`);
  const engine = summary(results.map((r) => r.engineMs));
  const raw = summary(results.map((r) => r.rawMs));
  report('offline-search', {
    customers: timed.customers,
    queries: queries.length,
    unit: 'ms',
    searchCustomers: engine,
    rawDexieTermsPrefix: raw,
    p95OverRaw: round(engine.p95 / raw.p95),
    byKind,
    specificQueriesFound: `${expected.length - misses.length}/${expected.length}`,
    misses: misses.slice(0, 10),
    noResults: results.filter((r) => r.hits === 0).length,
    goalP95Ms: 10,
    meetsGoal: engine.p95 <= 10,
  });
}
