/**
 * Whether a browser request to start a chat comes from a site the widget may
 * run on. The visitor's frame is served by the hub itself, so its requests
 * carry the hub's own origin (always allowed: the frame-ancestors policy on
 * the frame is what keeps other sites from embedding it). Browsers send
 * `Origin` on every POST; a request without one, or with the opaque `null`,
 * names no site and is refused when the widget lists its sites.
 */
export function originAllowed(allowedOrigins: readonly string[], origin: string | undefined, hubHost: string | undefined): boolean {
  if (allowedOrigins.length === 0) return true;
  if (origin === undefined || origin === 'null') return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (hubHost !== undefined && parsed.host === hubHost.toLowerCase()) return true;
  return allowedOrigins.includes(parsed.origin);
}
