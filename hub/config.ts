import { hostname } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CountryCode, isSupportedCountry } from 'libphonenumber-js/min';
import { z } from 'zod';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../shared/protocol/attachments';
import { DEFAULT_RECORDING_MAX_BYTES } from '../shared/protocol/recording';
import { LOG_LEVELS, type LogLevel } from './log';
import { HOME_ONLY, parseDestinationRule, type DestinationRule } from './voice/dial-policy';
import { type OutboundLine, SIP_TRUNK_PATTERN } from './voice/outbound-call';

export type StoreConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export type SeedConfig = {
  /** Seed the demo into an empty store on start. */
  enabled: boolean;
  customers: number;
  maxInteractionsPerCustomer: number;
  heavyCustomerInteractions: number;
};

/**
 * A cluster node (hub/cluster/): broadcasts go through Redis, one elected
 * node leads (routing and every writer), the others pass work to it.
 */
export type ClusterConfig = {
  redisUrl: string;
  /** Names this node in logs, /healthz and the leader's book of connections (NODE_ID); unique per node. */
  nodeId: string;
  /** How the other nodes reach this one's HTTP when it leads (NODE_URL); null: the address it listens on. */
  advertisedUrl: string | null;
};

export type HubConfig = {
  host: string;
  /** 0 asks the OS for a free port (tests). */
  port: number;
  store: StoreConfig;
  /** Signs access tokens; null means "generate once and keep it in the store", which only suits a single hub. */
  secret: string | null;
  /** Region for phone numbers typed without a country code. */
  defaultRegion: CountryCode;
  accessTtlSec: number;
  refreshTtlSec: number;
  voice: {
    /** The key Kamailio sends with every voice request; null means "generate once and keep it in the store". */
    key: string | null;
    /** The SIP domain agents register in, until an admin saves voice settings. */
    sipDomain: string;
    /** Signs agents' SIP credentials (Kamailio's auth_ephemeral secret); null means "generate once and keep it in the store". */
    sipAuthSecret: string | null;
    /** Where Kamailio takes wakes for callers waiting in a queue (its WebSocket port, /switchboard/wake); null: it re-asks on its own fallback only. */
    kamailioWakeUrl: string | null;
    /** Where web visitors' browsers reach Kamailio's WebSocket for "Call us" (SIP_WS_URL); null: the hub's host, port 5066. */
    sipWsUrl: string | null;
  };
  /** Agents' calls to customers through the carrier's trunk (hub/voice/outbound-call.ts); without a trunk, dialling a number is refused. */
  outbound: OutboundLine;
  /** The attachment store (files under `<data>/attachments`): the largest call recording it takes. */
  /** `maxFileBytes`: the largest file an agent uploads through /api/attachments (`ATTACHMENT_MAX_BYTES`). */
  attachments: { maxRecordingBytes: number; maxFileBytes: number };
  /** Inbound email: the hub's own SMTP listener (`SMTP_PORT`, on HOST; 0 leaves it off). */
  email: { smtpPort: number };
  /** The SMTP relay agents' mail leaves through (`SMTP_RELAY_URL`, smtp:// or smtps://); null keeps it waiting in the hub's outbox. */
  smtpRelayUrl: string | null;
  seed: SeedConfig;
  logLevel: LogLevel;
  /** One of several hub nodes sharing Postgres and Redis (REDIS_URL); null: this hub runs alone. */
  cluster: ClusterConfig | null;
  paths: {
    data: string;
    /** Where the built renderer lives; served at `/`. */
    renderer: string;
  };
};

export type Env = Readonly<Record<string, string | undefined>>;

/** Every problem with the environment at once, so a person fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid hub configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const REFRESH_TTL_SEC = 30 * 24 * 60 * 60;
/** Where the hub takes inbound mail by default: above 1024, so it runs without privileges (an MX forwards 25 to it). */
export const DEFAULT_SMTP_PORT = 2525;

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off']))
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const postgresUrl = z
  .string()
  .trim()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
  .pipe(z.url());

const sipTrunk = z.string().trim().regex(SIP_TRUNK_PATTERN, "must be the carrier gateway's SIP URI such as sip:203.0.113.9:5060 (no user part)");

const e164Number = z.string().trim().regex(/^\+[1-9][0-9]{5,14}$/, 'must be an E.164 number such as +862088886666');

const destinationRule = z.string().transform((text, ctx): DestinationRule => {
  const parsed = parseDestinationRule(text, (code): code is CountryCode => isSupportedCountry(code));
  if (parsed.ok) return parsed.rule;
  ctx.addIssue({ code: 'custom', message: `unknown ${parsed.unknown.join(', ')}: expected international, premium or two-letter regions such as HK` });
  return z.NEVER;
});

const smtpRelayUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && ['smtp:', 'smtps:'].includes(new URL(value).protocol), 'must be an smtp:// or smtps:// URL such as smtp://127.0.0.1:2587');

const region = z
  .string()
  .trim()
  .toUpperCase()
  .refine((value): value is CountryCode => isSupportedCountry(value), 'must be a two-letter region such as CN, GB or US');

export function loadConfig(env: Env, cwd: string = process.cwd()): HubConfig {
  const problems: string[] = [];
  const read = <T>(name: string, schema: z.ZodType<T, string>, fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    problems.push(`${name}=${JSON.stringify(raw)}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
    return fallback;
  };

  const data = resolve(cwd, read('SWITCHBOARD_DATA', z.string(), './data'));
  const databaseUrl = read('DATABASE_URL', postgresUrl, null);
  const rendererDir = read('SWITCHBOARD_RENDERER', z.string(), join(REPO_ROOT, 'dist', 'renderer'));
  const config: HubConfig = {
    host: read('HOST', z.string().trim().min(1), '127.0.0.1'),
    port: read('PORT', integer(0, 65_535), 4310),
    store: databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'sqlite', file: join(data, 'switchboard.sqlite') },
    secret: read('SWITCHBOARD_SECRET', z.string().min(32, 'must be at least 32 characters'), null),
    defaultRegion: read('DEFAULT_REGION', region, 'CN'),
    accessTtlSec: read('ACCESS_TTL_SEC', integer(10, 24 * 60 * 60), 900),
    refreshTtlSec: REFRESH_TTL_SEC,
    voice: {
      key: read('VOICE_KEY', z.string().min(32, 'must be at least 32 characters'), null),
      sipDomain: read('SIP_DOMAIN', z.string().trim().toLowerCase().regex(/^[a-z0-9.-]{1,253}$/, 'must be a domain name such as switchboard.local'), 'switchboard.local'),
      sipAuthSecret: read('SIP_AUTH_SECRET', z.string().regex(/^[A-Za-z0-9._~+/=-]{32,256}$/, 'must be 32+ letters, digits or ._~+/=-'), null),
      kamailioWakeUrl: read('KAMAILIO_WAKE_URL', z.url({ protocol: /^https?$/, error: 'must be an http:// URL such as http://127.0.0.1:5066/switchboard/wake' }), null),
      sipWsUrl: read('SIP_WS_URL', z.url({ protocol: /^wss?$/, error: 'must be a ws:// or wss:// URL such as wss://sip.example.com:5066' }), null),
    },
    outbound: {
      trunk: read('SIP_TRUNK', sipTrunk, null),
      callerId: read('SIP_CALLER_ID', e164Number, null),
      allow: read('SIP_OUTBOUND_ALLOW', destinationRule, HOME_ONLY),
    },
    attachments: {
      maxRecordingBytes: read('RECORDING_MAX_BYTES', integer(1_024, 2 * 1024 * 1024 * 1024), DEFAULT_RECORDING_MAX_BYTES),
      maxFileBytes: read('ATTACHMENT_MAX_BYTES', integer(1_024, 2 * 1024 * 1024 * 1024), DEFAULT_ATTACHMENT_MAX_BYTES),
    },
    email: { smtpPort: read('SMTP_PORT', integer(0, 65_535), DEFAULT_SMTP_PORT) },
    smtpRelayUrl: read('SMTP_RELAY_URL', smtpRelayUrl, null),
    seed: {
      enabled: read('SEED', flag, true),
      customers: read('SEED_CUSTOMERS', integer(1, 1_000_000), 2_000),
      maxInteractionsPerCustomer: read('SEED_MAX_INTERACTIONS', integer(0, 10_000), 30),
      heavyCustomerInteractions: read('SEED_HEAVY_INTERACTIONS', integer(0, 1_000_000), 10_000),
    },
    logLevel: read('LOG_LEVEL', z.enum(LOG_LEVELS), 'info'),
    cluster: null,
    paths: { data, renderer: isAbsolute(rendererDir) ? rendererDir : resolve(cwd, rendererDir) },
  };
  // Without a number to present the carrier would show the agent's own address: refuse to start rather than leak it.
  if (config.outbound.trunk && !config.outbound.callerId) problems.push('SIP_CALLER_ID is required with SIP_TRUNK: the number customers see when an agent calls them');
  const redisUrl = read('REDIS_URL', z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379' }), null);
  if (redisUrl) {
    // Every node must see the same store; a SQLite file belongs to one process.
    if (!databaseUrl) problems.push('REDIS_URL (several hub nodes) needs DATABASE_URL: the nodes share one Postgres');
    config.cluster = {
      redisUrl,
      nodeId: read('NODE_ID', z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits or ._-'), `${hostname()}-${config.port}`),
      advertisedUrl: read('NODE_URL', z.url({ protocol: /^https?$/, error: 'must be an http:// URL such as http://10.0.0.5:4310' }), null),
    };
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
