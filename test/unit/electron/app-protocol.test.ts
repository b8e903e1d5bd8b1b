import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, APP_ORIGIN, APP_SCHEME_PRIVILEGES, appFileFor, appResponseHeaders } from '../../../electron/app-protocol';
import { serveAppFile } from '../../../electron/app-protocol-serve';

const ROOT = path.resolve('/opt/Switchboard/resources/app.asar/renderer');

describe('appFileFor', () => {
  it.each([
    [APP_INDEX_URL, 'index.html'],
    [`${APP_ORIGIN}/`, 'index.html'],
    [`${APP_ORIGIN}`, 'index.html'],
    [`${APP_INDEX_URL}#/queues?x=1`, 'index.html'],
    [`${APP_ORIGIN}/assets/index-abc123.js`, 'assets/index-abc123.js'],
    [`${APP_ORIGIN}/assets/ring%20tone.wav`, 'assets/ring tone.wav'],
    [`${APP_ORIGIN}/a/../index.html`, 'index.html'],
  ])('serves %s from the renderer folder', (url, file) => {
    expect(appFileFor(url, ROOT)).toBe(path.join(ROOT, file));
  });

  it.each([
    `${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2f..%2fsettings.json`,
    `${APP_ORIGIN}/..%5c..%5cWindows%5cwin.ini`,
    `${APP_ORIGIN}/C:%2fWindows%2fwin.ini`,
    `${APP_ORIGIN}/index.html%00.js`,
    `${APP_ORIGIN}/%E0%A4%A`,
    'app://evil/index.html',
    'app://user:pass@switchboard/index.html',
    'file:///opt/Switchboard/resources/app.asar/renderer/index.html',
    'https://switchboard/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(appFileFor(url, ROOT)).toBeNull();
  });

  it.each([`${APP_ORIGIN}/../../../etc/passwd`, `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`])('keeps %s inside the folder (dot segments stop at its root)', (url) => {
    expect(appFileFor(url, ROOT)).toBe(path.join(ROOT, 'etc/passwd'));
  });
});

describe('app:// scheme privileges', () => {
  it('is a secure, standard origin with no CSP bypass, no service workers and no cross-origin reads', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, bypassCSP: false, allowServiceWorkers: false, corsEnabled: false });
  });
});

describe('serveAppFile', () => {
  let dir: string;
  const policy = "default-src 'none'; script-src 'self'";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'switchboard-app-'));
    await mkdir(path.join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Switchboard</title>');
    await writeFile(path.join(dir, 'renderer', 'assets', 'main.js'), 'export {};');
    await writeFile(path.join(dir, 'settings.json'), '{"secret":true}'); // next to, not inside, the renderer folder
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const serve = (url: string, method = 'GET') => serveAppFile({ url, method }, path.join(dir, 'renderer'), policy);

  it('serves the page with the policy and a declared type', async () => {
    const response = await serve(APP_INDEX_URL);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Switchboard</title>');
    expect(response.headers.get('content-security-policy')).toBe(policy);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves module scripts as JavaScript', async () => {
    const response = await serve(`${APP_ORIGIN}/assets/main.js`);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 outside the folder, for missing files and for folders', async () => {
    for (const url of [`${APP_ORIGIN}/../settings.json`, `${APP_ORIGIN}/%2e%2e/settings.json`, `${APP_ORIGIN}/missing.js`, `${APP_ORIGIN}/assets`]) {
      const response = await serve(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('secret');
    }
  });

  it('answers HEAD without a body and refuses writes', async () => {
    const head = await serve(APP_INDEX_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await serve(APP_INDEX_URL, 'POST')).status).toBe(405);
  });

  it('types unknown files as opaque bytes', () => {
    expect(appResponseHeaders('/x/file.unknown', policy)['Content-Type']).toBe('application/octet-stream');
  });
});
