import { describe, expect, it } from 'vitest';
import { defaultSipWsUrl, endOfRefusal, mediaConstraints, mediaProblem } from '../../../../renderer/widget/frame/call-state';
import { callRefusalText } from '../../../../renderer/widget/frame/refusal-text';
import { widgetText } from '../../../../renderer/widget/i18n/widget-text';

describe('a visitor’s call, in the visitor’s words', () => {
  it('reads the SIP server’s final answer: busy, nobody free, or refused', () => {
    expect([486, 600, 603].map(endOfRefusal)).toEqual(['busy', 'busy', 'busy']);
    // 480 is what Kamailio answers when the hub released the caller at the queue's max wait.
    expect([480, 408, 503].map(endOfRefusal)).toEqual(['unavailable', 'unavailable', 'unavailable']);
    expect([403, 404, 488].map(endOfRefusal)).toEqual(['refused', 'refused', 'refused']);
  });

  it('tells a refused microphone from a missing one, and both from a browser that cannot call', () => {
    expect(mediaProblem('NotAllowedError')).toBe('media-denied');
    expect(mediaProblem('SecurityError')).toBe('media-denied');
    expect(mediaProblem('NotFoundError')).toBe('no-device');
    expect(mediaProblem('NotReadableError')).toBe('no-device');
    expect(mediaProblem('TypeError')).toBe('unsupported');
  });

  it('asks for the camera only for a video call', () => {
    expect(mediaConstraints('voice').video).toBe(false);
    expect(mediaConstraints('video').video).toBeTruthy();
    expect(mediaConstraints('voice').audio).toBeTruthy();
  });

  it('reaches the SIP server on the page’s host, secure when the page is', () => {
    expect(defaultSipWsUrl({ protocol: 'https:', hostname: 'hub.shop.cn' }, 5066)).toBe('wss://hub.shop.cn:5066');
    expect(defaultSipWsUrl({ protocol: 'http:', hostname: '127.0.0.1' }, 5066)).toBe('ws://127.0.0.1:5066');
  });

  it('words a refused ticket as calling, not chatting, in both languages', () => {
    const en = widgetText('en');
    const zh = widgetText('zh-CN');
    expect(callRefusalText(en, { code: 'rate-limited', retryAfterSec: 90 })).toBe('You have called several times just now. Please wait 90 seconds.');
    expect(callRefusalText(zh, { code: 'forbidden' })).toBe('此聊天不提供通话。');
    expect(callRefusalText(en, { code: 'conflict' })).toBe('We cannot take calls right now.');
    expect(callRefusalText(en, { code: 'network' })).toBe(en('error.network'));
  });
});
