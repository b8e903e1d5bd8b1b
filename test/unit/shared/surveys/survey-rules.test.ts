import { describe, expect, it } from 'vitest';
import { SurveyAnswerRequestSchema, SurveyAnswerSchema, SurveySettingsSchema } from '../../../../shared/protocol/surveys';
import { stripControlChars } from '../../../../shared/surveys/survey-comment';
import {
  DEFAULT_SURVEY_SETTINGS,
  deliveryOf,
  fillTemplate,
  guessLocale,
  isQuiet,
  pageLocale,
  surveyChannelOf,
  surveyLink,
  surveyState,
} from '../../../../shared/surveys/survey-rules';

const DAY = 86_400_000;
const TOKEN = 'AbCdEfGhIjKlMnOpQrSt_-';

describe('survey answer validation', () => {
  it('takes a whole score from 1 to 5, and only a number', () => {
    expect(SurveyAnswerSchema.parse({ csat: 4 })).toEqual({ csat: 4, comment: '' });
    expect(SurveyAnswerSchema.parse({ csat: 5, nps: 0, comment: ' ok ' })).toEqual({ csat: 5, nps: 0, comment: 'ok' });
    for (const csat of [0, 6, 3.5, Number.NaN, '5', true, [5], null, undefined]) expect(SurveyAnswerSchema.safeParse({ csat }).success).toBe(false);
  });

  it('takes NPS from 0 to 10 or none', () => {
    expect(SurveyAnswerSchema.parse({ csat: 3, nps: 10 }).nps).toBe(10);
    expect(SurveyAnswerSchema.parse({ csat: 3, nps: null }).nps).toBeNull();
    expect(SurveyAnswerSchema.safeParse({ csat: 3, nps: 11 }).success).toBe(false);
    expect(SurveyAnswerSchema.safeParse({ csat: 3, nps: -1 }).success).toBe(false);
  });

  it('strips control characters from the comment and caps it at 2000', () => {
    expect(SurveyAnswerSchema.parse({ csat: 3, comment: 'a\u0000b\u0007c\r\nd\u202Ee\tf' }).comment).toBe('abc\nde\tf');
    expect(SurveyAnswerSchema.safeParse({ csat: 3, comment: 'x'.repeat(2000) }).success).toBe(true);
    const long = SurveyAnswerSchema.safeParse({ csat: 3, comment: 'x'.repeat(2001) });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.path).toEqual(['comment']);
  });

  it('wants a token shaped like one (128 bits, base64url)', () => {
    expect(SurveyAnswerRequestSchema.safeParse({ token: TOKEN, csat: 4 }).success).toBe(true);
    for (const token of ['', 'short', `${TOKEN}A`, 'AbCdEfGhIjKlMnOpQrSt/+', '../../../../etc/passwd!']) {
      expect(SurveyAnswerRequestSchema.safeParse({ token, csat: 4 }).success).toBe(false);
    }
  });

  it('keeps line breaks and tabs, drops bidi overrides and zero-width characters', () => {
    expect(stripControlChars('a\u200Bb\u2066c\nd')).toBe('abc\nd');
  });
});

describe('survey settings', () => {
  it('accepts the defaults, which survey nobody', () => {
    expect(SurveySettingsSchema.parse(DEFAULT_SURVEY_SETTINGS)).toEqual(DEFAULT_SURVEY_SETTINGS);
    expect(Object.values(DEFAULT_SURVEY_SETTINGS.channels).some(Boolean)).toBe(false);
  });

  it('refuses a template without {link}, and out-of-range days', () => {
    const noLink = SurveySettingsSchema.safeParse({ ...DEFAULT_SURVEY_SETTINGS, emailTemplate: { en: 'Hello', zh: '{link}' } });
    expect(noLink.success).toBe(false);
    expect(noLink.error?.issues[0]?.path).toEqual(['emailTemplate']);
    expect(SurveySettingsSchema.safeParse({ ...DEFAULT_SURVEY_SETTINGS, expiryDays: 0 }).success).toBe(false);
    expect(SurveySettingsSchema.safeParse({ ...DEFAULT_SURVEY_SETTINGS, quietDays: -1 }).success).toBe(false);
    expect(SurveySettingsSchema.safeParse({ ...DEFAULT_SURVEY_SETTINGS, delayMin: 1.5 }).success).toBe(false);
    expect(SurveySettingsSchema.safeParse({ ...DEFAULT_SURVEY_SETTINGS, publicUrl: 'not a url' }).success).toBe(false);
  });
});

describe('survey rules', () => {
  it('asks by the task channel; a call by SMS; never a video call', () => {
    expect(surveyChannelOf('video')).toBeNull();
    expect(surveyChannelOf('call')).toBe('call');
    expect(deliveryOf('call')).toBe('sms');
    expect(deliveryOf('sms')).toBe('sms');
    expect(deliveryOf('email')).toBe('email');
    expect(deliveryOf('chat')).toBe('widget');
  });

  it('keeps a customer quiet for the given days', () => {
    const now = 100 * DAY;
    expect(isQuiet(null, now, 30)).toBe(false);
    expect(isQuiet(now - 29 * DAY, now, 30)).toBe(true);
    expect(isQuiet(now - 30 * DAY, now, 30)).toBe(false);
    expect(isQuiet(now, now, 0)).toBe(false);
  });

  it('tells open, answered and expired apart; an answered survey stays answered after expiry', () => {
    expect(surveyState({ sentAt: 0, answeredAt: null }, 13 * DAY, 14)).toBe('open');
    expect(surveyState({ sentAt: 0, answeredAt: null }, 14 * DAY, 14)).toBe('expired');
    expect(surveyState({ sentAt: 0, answeredAt: 1 }, 100 * DAY, 14)).toBe('answered');
  });

  it('builds the link with its language and fills every placeholder', () => {
    expect(surveyLink('https://hub.example.com/', TOKEN, 'zh-CN')).toBe(`https://hub.example.com/survey/${TOKEN}?lang=zh-CN`);
    expect(fillTemplate('{name}: {link} ({link})', { link: 'L', name: '李雷' })).toBe('李雷: L (L)');
  });

  it('picks the language from the link, then the browser, then English', () => {
    expect(pageLocale('zh-CN', 'en')).toBe('zh-CN');
    expect(pageLocale('en', 'zh-CN,zh;q=0.9')).toBe('en');
    expect(pageLocale(null, 'zh-CN,zh;q=0.9')).toBe('zh-CN');
    expect(pageLocale('fr', undefined)).toBe('en');
    expect(guessLocale('Li Lei', '订单')).toBe('zh-CN');
    expect(guessLocale('Li Lei', 'Order')).toBe('en');
  });
});
