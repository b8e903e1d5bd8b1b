import type { Response } from '../shared/protocol';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A hub answer's data; a refusal stops the benchmark, since its figures would mean nothing. */
export function unwrap<T>(response: Response<T>, what: string): T {
  if (!response.ok) throw new Error(`${what} refused: ${response.error.code} ${response.error.message}`);
  return response.data;
}

/** `fn` over every item, at most `limit` at once (setting up hundreds of agents without opening hundreds of requests together). */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
