import { describe, expect, it } from 'vitest';
import {
  closeMessage,
  readFrameMessage,
  readHostMessage,
  shownMessage,
  tokenKeepMessage,
  tokenMessage,
  tokenWantedMessage,
  unreadMessage,
} from '../../../../renderer/widget/embed-messages';
import { frameUrl, readEmbedConfig } from '../../../../renderer/widget/loader/embed-config';

describe('reading the script tag a site pasted', () => {
  it('takes the hub from the script address and the widget and language from its data attributes', () => {
    expect(readEmbedConfig('https://hub.example.com/widget.js', { widget: 'demo', lang: 'zh-CN' }, ['en-US'])).toEqual({
      hubOrigin: 'https://hub.example.com',
      widgetId: 'demo',
      locale: 'zh-CN',
    });
    expect(readEmbedConfig('http://127.0.0.1:4310/widget.js?v=2', { widget: 'sales-eu' }, ['zh-TW', 'en'])).toMatchObject({
      hubOrigin: 'http://127.0.0.1:4310',
      locale: 'zh-CN',
    });
    expect(readEmbedConfig('https://hub.example.com/widget.js', { widget: 'demo' }, ['fr-FR'])?.locale).toBe('en');
  });

  it('refuses a tag it cannot use', () => {
    expect(readEmbedConfig('https://hub.example.com/widget.js', {}, [])).toBeNull();
    expect(readEmbedConfig('https://hub.example.com/widget.js', { widget: 'Demo"]' }, [])).toBeNull();
    expect(readEmbedConfig('not a url', { widget: 'demo' }, [])).toBeNull();
    expect(readEmbedConfig('file:///tmp/widget.js', { widget: 'demo' }, [])).toBeNull();
  });

  it('points the frame at the hub, telling it the widget, the language and who embeds it', () => {
    const url = new URL(frameUrl({ hubOrigin: 'https://hub.example.com', widgetId: 'demo', locale: 'zh-CN' }, 'https://shop.example.com'));
    expect(url.origin + url.pathname).toBe('https://hub.example.com/widget/frame.html');
    expect(Object.fromEntries(url.searchParams)).toEqual({ widget: 'demo', lang: 'zh-CN', origin: 'https://shop.example.com' });
  });
});

describe('messages between the page and the frame', () => {
  it('round-trip', () => {
    expect(readFrameMessage(closeMessage())).toEqual(closeMessage());
    expect(readFrameMessage(unreadMessage(3))).toEqual(unreadMessage(3));
    expect(readHostMessage(shownMessage(true))).toEqual(shownMessage(true));
    expect(readFrameMessage(tokenWantedMessage())).toEqual(tokenWantedMessage());
    expect(readFrameMessage(tokenKeepMessage('vt1.a.b'))).toEqual(tokenKeepMessage('vt1.a.b'));
    expect(readFrameMessage(tokenKeepMessage(null))).toEqual(tokenKeepMessage(null));
    expect(readHostMessage(tokenMessage('{"token":"vt1.a.b"}'))).toEqual(tokenMessage('{"token":"vt1.a.b"}'));
  });

  it('ignore anything else a page might post', () => {
    for (const data of [null, 'close', { kind: 'close' }, { tag: 'other', kind: 'close' }, { tag: 'switchboard-widget', kind: 'unread', count: -1 }, { tag: 'switchboard-widget', kind: 'unread', count: '3' }, { tag: 'switchboard-widget', kind: 'eval' }]) {
      expect(readFrameMessage(data)).toBeNull();
    }
    expect(readHostMessage({ tag: 'switchboard-widget', kind: 'shown', shown: 'yes' })).toBeNull();
    expect(readHostMessage({ tag: 'switchboard-widget', kind: 'token', value: 42 })).toBeNull();
    expect(readHostMessage({ tag: 'switchboard-widget', kind: 'token', value: 'x'.repeat(5_000) })).toBeNull();
    expect(readFrameMessage({ tag: 'switchboard-widget', kind: 'token-keep' })).toBeNull();
    expect(readHostMessage(closeMessage())).toBeNull();
  });
});
