import type { TaskChannel } from '../domain/routing';
import { SURVEY_PATHS, type SurveyChannel, type SurveySettings, type SurveyState } from '../protocol/surveys';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Until an admin saves some: surveys off everywhere, so an upgraded hub sends nothing nobody asked for. */
export const DEFAULT_SURVEY_SETTINGS: SurveySettings = {
  channels: { email: false, sms: false, call: false, chat: false },
  complaints: false,
  nps: false,
  delayMin: 0,
  expiryDays: 14,
  quietDays: 30,
  publicUrl: null,
  emailTemplate: {
    en: 'Dear {name},\n\nThank you for contacting us. How satisfied were you with our help? It takes a few seconds:\n\n{link}\n\nThank you.',
    zh: '{name}，您好：\n\n感谢您联系我们。您对本次服务满意吗？请花几秒钟告诉我们：\n\n{link}\n\n谢谢！',
  },
  smsTemplate: {
    en: 'Thank you for contacting us. How did we do? {link}',
    zh: '感谢您联系我们，请为本次服务评分：{link}',
  },
};

/** How a survey reaches the customer: a mail, a text, or the chat widget's prompt. */
export type SurveyDelivery = 'email' | 'sms' | 'widget';

/** The survey channel a finished task is asked on; video calls are not surveyed (they start from chat). */
export function surveyChannelOf(channel: TaskChannel): SurveyChannel | null {
  return channel === 'video' ? null : channel;
}

/** A call has no page to show a link on: it is followed up by SMS. */
export function deliveryOf(channel: SurveyChannel): SurveyDelivery {
  if (channel === 'email') return 'email';
  if (channel === 'chat') return 'widget';
  return 'sms';
}

/** True while the customer was surveyed too recently to be asked again. */
export function isQuiet(lastSentAt: number | null, now: number, quietDays: number): boolean {
  return lastSentAt !== null && now - lastSentAt < quietDays * DAY_MS;
}

/** Where the survey stands for the page: answered first (a late visit still thanks them), then expired. */
export function surveyState(survey: { sentAt: number; answeredAt: number | null }, now: number, expiryDays: number): SurveyState {
  if (survey.answeredAt !== null) return 'answered';
  return now - survey.sentAt >= expiryDays * DAY_MS ? 'expired' : 'open';
}

export type SurveyLocale = 'en' | 'zh-CN';

/** The link in the mail or text; the language rides along so the page opens in the customer's. */
export function surveyLink(baseUrl: string, token: string, locale: SurveyLocale): string {
  return `${baseUrl.replace(/\/+$/, '')}${SURVEY_PATHS.page}${token}?lang=${locale}`;
}

/** A template with its `{link}` and `{name}` filled in (every occurrence). */
export function fillTemplate(template: string, values: { link: string; name: string }): string {
  return template.replaceAll('{link}', values.link).replaceAll('{name}', values.name);
}

/** The page's language: the link's `lang`, else the browser's first choice, else English. */
export function pageLocale(lang: string | null, acceptLanguage: string | undefined): SurveyLocale {
  if (lang === 'zh-CN' || lang === 'zh') return 'zh-CN';
  if (lang === 'en') return 'en';
  return /^\s*zh\b/i.test(acceptLanguage ?? '') ? 'zh-CN' : 'en';
}

/** A customer we know only by name and message: Chinese characters there mean a Chinese mail or text. */
export function guessLocale(...texts: readonly string[]): SurveyLocale {
  return texts.some((text) => /[\u3400-\u9fff]/.test(text)) ? 'zh-CN' : 'en';
}
