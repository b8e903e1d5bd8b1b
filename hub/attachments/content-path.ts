import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** Hex SHA-256: the name of a file in the store, whoever sent it and whatever they called it. */
export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export const isSha256 = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);

/**
 * Where a file lives under the store's root: two levels of fan-out by the
 * hash's first bytes (`ab/cd/abcd…`), so no directory grows to hundreds of
 * thousands of entries. Only a well-formed hash makes a path: nothing from
 * outside ever becomes a path segment.
 */
export function contentPath(root: string, sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`not a SHA-256 hex digest: ${JSON.stringify(sha256.slice(0, 80))}`);
  return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}
