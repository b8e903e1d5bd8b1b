import { z } from 'zod';

/** Lower-cased and trimmed so identity look-ups are exact; null when not an address. */
export function normaliseEmail(input: string): string | null {
  const value = input.trim().toLowerCase();
  return z.email().safeParse(value).success ? value : null;
}
