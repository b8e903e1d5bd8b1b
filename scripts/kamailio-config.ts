import { z } from 'zod';

/**
 * Fills deploy/kamailio/kamailio.cfg's `{{NAME}}` placeholders. Pure, so the
 * same rendering serves `npm run kamailio`, the interop tests and a production
 * install (`npm run kamailio -- --print-config`). Every value lands inside the
 * Kamailio script (some within double quotes), so each is checked against a
 * strict pattern: a quote or newline in a setting must not become config.
 */

const port = z.number().int().min(1).max(65_535);

export const KamailioSettingsSchema = z
  .object({
    /** The address SIP and WebSocket listen on; 127.0.0.1 unless agents and phones are on other machines. */
    listenAddress: z.union([z.ipv4(), z.literal('0.0.0.0')]),
    /** UDP and TCP, for SIP trunks, desk phones and SIPp. */
    sipPort: port,
    /** WebSocket (ws://) for the agents' desktops; production puts wss (TLS) in front, see README.md. */
    wsPort: port,
    /** The SIP domain agents register in (`sip:agent1@<domain>`). */
    domain: z
      .string()
      .toLowerCase()
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'a domain name such as switchboard.local'),
    /** Where the hub serves /api/voice/*, without a trailing slash. */
    hubUrl: z
      .url({ protocol: /^https?$/ })
      .regex(/^[^"\\\s]+$/, 'no quotes, backslashes or spaces')
      .transform((url) => url.replace(/\/+$/, '')),
    /** The shared key the hub expects in X-Switchboard-Voice-Key (hub env VOICE_KEY). */
    voiceKey: z.string().regex(/^[A-Za-z0-9._~+/=-]{32,256}$/, 'at least 32 letters, digits or ._~+/=-'),
    /** How many times one call asks the hub before giving up with 480 (guards against a ring loop). */
    maxAttempts: z.number().int().min(1).max(10_000),
    /** rtpengine's control (ng) socket, to bridge plain-RTP phones and browsers; null: no bridge. */
    rtpengine: z.object({ host: z.ipv4(), port }).nullable().default(null),
  })
  .refine((settings) => settings.sipPort !== settings.wsPort, { message: 'the SIP and WebSocket ports must differ', path: ['wsPort'] });

export type KamailioSettings = z.input<typeof KamailioSettingsSchema>;

/** With the hub's shortest re-ask (1 s) a caller may wait over half an hour before this stops the call. */
export const DEFAULT_MAX_ATTEMPTS = 2_000;

export class KamailioConfigError extends Error {
  override name = 'KamailioConfigError';
}

const PLACEHOLDER = /\{\{([A-Z_]+)\}\}/g;

/** Renders the template; refuses bad settings, unknown placeholders and placeholders left unfilled. */
export function renderKamailioConfig(template: string, settings: KamailioSettings): string {
  const parsed = KamailioSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`);
    throw new KamailioConfigError(`Kamailio settings are not valid — ${problems.join('; ')}`);
  }
  const s = parsed.data;
  const values: Record<string, string> = {
    LISTEN_ADDRESS: s.listenAddress,
    SIP_PORT: String(s.sipPort),
    WS_PORT: String(s.wsPort),
    DOMAIN: s.domain,
    HUB_URL: s.hubUrl,
    VOICE_KEY: s.voiceKey,
    MAX_ATTEMPTS: String(s.maxAttempts),
    RTPENGINE: s.rtpengine
      ? `#!define WITH_RTPENGINE\n#!define RTPENGINE_SOCKET "udp:${s.rtpengine.host}:${s.rtpengine.port}"`
      : '# rtpengine: not configured (plain-RTP callers cannot reach WebRTC desktops)',
  };
  const unknown = new Set<string>();
  const rendered = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      unknown.add(name);
      return whole;
    }
    return value;
  });
  if (unknown.size > 0) throw new KamailioConfigError(`the Kamailio template names unknown settings: ${[...unknown].join(', ')}`);
  return rendered;
}
