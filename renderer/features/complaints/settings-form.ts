import type { ComplaintSeverity } from '../../../shared/complaints/complaint';
import { COMPLAINT_SEVERITIES } from '../../../shared/complaints/complaint';
import type { SlaBasis } from '../../../shared/complaints/sla';
import { type ComplaintCategory, type ComplaintCodeLabel, type ComplaintSettings, ComplaintSettingsSchema } from '../../../shared/protocol/complaints';

/**
 * The admin's complaint settings as a form: the category tree and the root
 * causes are edited as lines (`code | English | 中文`, a sub-category
 * indented under its category), hours as text boxes. Pure: parse, check with
 * the shared schema, and say which line or field is wrong.
 */

export type HoursDraft = Record<ComplaintSeverity, string>;

export type SettingsDraft = {
  categories: string;
  rootCauses: string;
  firstResponseBasis: SlaBasis;
  firstResponseHours: HoursDraft;
  resolutionBasis: SlaBasis;
  resolutionHours: HoursDraft;
  amberAtPercent: string;
  templates: ComplaintSettings['templates'];
};

export type DraftField =
  | 'categories'
  | 'rootCauses'
  | `firstResponseHours.${ComplaintSeverity}`
  | `resolutionHours.${ComplaintSeverity}`
  | 'amberAtPercent'
  | `templates.${'acknowledge' | 'resolve'}.${'en' | 'zh'}`;

export type DraftProblem =
  | { kind: 'line'; line: number; reason: 'columns' | 'code' | 'orphan' | 'duplicate' | 'label' }
  | { kind: 'empty' }
  | { kind: 'hours' }
  | { kind: 'percent' }
  | { kind: 'template' };

export type DraftErrors = Partial<Record<DraftField, DraftProblem>>;

const hoursText = (hours: Record<ComplaintSeverity, number>): HoursDraft =>
  Object.fromEntries(COMPLAINT_SEVERITIES.map((s) => [s, String(hours[s])])) as HoursDraft;

const line = (node: ComplaintCodeLabel) => `${node.code} | ${node.en} | ${node.zh}`;

export function draftFromSettings(settings: ComplaintSettings): SettingsDraft {
  return {
    categories: settings.categories.flatMap((c) => [line(c), ...c.children.map((child) => `  ${line(child)}`)]).join('\n'),
    rootCauses: settings.rootCauses.map(line).join('\n'),
    firstResponseBasis: settings.sla.firstResponse.basis,
    firstResponseHours: hoursText(settings.sla.firstResponse.hours),
    resolutionBasis: settings.sla.resolution.basis,
    resolutionHours: hoursText(settings.sla.resolution.hours),
    amberAtPercent: String(settings.sla.amberAtPercent),
    templates: settings.templates,
  };
}

const CODE = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: DraftProblem };

function parseLine(text: string, n: number): Parsed<ComplaintCodeLabel> {
  const parts = text.split('|').map((part) => part.trim());
  if (parts.length !== 3) return { ok: false, problem: { kind: 'line', line: n, reason: 'columns' } };
  const [code = '', en = '', zh = ''] = parts;
  if (!CODE.test(code) || code.length > 60) return { ok: false, problem: { kind: 'line', line: n, reason: 'code' } };
  if (en === '' || zh === '' || en.length > 80 || zh.length > 80) return { ok: false, problem: { kind: 'line', line: n, reason: 'label' } };
  return { ok: true, value: { code, en, zh } };
}

/** Category lines: a line starting with spaces is a sub-category of the category above it. */
export function parseCategoryLines(text: string): Parsed<ComplaintCategory[]> {
  const categories: ComplaintCategory[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() === '') continue;
    const parsed = parseLine(raw, i + 1);
    if (!parsed.ok) return parsed;
    if (seen.has(parsed.value.code)) return { ok: false, problem: { kind: 'line', line: i + 1, reason: 'duplicate' } };
    seen.add(parsed.value.code);
    if (/^\s/.test(raw)) {
      const parent = categories.at(-1);
      if (!parent) return { ok: false, problem: { kind: 'line', line: i + 1, reason: 'orphan' } };
      parent.children.push(parsed.value);
    } else {
      categories.push({ ...parsed.value, children: [] });
    }
  }
  return categories.length === 0 ? { ok: false, problem: { kind: 'empty' } } : { ok: true, value: categories };
}

export function parseRootCauseLines(text: string): Parsed<ComplaintCodeLabel[]> {
  const causes: ComplaintCodeLabel[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    if (raw.trim() === '') continue;
    const parsed = parseLine(raw, i + 1);
    if (!parsed.ok) return parsed;
    if (causes.some((c) => c.code === parsed.value.code)) return { ok: false, problem: { kind: 'line', line: i + 1, reason: 'duplicate' } };
    causes.push(parsed.value);
  }
  return causes.length === 0 ? { ok: false, problem: { kind: 'empty' } } : { ok: true, value: causes };
}

function parseHours(draft: HoursDraft, prefix: 'firstResponseHours' | 'resolutionHours', errors: DraftErrors): Record<ComplaintSeverity, number> {
  const hours = {} as Record<ComplaintSeverity, number>;
  for (const severity of COMPLAINT_SEVERITIES) {
    const value = Number(draft[severity].trim());
    if (draft[severity].trim() === '' || !Number.isFinite(value) || value <= 0 || value > 8760) errors[`${prefix}.${severity}`] = { kind: 'hours' };
    hours[severity] = value;
  }
  return hours;
}

/** The draft over the settings it was made from (escalation, calendar and per-category targets are kept as they were). */
export function settingsFromDraft(draft: SettingsDraft, base: ComplaintSettings): { ok: true; value: ComplaintSettings } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const categories = parseCategoryLines(draft.categories);
  if (!categories.ok) errors.categories = categories.problem;
  const rootCauses = parseRootCauseLines(draft.rootCauses);
  if (!rootCauses.ok) errors.rootCauses = rootCauses.problem;
  const firstHours = parseHours(draft.firstResponseHours, 'firstResponseHours', errors);
  const resolutionHours = parseHours(draft.resolutionHours, 'resolutionHours', errors);
  const amber = Number(draft.amberAtPercent.trim());
  if (!Number.isInteger(amber) || amber < 1 || amber > 99) errors.amberAtPercent = { kind: 'percent' };
  for (const kind of ['acknowledge', 'resolve'] as const) {
    for (const language of ['en', 'zh'] as const) {
      const text = draft.templates[kind][language];
      if (text.body.trim() === '' || text.body.length > 4000 || text.subject.length > 200) errors[`templates.${kind}.${language}`] = { kind: 'template' };
    }
  }
  if (!categories.ok || !rootCauses.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const candidate = {
    ...base,
    categories: categories.value,
    rootCauses: rootCauses.value,
    sla: {
      ...base.sla,
      firstResponse: { basis: draft.firstResponseBasis, hours: firstHours },
      resolution: { basis: draft.resolutionBasis, hours: resolutionHours },
      amberAtPercent: amber,
    },
    templates: draft.templates,
  };
  // The shared schema has the last word (lengths, counts); what it refuses is pinned on the tree it came from.
  const checked = ComplaintSettingsSchema.safeParse(candidate);
  if (checked.success) return { ok: true, value: checked.data };
  const first = String(checked.error.issues[0]?.path[0] ?? 'categories');
  return { ok: false, errors: { [first === 'rootCauses' ? 'rootCauses' : first === 'templates' ? 'templates.acknowledge.en' : 'categories']: { kind: 'empty' } } };
}
