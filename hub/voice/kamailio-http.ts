import { request } from 'node:http';

/**
 * One HTTP request to Kamailio's xhttp listener, on a connection of its own.
 * Kamailio closes the connection after every reply (set_reply_close in
 * deploy/kamailio/kamailio.cfg) without always saying so, so a pooled
 * keep-alive socket (fetch's default) can be reused just as Kamailio closes
 * it, and the request fails with nothing received. "Connection: close" on a
 * fresh socket makes both sides agree.
 */
export function kamailioRequest(url: string, init: { method: string; headers?: Record<string, string>; body?: string; timeoutMs: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    const headers: Record<string, string | number> = { ...init.headers, connection: 'close' };
    if (body) headers['content-length'] = body.length;
    const outgoing = request(url, { method: init.method, headers, agent: false, timeout: init.timeoutMs }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer from Kamailio within ${init.timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
