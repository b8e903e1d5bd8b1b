/**
 * The Content-Security-Policy for the renderer. If hostile text ever slips
 * through rendering (an email body, a chat message), the policy is what stops
 * it from running script or reaching a server of its choosing.
 */

/**
 * The SIP server's WebSocket address is handed to the softphone by the hub at
 * login, so the main process cannot name it in advance; WebSockets are
 * therefore allowed to any host, while plain fetch/XHR stays pinned to the hub.
 */
export const SIP_WEBSOCKET_SOURCES = ['wss:', 'ws:'] as const;

export interface CspOptions {
  /** the hub the renderer syncs with (http or https) */
  hubUrl: string;
  /** extra connect-src sources, e.g. SIP_WEBSOCKET_SOURCES */
  extraConnectSources?: readonly string[];
}

export function buildContentSecurityPolicy(options: CspOptions): string {
  const connect = new Set<string>(["'self'", ...hubSources(options.hubUrl), ...(options.extraConnectSources ?? [])]);
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'none'"],
    // Vite emits external module scripts only: no inline script, no eval.
    'script-src': ["'self'"],
    // Inline styles stay allowed: style injection cannot run code, and
    // component libraries that insert <style> tags would otherwise break silently.
    'style-src': ["'self'", "'unsafe-inline'"],
    // https: only matters inside a mail's sandboxed srcdoc frame (it inherits this policy) once the agent allows its images.
    'img-src': ["'self'", 'data:', 'blob:', 'https:'],
    'font-src': ["'self'", 'data:'],
    // Ringtones and call audio (remote WebRTC streams, recordings as blobs), and call recordings played from the hub.
    'media-src': ["'self'", 'data:', 'blob:', 'mediastream:', ...hubSources(options.hubUrl).slice(0, 1)],
    'connect-src': [...connect],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The hub's origin for HTTP and the matching WebSocket origin for socket.io. */
function hubSources(hubUrl: string): string[] {
  let url: URL;
  try {
    url = new URL(hubUrl);
  } catch {
    return [];
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return [];
  const wsOrigin = `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  return [url.origin, wsOrigin];
}

/**
 * Response headers with our policy in place of any the server sent (header
 * names are case-insensitive, so every spelling of the old one is dropped).
 */
export function withContentSecurityPolicy(
  headers: Readonly<Record<string, string | string[]>>,
  policy: string,
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}
