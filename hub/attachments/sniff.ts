/**
 * What a file is, from its first bytes. The hub files and serves the type it
 * sniffed here, never the one the sender declared or the file's name: a page
 * dressed up as audio must not be served as anything a browser would run.
 * Email, SMS and chat attachments join this list when they move onto the store.
 */
export type SniffedType = 'audio/webm' | 'audio/ogg';

/** How far into a WebM file its EBML header's DocType must appear. */
const EBML_HEADER_SCAN = 64;

export function sniffType(bytes: Uint8Array): SniffedType | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  const starts = (...signature: number[]) => bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
  // Matroska/WebM: an EBML header whose DocType element (0x42 0x82) says "webm".
  if (starts(0x1a, 0x45, 0xdf, 0xa3)) {
    const head = bytes.subarray(0, EBML_HEADER_SCAN);
    const docType = indexOf(head, [0x42, 0x82]);
    if (docType < 0 || docType + 3 > head.length) return null;
    const length = (head[docType + 2] ?? 0) & 0x7f; // a one-byte EBML size: 0x80 | n
    return ascii(docType + 3, docType + 3 + length) === 'webm' ? 'audio/webm' : null;
  }
  // Ogg: a page header, and the first packet is Opus or Vorbis audio.
  if (ascii(0, 4) === 'OggS') {
    const first = ascii(28, 36);
    return first === 'OpusHead' || first.slice(1, 7) === 'vorbis' ? 'audio/ogg' : null;
  }
  return null;
}

function indexOf(haystack: Uint8Array, needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
