import { describe, expect, it } from 'vitest';
import { originAllowed } from '../../../../hub/chat/widget-origin';

const SHOP = ['https://shop.example.com', 'http://localhost:8080'];

describe('a widget’s allowed sites', () => {
  it('lets any site start a chat when the widget names none', () => {
    expect(originAllowed([], 'https://anywhere.example', 'hub.example:4310')).toBe(true);
    expect(originAllowed([], undefined, undefined)).toBe(true);
  });

  it('lets the named sites and the hub’s own frame start a chat', () => {
    expect(originAllowed(SHOP, 'https://shop.example.com', 'hub.example:4310')).toBe(true);
    expect(originAllowed(SHOP, 'https://Shop.Example.com:443', 'hub.example:4310')).toBe(true);
    expect(originAllowed(SHOP, 'http://localhost:8080', 'hub.example:4310')).toBe(true);
    expect(originAllowed(SHOP, 'http://hub.example:4310', 'HUB.example:4310')).toBe(true);
  });

  it('refuses other sites, look-alikes, and requests that name no site', () => {
    expect(originAllowed(SHOP, 'https://evil.example', 'hub.example:4310')).toBe(false);
    expect(originAllowed(SHOP, 'http://shop.example.com', 'hub.example:4310')).toBe(false);
    expect(originAllowed(SHOP, 'https://shop.example.com.evil.example', 'hub.example:4310')).toBe(false);
    expect(originAllowed(SHOP, 'http://localhost:8081', 'hub.example:4310')).toBe(false);
    expect(originAllowed(SHOP, 'null', 'hub.example:4310')).toBe(false);
    expect(originAllowed(SHOP, undefined, 'hub.example:4310')).toBe(false);
    expect(originAllowed(SHOP, 'not a url', 'hub.example:4310')).toBe(false);
  });
});
