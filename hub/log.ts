export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Logger = {
  error(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  debug(message: string, detail?: unknown): void;
};

/** Plain lines on stderr: the hub is small, and whoever runs it reads the console. */
export function createLogger(level: LogLevel): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const at =
    (name: Exclude<LogLevel, 'silent'>) =>
    (message: string, detail?: unknown): void => {
      if (LOG_LEVELS.indexOf(name) > threshold) return;
      const line = `${new Date().toISOString()} ${name.padEnd(5)} ${message}`;
      if (detail === undefined) console.error(line);
      else console.error(line, detail);
    };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
