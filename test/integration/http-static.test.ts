import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { CONTENT_SECURITY_POLICY, UNKNOWN_WIDGET_FRAME_CONTENT_SECURITY_POLICY, widgetFrameContentSecurityPolicy } from '../../hub/http/security-headers';
import { createStaticFiles } from '../../hub/http/static-files';
import { startTestHub, type TestHub } from './helpers/test-hub';
import { sqliteTestStore, type TestStore } from './helpers/test-stores';

/** A raw request, so paths like /../x reach the hub exactly as written (fetch would normalise them). */
function raw(port: number, method: string, path: string, body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the hub serving the built desktop', () => {
  let store: TestStore;
  let t: TestHub;
  const INDEX = '<!doctype html><title>Switchboard</title><div id="root"></div>';

  beforeAll(async () => {
    store = await sqliteTestStore();
    const renderer = join(store.dataDir, 'site', 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), INDEX);
    writeFileSync(join(renderer, 'assets', 'app-3f9a.js'), 'console.log("desk")');
    writeFileSync(join(renderer, 'assets', 'app-3f9a.css'), 'body{}');
    writeFileSync(join(renderer, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(renderer, '.env'), 'SECRET=hidden');
    writeFileSync(join(store.dataDir, 'site', 'secret.txt'), 'TOP SECRET');
    t = await startTestHub(store, { SEED: '0', SWITCHBOARD_RENDERER: renderer });
  });

  afterAll(async () => {
    await t?.close();
    await store?.cleanup();
  });

  it('serves index.html at / with the strict security headers', async () => {
    const response = await raw(t.hub.port, 'GET', '/');
    expect(response.status).toBe(200);
    expect(response.text).toBe(INDEX);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self' ws: wss:");
    expect(CONTENT_SECURITY_POLICY).toContain("img-src 'self' data: blob:");
    expect(CONTENT_SECURITY_POLICY).toContain("style-src 'self' 'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('serves assets with their content types, hashed ones cached for good', async () => {
    const script = await raw(t.hub.port, 'GET', '/assets/app-3f9a.js');
    expect(script).toMatchObject({ status: 200, text: 'console.log("desk")' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toContain('immutable');
    expect((await raw(t.hub.port, 'GET', '/assets/app-3f9a.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await raw(t.hub.port, 'GET', '/icon.svg')).headers['content-type']).toBe('image/svg+xml');
  });

  it('answers app routes with index.html but a missing file with 404', async () => {
    expect(await raw(t.hub.port, 'GET', '/customers/01HK153X00GCFZ7ZYJE20XT0GY?tab=timeline')).toMatchObject({ status: 200, text: INDEX });
    expect((await raw(t.hub.port, 'GET', '/assets/gone-1234.js')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/.env',
    '/assets/%00.js',
  ])('never serves anything outside the renderer or hidden (%s)', async (path) => {
    const response = await raw(t.hub.port, 'GET', path);
    expect(response.text).not.toContain('TOP SECRET');
    expect(response.text).not.toContain('SECRET=hidden');
  });

  it('answers HEAD without a body and refuses other methods on pages', async () => {
    const head = await raw(t.hub.port, 'HEAD', '/');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(INDEX)));
    expect((await raw(t.hub.port, 'DELETE', '/')).status).toBe(405);
  });

  it('limits the size of JSON posts', async () => {
    const big = JSON.stringify({ username: 'agent1', password: 'x'.repeat(20_000) });
    const response = await raw(t.hub.port, 'POST', '/api/login', big);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.text)).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('limits chunked JSON posts that carry no Content-Length', async () => {
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: t.hub.port, method: 'POST', path: '/api/login', headers: { 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.write('{"username":"agent1","password":"');
      for (let i = 0; i < 20; i += 1) req.write('x'.repeat(1_024));
      req.end('"}');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('answers unknown API paths and wrong methods with JSON errors, and CORS preflights', async () => {
    const unknown = await raw(t.hub.port, 'POST', '/api/transfer', '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await raw(t.hub.port, 'GET', '/api/login')).status).toBe(405);
    const preflight = await raw(t.hub.port, 'OPTIONS', '/api/login');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
  });

  it('starts empty when SEED=0: nobody can sign in and there is no demo', async () => {
    const { status } = await t.post('/api/login', { username: 'agent1', password: 'demo1234' });
    expect(status).toBe(401);
    expect(t.hub.seeded).toBeNull();
  });
});

describe('the hub serving the visitor chat widget', () => {
  let store: TestStore;
  let t: TestHub;
  const LOADER = '(function(){document.body.append(document.createElement("iframe"))})();';

  beforeAll(async () => {
    store = await sqliteTestStore();
    const renderer = join(store.dataDir, 'site', 'renderer');
    mkdirSync(join(renderer, 'widget', 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Switchboard</title>');
    writeFileSync(join(renderer, 'widget.js'), LOADER);
    writeFileSync(join(renderer, 'widget-demo.html'), '<!doctype html><title>Blue Harbour Tea</title><script src="/widget.js" data-widget="demo" async></script>');
    writeFileSync(join(renderer, 'widget', 'frame.html'), '<!doctype html><title>Chat</title><div id="widget"></div>');
    writeFileSync(join(renderer, 'widget', 'assets', 'frame-7c1d.js'), 'console.log("frame")');
    t = await startTestHub(store, { SEED: '0', SWITCHBOARD_RENDERER: renderer });
  });

  afterAll(async () => {
    await t?.close();
    await store?.cleanup();
  });

  it('lets the chat frame be framed as its widget allows, and nothing else be framed', async () => {
    // This hub has no widgets (SEED=0): the frame may sit only in the hub's own pages.
    const frame = await raw(t.hub.port, 'GET', '/widget/frame.html?widget=demo&lang=en&origin=https%3A%2F%2Fshop.example');
    expect(frame.status).toBe(200);
    expect(frame.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(frame.headers['content-security-policy']).toBe(UNKNOWN_WIDGET_FRAME_CONTENT_SECURITY_POLICY);
    expect(frame.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(frame.headers['x-frame-options']).toBeUndefined();
    expect(frame.headers['cache-control']).toBe('no-cache');
    for (const path of ['/', '/widget-demo.html', '/customers/01HK153X00GCFZ7ZYJE20XT0GY']) {
      const page = await raw(t.hub.port, 'GET', path);
      expect(page.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(page.headers['x-frame-options'], path).toBe('DENY');
    }
    const api = await raw(t.hub.port, 'POST', '/api/login', '{}');
    expect(api.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('keeps the frame as strict as the desktop apart from who may frame it', () => {
    const policy = widgetFrameContentSecurityPolicy([]);
    expect(policy).toContain('frame-ancestors *');
    expect(policy).toContain("default-src 'self'");
    // The chat's socket.io connection goes back to the hub, and pictures come from its file links.
    expect(policy).toContain("connect-src 'self' ws: wss:");
    expect(policy).toContain("img-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy.replace('frame-ancestors *', "frame-ancestors 'none'")).toBe(CONTENT_SECURITY_POLICY);
  });

  it('caches the frame hashed assets for good', async () => {
    const script = await raw(t.hub.port, 'GET', '/widget/assets/frame-7c1d.js');
    expect(script).toMatchObject({ status: 200, text: 'console.log("frame")' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toContain('immutable');
    expect((await raw(t.hub.port, 'GET', '/widget/assets/gone-0000.js')).status).toBe(404);
  });

  it('serves /widget.js as a script other sites may load, cached only briefly', async () => {
    const loader = await raw(t.hub.port, 'GET', '/widget.js');
    expect(loader).toMatchObject({ status: 200, text: LOADER });
    expect(loader.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(loader.headers['cache-control']).toBe('public, max-age=300');
    expect(loader.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(loader.headers['x-content-type-options']).toBe('nosniff');
    const head = await raw(t.hub.port, 'HEAD', '/widget.js');
    expect(head.text).toBe('');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(LOADER)));
    // Everything else stays readable by the hub's own pages only.
    expect((await raw(t.hub.port, 'GET', '/widget/frame.html')).headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('serves the demo shop page', async () => {
    const demo = await raw(t.hub.port, 'GET', '/widget-demo.html');
    expect(demo.status).toBe(200);
    expect(demo.text).toContain('data-widget="demo"');
  });
});

describe('who may frame a widget', () => {
  const ORIGINS: Record<string, readonly string[]> = { demo: [], shop: ['https://shop.example.com', 'https://www.shop.example.com'] };
  let dir: string;
  let server: ReturnType<typeof createServer>;
  let port: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-widget-frame-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'widget'), { recursive: true });
    writeFileSync(join(renderer, 'widget', 'frame.html'), '<!doctype html><title>Chat</title>');
    const serve = createStaticFiles(renderer, { widgetOrigins: async (id) => (Object.hasOwn(ORIGINS, id) ? (ORIGINS[id] ?? null) : null) });
    server = createServer((request, response) => void serve(request, response, new URL(request.url ?? '/', 'http://x').pathname));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const frameAncestors = async (query: string) => {
    const policy = String((await raw(port, 'GET', `/widget/frame.html${query}`)).headers['content-security-policy']);
    return /frame-ancestors ([^;]+)/.exec(policy)?.[1];
  };

  it('lets only the sites a widget names frame it (and the hub own pages)', async () => {
    expect(await frameAncestors('?widget=shop&lang=en')).toBe("'self' https://shop.example.com https://www.shop.example.com");
  });

  it('lets any site frame a widget that names none', async () => {
    expect(await frameAncestors('?widget=demo')).toBe('*');
  });

  it('lets no other site frame an unknown widget or a frame without one', async () => {
    expect(await frameAncestors('?widget=gone')).toBe("'self'");
    expect(await frameAncestors('')).toBe("'self'");
  });
});
