import { bytesMatchType } from '../chat/file-type';

/** Carriers cap MMS near 1–5 MB; anything much larger is not a picture a customer sent. */
export const MMS_MAX_BYTES = 5 * 1024 * 1024;
export const MMS_FETCH_TIMEOUT_MS = 10_000;

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
export type MmsImageType = (typeof IMAGE_TYPES)[number];

/** The picture's type from its bytes; the provider's Content-Type is not trusted. */
export const sniffImage = (bytes: Buffer): MmsImageType | null => IMAGE_TYPES.find((type) => bytesMatchType(bytes, type)) ?? null;

export type FetchedMedia = { ok: true; bytes: Buffer; mimeType: MmsImageType } | { ok: false; reason: string };

/**
 * One MMS media URL: fetched with a time limit and a size limit (stopped as
 * soon as it passes), and kept only if its bytes are an image.
 */
export async function fetchMedia(url: string, headers: Record<string, string>, limits = { maxBytes: MMS_MAX_BYTES, timeoutMs: MMS_FETCH_TIMEOUT_MS }): Promise<FetchedMedia> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(limits.timeoutMs), redirect: 'follow' });
    if (!response.ok || !response.body) return { ok: false, reason: `HTTP ${response.status}` };
    if (Number(response.headers.get('content-length') ?? 0) > limits.maxBytes) {
      await response.body.cancel();
      return { ok: false, reason: `larger than ${limits.maxBytes} bytes` };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > limits.maxBytes) return { ok: false, reason: `larger than ${limits.maxBytes} bytes` };
      chunks.push(Buffer.from(chunk));
    }
    const bytes = Buffer.concat(chunks);
    const mimeType = sniffImage(bytes);
    return mimeType ? { ok: true, bytes, mimeType } : { ok: false, reason: 'not an image' };
  } catch (error) {
    return { ok: false, reason: error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'could not be fetched' };
  }
}
