import type { Translate } from '../../i18n/translate';

/**
 * Dispositions are free text set by the hub's wrap-up codes; the common ones
 * are translated, anything else is shown as the hub wrote it.
 */
const KNOWN = ['resolved', 'info-given', 'callback-requested', 'escalated', 'sale', 'complaint-logged', 'no-answer', 'voicemail'] as const;
type KnownDisposition = (typeof KNOWN)[number];

const isKnown = (code: string): code is KnownDisposition => (KNOWN as readonly string[]).includes(code);

export const dispositionLabel = (t: Translate, code: string): string => (isKnown(code) ? t(`disposition.${code}`) : code);
