import type { z } from 'zod';
import type { HubError } from '../../../shared/protocol/errors';

/**
 * What is wrong with one field, in words the admin screens translate. Built
 * from zod issues (checked here before sending) and from the hub's
 * `invalid-payload` issues, so both land next to the same field.
 */
export type FieldProblem =
  | { kind: 'required' }
  | { kind: 'choose' }
  | { kind: 'too-long'; limit: number }
  | { kind: 'too-few'; limit: number }
  | { kind: 'too-many'; limit: number }
  | { kind: 'too-small'; limit: number; inclusive: boolean }
  | { kind: 'too-big'; limit: number }
  | { kind: 'not-number' }
  | { kind: 'not-whole' }
  | { kind: 'format'; hint: FormatHint | null }
  | { kind: 'duplicate' }
  | { kind: 'taken' }
  | { kind: 'reserved' }
  | { kind: 'unknown-zone' }
  | { kind: 'open-before-close' }
  | { kind: 'self-overflow' }
  | { kind: 'key-above-vip' }
  | { kind: 'unknown-queue' }
  /** The hub found that this overflow would send tasks round in a circle. */
  | { kind: 'overflow-loop' }
  | { kind: 'no-chat' }
  /** A phone number sent to a queue that does not take calls. */
  | { kind: 'no-calls' }
  /** A phone number that is an agent's username, which would hide their extension. */
  | { kind: 'agent-extension' }
  /** One line of a one-per-line box (allowed origins) is not valid. */
  | { kind: 'origin-line'; line: number }
  | { kind: 'hub-refused' };

export type ProblemKind = FieldProblem['kind'];

/** The shapes the shared schemas ask for, so the message can show an example. */
export type FormatHint = 'time' | 'date' | 'away-code' | 'skill' | 'widget-id' | 'origin' | 'shortcut' | 'sip-user';

/** field path (dots, as the hub writes them) → its first problem. */
export type FieldErrors = ReadonlyMap<string, FieldProblem>;
export const NO_ERRORS: FieldErrors = new Map<string, FieldProblem>();

/** A form's draft names some fields differently from the schema (a record becomes rows). */
export type PathMap = (schemaPath: string) => string;
const samePath: PathMap = (path) => path;

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * The shared schemas' own messages for their formats and cross-field rules,
 * and the hub's for the checks only it can make. Unit tests hold these to the
 * schemas, so a reworded schema message shows up as a failing test here.
 */
const KNOWN_MESSAGES: ReadonlyMap<string, FieldProblem> = new Map<string, FieldProblem>([
  ['expected a ULID', { kind: 'choose' }],
  ['HH:MM, 00:00 to 24:00', { kind: 'format', hint: 'time' }],
  ['YYYY-MM-DD', { kind: 'format', hint: 'date' }],
  ['lower-case letters, digits, dot, dash, underscore', { kind: 'format', hint: 'away-code' }],
  ['letters, digits, dot, dash, underscore', { kind: 'format', hint: 'skill' }],
  ['lower-case letters, digits and dashes', { kind: 'format', hint: 'widget-id' }],
  ['an origin like https://shop.example.com', { kind: 'format', hint: 'origin' }],
  ['letters, digits, dash and underscore', { kind: 'format', hint: 'shortcut' }],
  ['unknown time zone', { kind: 'unknown-zone' }],
  ['open must be before close', { kind: 'open-before-close' }],
  ['a queue cannot overflow into itself', { kind: 'self-overflow' }],
  ['dispositions must be unique', { kind: 'duplicate' }],
  ['away reason codes must be unique', { kind: 'duplicate' }],
  ['missed-offers is set by the hub, not chosen by an agent', { kind: 'reserved' }],
  ['key customers cannot outrank VIPs', { kind: 'key-above-vip' }],
  ['unknown queue', { kind: 'unknown-queue' }],
  ['not served by this queue', { kind: 'no-chat' }],
  ['a SIP user part', { kind: 'format', hint: 'sip-user' }],
  ['each number once', { kind: 'duplicate' }],
  ['not a queue that takes calls', { kind: 'no-calls' }],
  ["an agent's extension", { kind: 'agent-extension' }],
]);

function fromZodIssue(issue: z.core.$ZodIssue): FieldProblem {
  const known = KNOWN_MESSAGES.get(issue.message);
  if (known) return known;
  switch (issue.code) {
    case 'invalid_key': {
      const inner = issue.issues[0];
      return inner ? fromZodIssue(inner) : { kind: 'format', hint: null };
    }
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'string') return { kind: 'required' };
      if (issue.origin === 'array' || issue.origin === 'set') return { kind: 'too-few', limit };
      return { kind: 'too-small', limit, inclusive: issue.inclusive ?? true };
    }
    case 'too_big': {
      const limit = Number(issue.maximum);
      if (issue.origin === 'string') return { kind: 'too-long', limit };
      if (issue.origin === 'array' || issue.origin === 'set') return { kind: 'too-many', limit };
      return { kind: 'too-big', limit };
    }
    case 'invalid_type':
      return issue.expected === 'int' ? { kind: 'not-whole' } : { kind: 'not-number' };
    case 'invalid_format':
      return { kind: 'format', hint: null };
    case 'invalid_value':
      return { kind: 'choose' };
    default:
      return { kind: 'hub-refused' };
  }
}

function collect(entries: Iterable<[string, FieldProblem]>): FieldErrors {
  const errors = new Map<string, FieldProblem>();
  for (const [path, problem] of entries) if (!errors.has(path)) errors.set(path, problem);
  return errors;
}

/** zod's issues from checking a draft, keyed by the form's field paths. */
export function errorsFromZod(error: z.ZodError, mapPath: PathMap = samePath): FieldErrors {
  return collect(error.issues.map((issue) => [mapPath(issue.path.map(String).join('.')), fromZodIssue(issue)]));
}

/** The hub's `invalid-payload` issues; a message this desktop does not know still marks its field. */
export function errorsFromHub(issues: HubError['issues'], mapPath: PathMap = samePath): FieldErrors {
  return collect((issues ?? []).map((issue) => [mapPath(issue.path), KNOWN_MESSAGES.get(issue.message) ?? { kind: 'hub-refused' }]));
}

export function mergeErrors(...all: FieldErrors[]): FieldErrors {
  return collect(all.flatMap((errors) => [...errors]));
}

/**
 * For a record edited as rows (skills and their levels): the schema says
 * `requiredSkills.billing`, the form has row `skills.2` (the problem's kind
 * tells whether the name or the level is wrong). A record path ends at its
 * key, so everything after the prefix is the key, dots and all.
 */
export function recordRowsPath(recordField: string, rowsField: string, keys: readonly string[]): PathMap {
  const prefix = `${recordField}.`;
  return (path) => {
    if (path === recordField) return rowsField;
    if (!path.startsWith(prefix)) return path;
    const row = keys.indexOf(path.slice(prefix.length));
    return row === -1 ? rowsField : `${rowsField}.${row}`;
  };
}
