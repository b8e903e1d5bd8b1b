import { readFile } from 'node:fs/promises';
import { appFileFor, appResponseHeaders } from './app-protocol.js';

/**
 * Answers one app:// request from the renderer's folder. Plain Node (fetch's
 * Response is global), so it is tested against a temporary folder; main.ts
 * hands it to protocol.handle.
 */
export async function serveAppFile(request: { url: string; method: string }, rootDir: string, contentSecurityPolicy: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
  const file = appFileFor(request.url, rootDir);
  if (file === null) return plain(404, 'not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    // Missing, a directory or unreadable: the renderer sees the same answer for each.
    return plain(404, 'not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: appResponseHeaders(file, contentSecurityPolicy) });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}
