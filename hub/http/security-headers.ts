/**
 * The page may talk only to its own origin (HTTP and socket.io) and to
 * WebSocket endpoints (the SIP server is a wss:// URL on another host);
 * nothing may frame it, and no plugins or inline scripts run.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self' ws: wss:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The softphone needs the microphone (and video calls the camera) on this origin only.
  'Permissions-Policy': 'microphone=(self), camera=(self), geolocation=(), payment=()',
};
