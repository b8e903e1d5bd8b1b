import { describe, expect, it } from 'vitest';
import { formatNextOpening } from '../../../../renderer/widget/frame/opening-time';
import { widgetText } from '../../../../renderer/widget/i18n/widget-text';

// Friday 2026-01-02 20:00 in Shanghai (12:00 UTC).
const NOW = Date.UTC(2026, 0, 2, 12, 0);
const at = (day: number, hourUtc: number) => Date.UTC(2026, 0, day, hourUtc, 0);

describe('when a closed queue opens next', () => {
  const en = widgetText('en');
  const zh = widgetText('zh-CN');

  it('says today, tomorrow, a weekday, or a date, in the visitor time zone', () => {
    expect(formatNextOpening(en, at(2, 13), NOW, 'en', 'Asia/Shanghai')).toBe('today at 9:00 PM');
    expect(formatNextOpening(en, at(3, 1), NOW, 'en', 'Asia/Shanghai')).toBe('tomorrow at 9:00 AM');
    expect(formatNextOpening(en, at(5, 1), NOW, 'en', 'Asia/Shanghai')).toBe('Monday at 9:00 AM');
    expect(formatNextOpening(en, at(12, 1), NOW, 'en', 'Asia/Shanghai')).toBe('Monday, January 12 at 9:00 AM');
  });

  it('counts days on the visitor clock, not in UTC', () => {
    // 01:00 UTC on the 3rd is still the 2nd in New York.
    expect(formatNextOpening(en, at(3, 1), NOW, 'en', 'America/New_York')).toBe('today at 8:00 PM');
  });

  it('speaks Chinese to a Chinese visitor', () => {
    expect(formatNextOpening(zh, at(3, 1), NOW, 'zh-CN', 'Asia/Shanghai')).toBe('明天 9:00');
    expect(formatNextOpening(zh, at(5, 1), NOW, 'zh-CN', 'Asia/Shanghai')).toBe('星期一 9:00');
  });
});
