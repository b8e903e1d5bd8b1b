import pino from 'pino';

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `json`: one JSON object a line (pino), for journald and log shippers; `pretty`: the readable lines a person reads at a console. */
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export type Logger = {
  error(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  debug(message: string, detail?: unknown): void;
};

type Line = (name: Exclude<LogLevel, 'silent'>, message: string, detail?: unknown) => void;

/**
 * LOG_FORMAT, else pretty for a person at a terminal and JSON for a service
 * manager or a pipe. Read here rather than in hub/config.ts so every caller of
 * createLogger (scripts, tests) keeps its one-argument call.
 */
export function logFormatFrom(env: Readonly<Record<string, string | undefined>>, isTty: boolean): LogFormat {
  const raw = env.LOG_FORMAT?.trim().toLowerCase();
  if (!raw) return isTty ? 'pretty' : 'json';
  if ((LOG_FORMATS as readonly string[]).includes(raw)) return raw as LogFormat;
  throw new Error(`LOG_FORMAT=${JSON.stringify(env.LOG_FORMAT)}: must be json or pretty`);
}

/**
 * Log lines on stderr (where they always went: stdout carries the start-up
 * banner). `write` replaces stderr in tests.
 */
export function createLogger(
  level: LogLevel,
  format: LogFormat = logFormatFrom(process.env, process.stderr.isTTY === true),
  write?: (line: string) => void,
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const line = format === 'json' ? jsonLines(level, write) : prettyLines(write);
  const at =
    (name: Exclude<LogLevel, 'silent'>) =>
    (message: string, detail?: unknown): void => {
      if (LOG_LEVELS.indexOf(name) > threshold) return;
      line(name, message, detail);
    };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

function prettyLines(write?: (line: string) => void): Line {
  return (name, message, detail) => {
    const line = `${new Date().toISOString()} ${name.padEnd(5)} ${message}`;
    if (write) write(detail === undefined ? line : `${line} ${detail instanceof Error ? (detail.stack ?? detail.message) : JSON.stringify(detail)}`);
    else if (detail === undefined) console.error(line);
    else console.error(line, detail);
  };
}

function jsonLines(level: LogLevel, write?: (line: string) => void): Line {
  // Synchronous writes: a line logged just before process.exit() (a failed start, the last shutdown step) is not lost.
  const destination = write ? { write } : pino.destination({ fd: 2, sync: true });
  const logger = pino(
    {
      level,
      base: { name: 'switchboard-hub', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not numbers: a person grepping the journal reads "error".
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return (name, message, detail) => {
    if (detail === undefined) logger[name](message);
    // `err` gets pino's serializer (type, message, stack); anything else rides as `detail`.
    else if (detail instanceof Error) logger[name]({ err: detail }, message);
    else logger[name]({ detail }, message);
  };
}
