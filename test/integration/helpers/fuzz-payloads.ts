import fc from 'fast-check';
import { z } from 'zod';
import { ErrorCodeSchema, HubErrorSchema } from '../../../shared/protocol/errors';

/**
 * Payload generators for fuzzing the hub's boundary. Shapes are read from
 * each event's zod schema through its JSON Schema (zod's own export), so a
 * new event or field is fuzzed without anyone writing a sample for it.
 */

/** The subset of JSON Schema that zod emits and the generators read. */
type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
};

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    // A schema JSON Schema cannot express: random values still reach it.
    return {};
  }
}

/** The sample's ULID: no row has it, so a sample alone stops at "not found"; real ids (below) reach further. */
export const SAMPLE_ULID = '01JA0000000000000000000000';

/** Strings that satisfy the patterns this protocol uses (ULIDs, emails, dates, E.164, currencies, zones). */
const STRING_CANDIDATES = [SAMPLE_ULID, 'lin.mei@example.com', '2026-01-05', '+14155550100', 'demo', 'CNY', 'UTC', 'a'];

function sampleString(schema: JsonSchema): string {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Number.MAX_SAFE_INTEGER;
  let pattern: RegExp | null = null;
  try {
    pattern = schema.pattern ? new RegExp(schema.pattern, 'u') : null;
  } catch {
    pattern = null;
  }
  const fits = (value: string) => value.length >= min && value.length <= max && (pattern === null || pattern.test(value));
  return [...STRING_CANDIDATES, 'a'.repeat(Math.max(min, 1))].find(fits) ?? 'a'.repeat(Math.min(Math.max(min, 1), max));
}

const typeOf = (schema: JsonSchema): string | undefined => (Array.isArray(schema.type) ? schema.type.find((type) => type !== 'null') : schema.type);

/** A best-effort valid value for a schema: every required field with the first value that fits. */
export function sampleOf(schema: JsonSchema, depth = 0): unknown {
  if (depth > 8) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const choice = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  if (choice) return sampleOf(choice, depth + 1);
  switch (typeOf(schema)) {
    case 'object': {
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties ?? {}).filter(([key]) => required.has(key));
      return Object.fromEntries(entries.map(([key, field]) => [key, sampleOf(field, depth + 1)]));
    }
    case 'array': {
      const item = schema.items ?? schema.prefixItems?.[0] ?? {};
      return Array.from({ length: Math.max(schema.minItems ?? 0, 0) }, () => sampleOf(item, depth + 1));
    }
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return {};
  }
}

type Path = readonly (string | number)[];
type Leaf = { path: Path; schema: JsonSchema };

/** Every field of a sample, with the schema that describes it (for "one over the maximum"). */
function leavesOf(value: unknown, schema: JsonSchema, path: Path = [], depth = 0): Leaf[] {
  const here: Leaf[] = path.length > 0 ? [{ path, schema }] : [];
  if (depth > 8 || value === null || typeof value !== 'object') return here;
  const resolved = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0] ?? schema;
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => leavesOf(item, resolved.items ?? {}, [...path, index], depth + 1))];
  const properties = resolved.properties ?? {};
  return [...here, ...Object.entries(value).flatMap(([key, field]) => leavesOf(field, properties[key] ?? {}, [...path, key], depth + 1))];
}

/** A copy of `root` with `value` at `path` (undefined: the key removed). */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: unknown = structuredClone(root);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = value;
  }
  return copy;
}

/** An own property named `key`, even `__proto__` (as JSON.parse makes it on the hub's side of the wire). */
function withOwnKey(target: unknown, key: string, value: unknown): unknown {
  const base = target !== null && typeof target === 'object' && !Array.isArray(target) ? structuredClone(target) : {};
  Object.defineProperty(base, key, { value, enumerable: true, writable: true, configurable: true });
  return base;
}

const nested = (depth: number, leaf: unknown): unknown => {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? { a: value } : [value];
  return value;
};

/** Values of the wrong type, or at a number's and a string's edges (NaN and Infinity cannot ride JSON: their strings can). */
const WRONG_VALUES: readonly unknown[] = [null, 0, -1, '', 'x', true, [], {}, 1.5, -1e21, 1e308, 2 ** 53 + 2, 'NaN', 'Infinity', '-0', '1e999', ' ', '\u0000'];

export type Payload = { how: string; payload: unknown };

/** Any JSON value at all: the wire's whole range, from `null` to nested objects. */
export const randomPayload: fc.Arbitrary<Payload> = fc.jsonValue({ maxDepth: 4 }).map((payload) => ({ how: 'random', payload }));

/**
 * Payloads one step from valid: the schema's own sample with one field
 * dropped, mistyped, over its maximum, at a number's edge, given a
 * `__proto__` / `constructor`, nested hundreds deep, or joined by an unknown key.
 */
export function nearValidPayload(schema: z.ZodType, realIds: readonly string[] = []): { sample: unknown; valid: boolean; payloads: fc.Arbitrary<Payload> } {
  const json = jsonSchemaOf(schema);
  const sample = sampleOf(json);
  const idPaths = leavesOf(sample, json)
    .filter(({ path }) => valueAt(sample, path) === SAMPLE_ULID)
    .map(({ path }) => path);
  const steps = stepsFrom(sample, json);
  if (idPaths.length === 0 || realIds.length === 0) return { sample, valid: schema.safeParse(sample).success, payloads: steps };
  // The same steps from a sample whose ids name real rows, so they reach past "not found" into the handler.
  const withRealIds = fc.array(fc.constantFrom(...realIds), { minLength: idPaths.length, maxLength: idPaths.length }).chain((ids) => {
    const real = idPaths.reduce<unknown>((value, path, index) => setAt(value, path, ids[index]), sample);
    return fc.oneof(fc.constant({ how: `real ids ${ids.join(' ')}`, payload: real }), stepsFrom(real, json).map(({ how, payload }) => ({ how: `real ids, ${how}`, payload })));
  });
  return { sample, valid: schema.safeParse(sample).success, payloads: fc.oneof(steps, withRealIds) };
}

/** One step away from `sample`, in each of the ways above. */
function stepsFrom(sample: unknown, json: JsonSchema): fc.Arbitrary<Payload> {
  const leaves = leavesOf(sample, json);
  const leaf = leaves.length > 0 ? fc.constantFrom(...leaves) : fc.constant<Leaf>({ path: [], schema: json });
  const objectPaths: Path[] = [[], ...leaves.filter(({ path }) => isObject(valueAt(sample, path))).map(({ path }) => path)];
  return fc.oneof(
    fc.constant({ how: 'sample', payload: sample }),
    leaf.map(({ path }) => ({ how: `drop ${path.join('.')}`, payload: setAt(sample, path, undefined) })),
    fc.tuple(leaf, fc.constantFrom(...WRONG_VALUES)).map(([{ path }, value]) => ({ how: `${path.join('.')} = ${JSON.stringify(value)}`, payload: setAt(sample, path, value) })),
    leaf.map(({ path, schema: field }) => {
      const length = Math.min((field.maxLength ?? field.maxItems ?? 10_000) + 1, 200_000);
      const value = typeOf(field) === 'array' ? Array.from({ length }, () => valueAt(sample, [...path, 0]) ?? 'x') : 'x'.repeat(length);
      return { how: `${path.join('.')} over its maximum (${length})`, payload: setAt(sample, path, value) };
    }),
    fc.tuple(fc.constantFrom(...objectPaths), fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty')).map(([path, key]) => ({
      how: `${key} at ${path.join('.') || 'top'}`,
      payload: setAt(sample, path, withOwnKey(valueAt(sample, path), key, JSON.parse('{"polluted":true,"prototype":{"polluted":true}}'))),
    })),
    fc.tuple(leaf, fc.integer({ min: 50, max: 900 })).map(([{ path }, depth]) => ({ how: `${path.join('.')} nested ${depth} deep`, payload: setAt(sample, path, nested(depth, 'x')) })),
    fc.tuple(fc.constantFrom(...objectPaths), fc.string({ maxLength: 12 })).map(([path, key]) => ({
      how: `extra key ${JSON.stringify(key)} at ${path.join('.') || 'top'}`,
      payload: setAt(sample, path, withOwnKey(valueAt(sample, path), `zz${key}`, 1)),
    })),
  );
}

const isObject = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) value = (value as Record<string | number, unknown> | null)?.[key];
  return value;
}

/** What every ack must be: a typed answer, and never `internal` (that is a bug in the hub). */
export function checkAnswer(answer: unknown): { ok: true } | { ok: false; why: string } {
  if (isObject(answer) && (answer as { ok?: unknown }).ok === true) return { ok: true };
  const parsed = z.object({ ok: z.literal(false), error: HubErrorSchema }).safeParse(answer);
  if (!parsed.success) return { ok: false, why: `not a Response: ${JSON.stringify(answer)?.slice(0, 300)}` };
  if (!ErrorCodeSchema.safeParse(parsed.data.error.code).success) return { ok: false, why: `unknown code ${parsed.data.error.code}` };
  if (parsed.data.error.code === 'internal') return { ok: false, why: `internal: ${parsed.data.error.message}` };
  return { ok: true };
}

/** The seed a property runs with: FUZZ_SEED to replay a failure, else a fresh one, always printed. */
export function fuzzSeed(): number {
  const given = Number(process.env.FUZZ_SEED);
  return Number.isSafeInteger(given) ? given : Math.floor(Math.random() * 2 ** 31);
}
