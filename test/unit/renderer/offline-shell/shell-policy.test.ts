import { describe, expect, it } from 'vitest';
import { cacheName, classifyRequest, shellAssets } from '../../../../renderer/offline-shell/shell-policy';

const ORIGIN = 'http://127.0.0.1:4310';
const get = (path: string, mode = 'cors') => ({ url: `${ORIGIN}${path}`, method: 'GET', mode });

describe('offline shell policy', () => {
  it('leaves the visitor chat widget to the network (another app on the same origin)', () => {
    expect(classifyRequest(get('/widget.js'), ORIGIN)).toBe('foreign');
    expect(classifyRequest(get('/widget/frame.html?widget=demo', 'navigate'), ORIGIN)).toBe('foreign');
    expect(classifyRequest(get('/widget-demo.html', 'navigate'), ORIGIN)).toBe('foreign');
    expect(classifyRequest(get('/', 'navigate'), ORIGIN)).toBe('navigation');
  });

  it('never caches the hub’s live traffic', () => {
    expect(classifyRequest(get('/api/login'), ORIGIN)).toBe('live');
    expect(classifyRequest(get('/socket.io/?EIO=4&transport=polling'), ORIGIN)).toBe('live');
    expect(classifyRequest(get('/healthz'), ORIGIN)).toBe('live');
  });

  it('treats page loads as navigations and the rest of the app as assets', () => {
    expect(classifyRequest(get('/', 'navigate'), ORIGIN)).toBe('navigation');
    expect(classifyRequest(get('/?bench', 'navigate'), ORIGIN)).toBe('navigation');
    expect(classifyRequest(get('/assets/main-abc.js'), ORIGIN)).toBe('asset');
  });

  it('leaves other origins and writes alone', () => {
    expect(classifyRequest({ url: 'https://cdn.example.com/x.js', method: 'GET', mode: 'cors' }, ORIGIN)).toBe('foreign');
    expect(classifyRequest({ url: `${ORIGIN}/assets/x.js`, method: 'POST', mode: 'cors' }, ORIGIN)).toBe('foreign');
  });

  it('finds the built index’s scripts and styles', () => {
    const html = `<script type="module" crossorigin src="./assets/main-DeglJXfq.js"></script>
      <link rel="stylesheet" crossorigin href="./assets/main-BC7Rfc4H.css"><link rel="icon" href="data:,">`;
    expect(shellAssets(html)).toEqual(['./assets/main-DeglJXfq.js', './assets/main-BC7Rfc4H.css']);
  });

  it('keeps one cache per build', () => {
    expect(cacheName('main-1')).not.toBe(cacheName('main-2'));
  });
});
