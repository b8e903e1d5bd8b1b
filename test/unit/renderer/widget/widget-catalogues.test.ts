import { describe, expect, it } from 'vitest';
import { ErrorCodeSchema } from '../../../../shared/protocol/errors';
import type { Message } from '../../../../renderer/i18n/message';
import { refusalText } from '../../../../renderer/widget/frame/refusal-text';
import { widgetEn } from '../../../../renderer/widget/i18n/widget-catalogue-en';
import { widgetZhCN } from '../../../../renderer/widget/i18n/widget-catalogue-zh-CN';
import { pickWidgetLocale, widgetText } from '../../../../renderer/widget/i18n/widget-text';

const placeholders = (message: Message) =>
  [...new Set((typeof message === 'string' ? message : `${message.one} ${message.other}`).match(/\{\w+\}/g) ?? [])].sort();

describe('the widget catalogues', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(widgetZhCN).sort()).toEqual(Object.keys(widgetEn).sort());
  });

  it('use the same placeholders for each key', () => {
    for (const key of Object.keys(widgetEn) as (keyof typeof widgetEn)[]) {
      expect(placeholders(widgetZhCN[key]), key).toEqual(placeholders(widgetEn[key]));
    }
  });

  it('have no empty messages', () => {
    for (const catalogue of [widgetEn, widgetZhCN]) {
      for (const [key, message] of Object.entries(catalogue)) {
        for (const text of typeof message === 'string' ? [message] : [message.one, message.other]) expect(text.trim(), key).not.toBe('');
      }
    }
  });

  it('give every refusal the hub can send a sentence in both languages', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const t = widgetText(locale);
      for (const code of [...ErrorCodeSchema.options, 'network' as const]) {
        const text = refusalText(t, { code });
        expect(text, `${locale} ${code}`).not.toMatch(/^error\.|\{/);
      }
      expect(refusalText(t, { code: 'rate-limited', retryAfterSec: 12 })).toContain('12');
    }
  });
});

describe('widget text', () => {
  it('fills placeholders and picks plural forms', () => {
    const t = widgetText('en');
    expect(t('queue.position', { position: 2 })).toBe('You are number 2 in the queue.');
    expect(t('launcher.unread', { count: 1 })).toBe('1 new message');
    expect(t('launcher.unread', { count: 4 })).toBe('4 new messages');
    expect(widgetText('zh-CN')('queue.position', { position: 2 })).toBe('您当前排在第 2 位。');
  });

  it('follows the site language first, then the browser', () => {
    expect(pickWidgetLocale('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(pickWidgetLocale('en', ['zh-CN'])).toBe('en');
    expect(pickWidgetLocale(null, ['de-DE', 'zh-HK'])).toBe('zh-CN');
    expect(pickWidgetLocale('fr', ['de-DE'])).toBe('en');
  });
});
