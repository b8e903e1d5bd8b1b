import type { ValueSettings } from '../../../shared/protocol/customer-value';
import { ValueSettingsSchema } from '../../../shared/protocol/customer-value';

/**
 * The administrator's value settings as a form of text fields. Shares and
 * rates are typed in percent, the loyalty rule in yuan per step; the hub's
 * schema (shared/crm/customer-value.ts) is the final check, so a rule
 * across fields (shares over 100 %, exploration after formation) is refused
 * with its own words, not silently fixed.
 */

type FieldKind = 'days' | 'percent' | 'count' | 'yuan';
type FieldSpec = { kind: FieldKind; read: (s: ValueSettings) => number };

export const VALUE_FIELDS = {
  tierWindowDays: { kind: 'days', read: (s) => s.tiers.windowDays },
  vipShare: { kind: 'percent', read: (s) => s.tiers.shares.vip },
  keyShare: { kind: 'percent', read: (s) => s.tiers.shares.key },
  ordinaryShare: { kind: 'percent', read: (s) => s.tiers.shares.ordinary },
  rfmWindowDays: { kind: 'days', read: (s) => s.rfm.windowDays },
  discountRate: { kind: 'percent', read: (s) => s.lifetimeValue.discountRate },
  horizonPeriods: { kind: 'count', read: (s) => s.lifetimeValue.horizonPeriods },
  periodDays: { kind: 'days', read: (s) => s.lifetimeValue.periodDays },
  historyPeriods: { kind: 'count', read: (s) => s.lifetimeValue.historyPeriods },
  explorationDays: { kind: 'days', read: (s) => s.lifecycle.explorationDays },
  formationDays: { kind: 'days', read: (s) => s.lifecycle.formationDays },
  lapsedDays: { kind: 'days', read: (s) => s.lifecycle.lapsedDays },
  trendDays: { kind: 'days', read: (s) => s.lifecycle.trendDays },
  declineDrop: { kind: 'percent', read: (s) => s.lifecycle.declineDrop },
  growthRise: { kind: 'percent', read: (s) => s.lifecycle.growthRise },
  loyaltyPerYuan: { kind: 'yuan', read: (s) => s.loyalty.perCents },
  loyaltyPoints: { kind: 'count', read: (s) => s.loyalty.points },
} as const satisfies Record<string, FieldSpec>;

export type ValueField = keyof typeof VALUE_FIELDS;
export type ValueDraft = Record<ValueField, string> & { rounding: 'down' | 'nearest' };

const show = (kind: FieldKind, value: number): string => {
  if (kind === 'percent') return String(Math.round(value * 10_000) / 100);
  if (kind === 'yuan') return String(value / 100);
  return String(value);
};

export function draftFromSettings(settings: ValueSettings): ValueDraft {
  const draft = Object.fromEntries(Object.entries(VALUE_FIELDS).map(([field, spec]) => [field, show(spec.kind, spec.read(settings))])) as Record<ValueField, string>;
  return { ...draft, rounding: settings.loyalty.rounding };
}

/** The number a field holds, in the settings' own unit (shares 0..1, cents), or null when it is not one. */
function read(kind: FieldKind, text: string): number | null {
  const trimmed = text.trim();
  if (kind === 'percent' || kind === 'yuan') {
    if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return null;
    return kind === 'percent' ? Number(trimmed) / 100 : Math.round(Number(trimmed) * 100);
  }
  return /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : null;
}

export type SettingsCheck = { ok: true; settings: ValueSettings } | { ok: false; fields: ValueField[]; rule: string | null };

export function settingsFromDraft(draft: ValueDraft): SettingsCheck {
  const values = {} as Record<ValueField, number>;
  const bad: ValueField[] = [];
  for (const [field, spec] of Object.entries(VALUE_FIELDS) as [ValueField, FieldSpec][]) {
    const value = read(spec.kind, draft[field]);
    if (value === null) bad.push(field);
    else values[field] = value;
  }
  if (bad.length > 0) return { ok: false, fields: bad, rule: null };
  const parsed = ValueSettingsSchema.safeParse({
    tiers: { windowDays: values.tierWindowDays, shares: { vip: values.vipShare, key: values.keyShare, ordinary: values.ordinaryShare } },
    rfm: { windowDays: values.rfmWindowDays },
    lifetimeValue: { discountRate: values.discountRate, horizonPeriods: values.horizonPeriods, periodDays: values.periodDays, historyPeriods: values.historyPeriods },
    lifecycle: {
      explorationDays: values.explorationDays,
      formationDays: values.formationDays,
      lapsedDays: values.lapsedDays,
      trendDays: values.trendDays,
      declineDrop: values.declineDrop,
      growthRise: values.growthRise,
    },
    loyalty: { perCents: values.loyaltyPerYuan, points: values.loyaltyPoints, rounding: draft.rounding },
  });
  if (parsed.success) return { ok: true, settings: parsed.data };
  const paths: Record<string, ValueField> = {
    'tiers.windowDays': 'tierWindowDays',
    'rfm.windowDays': 'rfmWindowDays',
    'lifetimeValue.discountRate': 'discountRate',
    'lifetimeValue.horizonPeriods': 'horizonPeriods',
    'lifetimeValue.periodDays': 'periodDays',
    'lifetimeValue.historyPeriods': 'historyPeriods',
    'lifecycle.explorationDays': 'explorationDays',
    'lifecycle.formationDays': 'formationDays',
    'lifecycle.lapsedDays': 'lapsedDays',
    'lifecycle.trendDays': 'trendDays',
    'lifecycle.declineDrop': 'declineDrop',
    'lifecycle.growthRise': 'growthRise',
    'loyalty.perCents': 'loyaltyPerYuan',
    'loyalty.points': 'loyaltyPoints',
    'tiers.shares.vip': 'vipShare',
    'tiers.shares.key': 'keyShare',
    'tiers.shares.ordinary': 'ordinaryShare',
  };
  const fields: ValueField[] = [];
  let rule: string | null = null;
  for (const issue of parsed.error.issues) {
    const field = paths[issue.path.join('.')];
    if (field) fields.push(field);
    // A rule across fields (shares over 100 %, exploration after formation) sits on the group, not on one field.
    else rule = issue.path.join('.') === 'tiers.shares' ? 'shares' : issue.path.join('.') === 'lifecycle' ? 'lifecycle' : 'other';
  }
  return { ok: false, fields, rule };
}
