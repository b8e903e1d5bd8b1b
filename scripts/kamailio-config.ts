import { z } from 'zod';
import { SIP_TRUNK_PATTERN } from '../hub/voice/outbound-call';
import { VOICE_KEY_USER } from '../shared/protocol/voice';

/**
 * Fills deploy/kamailio/kamailio.cfg's `{{NAME}}` placeholders. Pure, so the
 * same rendering serves `npm run kamailio`, the interop tests and a production
 * install (`npm run kamailio -- --print-config`). Every value lands inside the
 * Kamailio script (some within double quotes), so each is checked against a
 * strict pattern: a quote or newline in a setting must not become config.
 */

/** A minute: a crashed hub is noticed within it, and 28 of them outlast a 15-minute max wait with room for rings. */
export const DEFAULT_WAIT_FALLBACK_SEC = 60;

const port = z.number().int().min(1).max(65_535);

/** Secrets and keys land inside double quotes in the script. */
const scriptSecret = z.string().regex(/^[A-Za-z0-9._~+/=-]{32,256}$/, 'at least 32 letters, digits or ._~+/=-');

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
    /** The shared key between the hub and Kamailio, both ways (hub env VOICE_KEY). */
    voiceKey: scriptSecret,
    /** How many times one call asks the hub before giving up with 480 (guards against a ring loop). */
    maxAttempts: z.number().int().min(1).max(10_000),
    /**
     * A waiting caller is re-asked when the hub wakes them; without a wake,
     * after this many seconds (or the hub's retryAfterSec when longer). Each
     * re-ask uses one of the call's 30 branches, so 28 × this bounds a wait
     * the hub never wakes.
     */
    waitFallbackSec: z.number().int().min(1).max(3600).default(DEFAULT_WAIT_FALLBACK_SEC),
    /** rtpengine's control (ng) socket, to bridge plain-RTP phones and browsers; null: no bridge. */
    rtpengine: z.object({ host: z.ipv4(), port }).nullable().default(null),
    /**
     * Agents' phones authenticate with time-limited credentials the hub mints
     * from this secret (hub env SIP_AUTH_SECRET); null: anyone reaching the
     * ports may register as any agent and place calls (tests, benchmarks).
     */
    auth: z.object({ secret: scriptSecret }).nullable().default(null),
    /** Source subnets of SIP trunks and carriers: their INVITEs are not challenged (and not flood-limited). */
    trustedTrunks: z.array(z.cidrv4()).max(100).default(['127.0.0.1/32']),
    /** Where queue calls ring while the hub cannot be reached (`sip:supervisor@switchboard.local`, `sip:voicemail@10.0.0.5:5060`); null: 503. */
    overflow: z
      .string()
      .regex(/^sip:[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+(:[0-9]{1,5})?(;transport=(udp|tcp))?$/, 'a SIP URI such as sip:supervisor@switchboard.local')
      .nullable()
      .default(null),
    /**
     * The carrier's gateway agents' calls to customers go out through
     * (`sip:203.0.113.9:5060`, optionally `;transport=tcp`; the hub's SIP_TRUNK
     * too, which decides who may dial what); null: no outbound line (503).
     */
    trunk: z.string().regex(SIP_TRUNK_PATTERN, 'a SIP URI of the carrier gateway such as sip:203.0.113.9:5060').nullable().default(null),
    /** At most about `requests` out-of-dialog requests per `perSeconds` from one address (pike); null: no limit. */
    floodLimit: z
      .object({ requests: z.number().int().min(1).max(100_000), perSeconds: z.number().int().min(1).max(60) })
      .nullable()
      .default(null),
  })
  .refine((settings) => settings.sipPort !== settings.wsPort, { message: 'the SIP and WebSocket ports must differ', path: ['wsPort'] });

export type KamailioSettings = z.input<typeof KamailioSettingsSchema>;

/** With the hub's shortest re-ask (1 s) a caller may wait over half an hour before this stops the call. */
export const DEFAULT_MAX_ATTEMPTS = 2_000;

export class KamailioConfigError extends Error {
  override name = 'KamailioConfigError';
}

/** `sip:203.0.113.9:5060;transport=tcp` → `203.0.113.9:5060`, the host part of the Request-URI `sip:<number>@<host>`. */
const trunkHost = (uri: string): string => uri.slice('sip:'.length).split(';')[0] ?? '';

/**
 * http_client's named connection to the hub: the URL with the voice key as
 * HTTP Basic credentials (user "kamailio"; hub/voice/voice-key.ts). The key
 * pattern has no "@" or ";", which would end the credentials or start
 * connection parameters.
 */
const hubConnection = (hubUrl: string, voiceKey: string): string => {
  const [scheme, rest] = hubUrl.split('://') as [string, string];
  return `${scheme}://${VOICE_KEY_USER}:${voiceKey}@${rest}`;
};

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
    HUB_CONNECTION: hubConnection(s.hubUrl, s.voiceKey),
    VOICE_KEY: s.voiceKey,
    MAX_ATTEMPTS: String(s.maxAttempts),
    WAIT_FALLBACK_SEC: String(s.waitFallbackSec),
    RTPENGINE: s.rtpengine
      ? `#!define WITH_RTPENGINE\n#!define RTPENGINE_SOCKET "udp:${s.rtpengine.host}:${s.rtpengine.port}"`
      : '# rtpengine: not configured (plain-RTP callers cannot reach WebRTC desktops)',
    AUTH: s.auth
      ? `#!define WITH_AUTH\n#!define AUTH_SECRET "${s.auth.secret}"`
      : '# authentication: OFF — anyone reaching the ports may register as any agent and call (never in production)',
    TRUSTED_TRUNKS: s.trustedTrunks.length > 0 ? `#!define TRUSTED_TRUNKS "${s.trustedTrunks.join(',')}"` : '# trusted trunks: none',
    OVERFLOW: s.overflow ? `#!define OVERFLOW_URI "${s.overflow}"` : '# overflow: none (queue calls get 503 while the hub is unreachable)',
    TRUNK: s.trunk
      ? `#!define TRUNK_URI "${s.trunk}"\n#!define TRUNK_HOST "${trunkHost(s.trunk)}"`
      : '# outbound trunk: none (an agent dialling a number gets 503 No Outbound Line)',
    FLOOD_LIMIT: s.floodLimit
      ? `#!define WITH_PIKE\n#!define PIKE_REQUESTS ${s.floodLimit.requests}\n#!define PIKE_SAMPLING_SEC ${s.floodLimit.perSeconds}`
      : '# flood limit: none',
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
