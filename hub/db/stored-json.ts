/**
 * Reads what the hub itself wrote. Everything in the store was validated
 * against the shared schemas on the way in; re-validating every row of a
 * 600k-row initial pull on the way out would cost seconds for nothing, so bulk
 * reads trust the store. Single-row reads that drive decisions use zod instead.
 */
export function trustStored<T>(value: unknown): T {
  return value as T;
}

export function readStoredJson<T>(text: string): T {
  return trustStored<T>(JSON.parse(text));
}
