import { describe, expect, it } from 'vitest';
import { en } from '../../../../renderer/i18n/catalogue-en';
import { zhCN } from '../../../../renderer/i18n/catalogue-zh-CN';
import type { Message } from '../../../../renderer/i18n/message';
import { rateLimitMessage } from '../../../../renderer/i18n/error-messages';
import { pickLocale, translate } from '../../../../renderer/i18n/translate';
import { ErrorCodeSchema } from '../../../../shared/protocol/errors';

const placeholders = (message: Message) =>
  [...new Set((typeof message === 'string' ? message : `${message.one} ${message.other}`).match(/\{\w+\}/g) ?? [])].sort();

describe('message catalogues', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders for each key', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('have no empty messages', () => {
    for (const catalogue of [en, zhCN]) {
      for (const [key, message] of Object.entries(catalogue)) {
        const texts = typeof message === 'string' ? [message] : [message.one, message.other];
        for (const text of texts) expect(text.trim(), key).not.toBe('');
      }
    }
  });

  it('translate every error code the hub can send', () => {
    for (const code of ErrorCodeSchema.options) {
      expect(en).toHaveProperty(`error.${code}`);
    }
  });

  it('use the CRM words for the tier pyramid in Chinese', () => {
    expect([zhCN['tier.vip'], zhCN['tier.key'], zhCN['tier.ordinary'], zhCN['tier.small']]).toEqual([
      '重要客户',
      '次要客户',
      '普通客户',
      '小客户',
    ]);
    expect(zhCN['customer.number']).toBe('客户编号');
    expect(zhCN['customer.archive']).toBe('客户档案');
  });
});

describe('translate', () => {
  it('fills placeholders', () => {
    expect(translate('zh-CN', 'error.rate-limited', { seconds: 30 })).toBe('尝试次数过多，请 30 秒后再试。');
  });

  it('chooses English plural forms by count', () => {
    expect(translate('en', 'status.offlinePending', { count: 1 })).toBe('Offline — 1 change waiting');
    expect(translate('en', 'status.offlinePending', { count: 3 })).toBe('Offline — 3 changes waiting');
    expect(translate('zh-CN', 'status.offlinePending', { count: 3 })).toBe('离线 — 3 项修改等待发送');
  });

  it('leaves an unknown placeholder visible rather than blank', () => {
    expect(translate('en', 'error.rate-limited')).toContain('{seconds}');
  });
});

describe('pickLocale', () => {
  it('prefers the remembered choice', () => {
    expect(pickLocale('en', ['zh-CN'])).toBe('en');
  });

  it('falls back to the browser language: any Chinese means Chinese', () => {
    expect(pickLocale(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLocale(null, ['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLocale('klingon', ['de'])).toBe('en');
  });
});

describe('rateLimitMessage', () => {
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('en', key, params);

  it('counts seconds when they are few, minutes otherwise, and copes with no figure', () => {
    expect(rateLimitMessage(t, 30)).toBe('Too many attempts. Try again in 30 seconds.');
    expect(rateLimitMessage(t, 900)).toBe('Too many attempts. Try again in 15 min.');
    expect(rateLimitMessage(t, undefined)).toBe('Too many attempts. Try again in a moment.');
  });
});
