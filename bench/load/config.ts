/**
 * The load run's knobs, from the environment. Pure: the run reads them once
 * and a bad value stops it before anything starts.
 */
export type LoadConfig = {
  minutes: number;
  agents: number;
  callsPerSec: number;
  chatsPerMin: number;
  emailsPerMin: number;
  /** How long each call talks before the caller hangs up. */
  callHoldMs: number;
  /** Hub nodes sharing the store, joined through Redis (the hub's cluster mode); agents and visitors are spread over them. */
  hubNodes: 1 | 2;
  /** Direct calls to the Chromium desktop, one every this often, each measured for screen pop. */
  screenPopEveryMs: number;
};

export class LoadConfigError extends Error {
  override name = 'LoadConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid load configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfigFromEnv(env: Env): LoadConfig {
  const problems: string[] = [];
  const number = (name: string, fallback: number, min: number, max: number, integer: boolean): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      problems.push(`${name}=${JSON.stringify(raw)}: must be a ${integer ? 'whole ' : ''}number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const config: LoadConfig = {
    minutes: number('LOAD_MINUTES', 10, 0.25, 120, false),
    agents: number('LOAD_AGENTS', 500, 1, 5_000, true),
    // 5 calls/s is what this shared 2-core machine kept up with on Postgres, every call answered within 5 s; at 10/s callers waited seconds.
    callsPerSec: number('LOAD_CALLS_PER_SEC', 5, 0, 500, true),
    chatsPerMin: number('LOAD_CHATS_PER_MIN', 60, 0, 6_000, false),
    emailsPerMin: number('LOAD_EMAILS_PER_MIN', 60, 0, 6_000, false),
    callHoldMs: number('LOAD_CALL_HOLD_MS', 3_000, 0, 60_000, true),
    hubNodes: number('HUB_NODES', 1, 1, 2, true) as 1 | 2,
    screenPopEveryMs: number('LOAD_SCREEN_POP_EVERY_MS', 5_000, 2_000, 600_000, true),
  };
  if (problems.length > 0) throw new LoadConfigError(problems);
  return config;
}
