/**
 * What an audit line keeps of a payload: the ids it names and its harmless
 * shape. Pure. Anything that could be a secret or someone's words (passwords,
 * tokens, keys, message bodies, notes, templates) is withheld by key name, and
 * long strings are withheld whatever their key, so a free-text field under an
 * unexpected name does not leak either.
 */
const WITHHELD_KEY = /pass|secret|token|key|auth|body|text|note|content|message|html|sdp|candidate|signature|template|reason|description|answer/i;
const ID_KEY = /(^id$|Id$)/;
const IDS_KEY = /Ids$/;
const SHORT = 64;
const MAX_IDS = 20;
const MAX_DEPTH = 3;

export type AuditSummary = { targetIds: string[]; summary: Record<string, unknown> };

function collectIds(value: unknown, depth: number, into: Set<string>): void {
  if (depth > MAX_DEPTH || into.size >= MAX_IDS || typeof value !== 'object' || value === null) return;
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'string' && ID_KEY.test(key) && field.length <= SHORT) into.add(field);
    else if (Array.isArray(field) && IDS_KEY.test(key)) {
      for (const id of field) if (typeof id === 'string' && id.length <= SHORT && into.size < MAX_IDS) into.add(id);
    } else collectIds(field, depth + 1, into);
  }
}

function shapeOf(key: string, value: unknown): unknown {
  if (WITHHELD_KEY.test(key)) return '[withheld]';
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'string') return value.length <= SHORT ? value : `[${value.length} characters]`;
  if (Array.isArray(value)) return `[${value.length} items]`;
  if (typeof value === 'object') return '{…}';
  return `[${typeof value}]`;
}

export function summarize(payload: unknown): AuditSummary {
  const ids = new Set<string>();
  collectIds(payload, 0, ids);
  const summary: Record<string, unknown> = {};
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
    for (const [key, value] of Object.entries(payload)) summary[key] = shapeOf(key, value);
  }
  return { targetIds: [...ids], summary };
}
