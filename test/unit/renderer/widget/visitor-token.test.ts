import { describe, expect, it } from 'vitest';
import { createVisitorTokenStore, hostKeptTokenStore, parseStoredVisitor, visitorTokenKey } from '../../../../renderer/widget/frame/visitor-token';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

const NOW = 1_767_225_600_000;
const SESSION = { token: 'v1.signed', conversationId: '01JCHAT0000000000000000001', expiresAt: NOW + 60_000 };

describe('the visitor token key', () => {
  it('differs per hub and per widget', () => {
    const keys = new Set([
      visitorTokenKey('https://hub.example', 'sales'),
      visitorTokenKey('https://hub.example', 'support'),
      visitorTokenKey('https://other-hub.example', 'sales'),
      visitorTokenKey('https://hub.example:8443', 'sales'),
    ]);
    expect(keys.size).toBe(4);
  });
});

describe('the stored visitor', () => {
  it('round-trips and is kept only until it expires', async () => {
    const storage = new MemoryStorage();
    let now = NOW;
    const store = createVisitorTokenStore(storage, 'https://hub.example', 'demo', () => now);
    store.save({ ...SESSION, visitorId: 'not kept' } as typeof SESSION);
    expect(await store.load()).toEqual(SESSION);
    expect(JSON.parse(storage.getItem(visitorTokenKey('https://hub.example', 'demo')) ?? '')).toEqual(SESSION);
    now = SESSION.expiresAt;
    expect(await store.load()).toBeNull();
    expect(storage.items.size).toBe(0);
  });

  it('does not hand one widget the token of another', async () => {
    const storage = new MemoryStorage();
    createVisitorTokenStore(storage, 'https://hub.example', 'sales', () => NOW).save(SESSION);
    expect(await createVisitorTokenStore(storage, 'https://hub.example', 'support', () => NOW).load()).toBeNull();
  });

  it('treats anything malformed as nothing stored', () => {
    for (const raw of [null, '', 'not json', '42', 'null', '{"token":"","conversationId":"c","expiresAt":1e15}', '{"token":"t","conversationId":"c"}', '{"token":7,"conversationId":"c","expiresAt":1e15}']) {
      expect(parseStoredVisitor(raw, NOW), String(raw)).toBeNull();
    }
  });

  it('keeps working, without memory, when the browser refuses storage', async () => {
    const refusing = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      removeItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
    };
    const store = createVisitorTokenStore(refusing, 'https://hub.example', 'demo', () => NOW);
    expect(() => store.save(SESSION)).not.toThrow();
    expect(await store.load()).toBeNull();
    expect(() => store.clear()).not.toThrow();
    expect(await createVisitorTokenStore(null, 'https://hub.example', 'demo').load()).toBeNull();
  });

  it('is kept by the host page when the frame may keep nothing, with the same checks', async () => {
    let kept: string | null = null;
    const host = {
      requestToken: async () => kept,
      keepToken: (value: string | null) => {
        kept = value;
      },
    };
    let now = NOW;
    const store = hostKeptTokenStore(host, () => now);
    expect(await store.load()).toBeNull();
    store.save(SESSION);
    expect(await store.load()).toEqual(SESSION);
    now = SESSION.expiresAt + 1;
    expect(await store.load()).toBeNull();
    store.clear();
    expect(kept).toBeNull();
  });
});
