import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseStoredSettings, type SettingsReadResult, type StoredSettings, serializeStoredSettings } from './settings.js';

/**
 * settings.json on disk. Plain Node I/O (no Electron), so it is tested against
 * a temporary directory; main.ts passes the path under app.getPath('userData').
 */
export interface SettingsStore {
  read(): Promise<SettingsReadResult>;
  write(settings: StoredSettings): Promise<StoredSettings>;
  /** Resolves once every write asked for so far has finished (or failed); used before quitting. */
  flush(): Promise<void>;
}

export function createSettingsStore(filePath: string): SettingsStore {
  // Writes are chained so two quick saves (bounds on close, a settings change)
  // land in the order they were asked for.
  let queue: Promise<unknown> = Promise.resolve();
  let sequence = 0;

  async function writeNow(settings: StoredSettings): Promise<StoredSettings> {
    const text = serializeStoredSettings(settings);
    // Write-then-rename: a crash mid-write leaves the old file, never half a file.
    const tmp = `${filePath}.${process.pid}.${++sequence}.tmp`;
    await writeFile(tmp, text, { encoding: 'utf8', mode: 0o600 });
    await rename(tmp, filePath);
    return settings;
  }

  return {
    async read() {
      let text: string | null;
      try {
        text = await readFile(filePath, 'utf8');
      } catch (error) {
        if (isMissingFile(error)) return parseStoredSettings(null);
        return { ...parseStoredSettings(null), problems: [`settings file unreadable (${describe(error)}); using defaults`] };
      }
      return parseStoredSettings(text);
    },
    write(settings) {
      const result = queue.then(() => writeNow(settings));
      queue = result.catch(() => undefined);
      return result;
    },
    async flush() {
      await queue;
    },
  };
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
