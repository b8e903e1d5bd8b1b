import { z } from 'zod';

/** Lower-cased and trimmed so identity look-ups are exact; null when not an address. */
export function normaliseEmail(input: string): string | null {
  const value = input.trim().toLowerCase();
  return z.email().safeParse(value).success ? value : null;
}

/** An email address as given in a form: trimmed and lower-cased before it is checked. */
export const EmailSchema = z.string().trim().toLowerCase().max(320).pipe(z.email());
