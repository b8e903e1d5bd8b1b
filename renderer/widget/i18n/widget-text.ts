import type { VisitorLocale } from '../../../shared/protocol/visitor';
import type { Message } from '../../i18n/message';
import { type WidgetTextKey, widgetEn } from './widget-catalogue-en';
import { widgetZhCN } from './widget-catalogue-zh-CN';

export type { WidgetTextKey };
export type WidgetParams = Record<string, string | number>;
export type WidgetText = (key: WidgetTextKey, params?: WidgetParams) => string;

const CATALOGUES: Record<VisitorLocale, Record<WidgetTextKey, Message>> = { en: widgetEn, 'zh-CN': widgetZhCN };

/**
 * The site's `data-lang` wins (the shop knows its page's language); otherwise
 * any Chinese browser language means Chinese; otherwise English.
 */
export function pickWidgetLocale(requested: string | null | undefined, languages: readonly string[]): VisitorLocale {
  for (const language of [requested ?? '', ...languages]) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function widgetText(locale: VisitorLocale): WidgetText {
  const catalogue = CATALOGUES[locale];
  const plurals = new Intl.PluralRules(locale);
  return (key, params) => {
    const message = catalogue[key];
    const template = typeof message === 'string' ? message : plurals.select(Number(params?.count ?? 0)) === 'one' ? message.one : message.other;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}
