/**
 * The page may talk only to its own origin (HTTP and socket.io) and to
 * WebSocket endpoints (the SIP server is a wss:// URL on another host);
 * nothing may frame it, and no plugins or inline scripts run.
 */
function contentSecurityPolicy(frameAncestors: string): string {
  return [
    "default-src 'self'",
    "connect-src 'self' ws: wss:",
    // https: images only ever load inside a mail's sandboxed frame once the agent says "show images"; a srcdoc frame inherits this policy, so it must allow them.
    "img-src 'self' data: blob: https:",
    // A mail's audio and video attachments play from blob: URLs the desktop made from the hub's bytes.
    "media-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy("'none'");

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

/**
 * The visitor chat frame (`/widget/…`) is the one thing other sites may
 * frame. Which ones is the widget's to say (its allowed origins, enforced by
 * the browser); a widget that names none may be embedded anywhere. The hub's
 * own pages (the demo shop) may always frame it. Everything else about the
 * frame stays as strict as the desktop.
 */
export function widgetFrameContentSecurityPolicy(allowedOrigins: readonly string[]): string {
  return contentSecurityPolicy(allowedOrigins.length === 0 ? '*' : ["'self'", ...allowedOrigins].join(' '));
}

/** For a frame whose widget is not known: the page shows "not available", and no other site gets to show even that. */
export const UNKNOWN_WIDGET_FRAME_CONTENT_SECURITY_POLICY = contentSecurityPolicy("'self'");

const { 'X-Frame-Options': _denyFraming, ...FRAMEABLE } = SECURITY_HEADERS;
export const widgetFrameHeaders = (contentSecurityPolicy: string): Record<string, string> => ({
  ...FRAMEABLE,
  'Content-Security-Policy': contentSecurityPolicy,
});

/** `/widget.js` is loaded by `<script src>` on other sites' pages, which a same-origin resource policy would block. */
export const WIDGET_LOADER_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'Cross-Origin-Resource-Policy': 'cross-origin',
};
