import { SurveySettingsSchema, type SurveySettings } from '../../../shared/protocol/surveys';

/** The form as typed: numbers and the address as text, so a half-typed value is kept as it is. */
export type SurveyDraft = Omit<SurveySettings, 'delayMin' | 'expiryDays' | 'quietDays' | 'publicUrl'> & {
  delayMin: string;
  expiryDays: string;
  quietDays: string;
  publicUrl: string;
};

export type DraftField = 'delayMin' | 'expiryDays' | 'quietDays' | 'publicUrl' | 'emailTemplate' | 'smsTemplate';
export type DraftProblem = { kind: 'number'; min: number; max: number } | { kind: 'url' } | { kind: 'template' };
export type DraftErrors = Partial<Record<DraftField, DraftProblem>>;

/** The allowed range of each number, as the shared schema has it. */
export const NUMBER_RANGES = { delayMin: { min: 0, max: 7 * 24 * 60 }, expiryDays: { min: 1, max: 365 }, quietDays: { min: 0, max: 365 } } as const;

export const draftFromSettings = (settings: SurveySettings): SurveyDraft => ({
  ...settings,
  delayMin: String(settings.delayMin),
  expiryDays: String(settings.expiryDays),
  quietDays: String(settings.quietDays),
  publicUrl: settings.publicUrl ?? '',
});

const wholeNumber = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** The draft as settings, checked with the shared schema; each bad field named once. Pure. */
export function settingsFromDraft(draft: SurveyDraft): { ok: true; value: SurveySettings } | { ok: false; errors: DraftErrors } {
  const candidate = {
    ...draft,
    delayMin: wholeNumber(draft.delayMin),
    expiryDays: wholeNumber(draft.expiryDays),
    quietDays: wholeNumber(draft.quietDays),
    publicUrl: draft.publicUrl.trim() === '' ? null : draft.publicUrl.trim(),
  };
  const parsed = SurveySettingsSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: DraftErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'delayMin' || field === 'expiryDays' || field === 'quietDays') errors[field] = { kind: 'number', ...NUMBER_RANGES[field] };
    else if (field === 'publicUrl') errors.publicUrl = { kind: 'url' };
    else if (field === 'emailTemplate' || field === 'smsTemplate') errors[field] = { kind: 'template' };
  }
  return { ok: false, errors };
}
