import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../hub/http/security-headers';
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
    expect(JSON.parse(response.text)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
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
    expect(JSON.parse(answer.text)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
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
