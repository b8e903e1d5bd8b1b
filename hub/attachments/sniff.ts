/**
 * What a file is, from its first bytes. The hub files and serves the type it
 * sniffed here, never the one the sender declared or the file's name: a page
 * dressed up as a picture or as audio must not be served as anything a
 * browser would run. Recordings, email, SMS and desk uploads all use it.
 */
export type SniffedType = 'audio/webm' | 'audio/ogg';

/** How far into a WebM file its EBML header's DocType must appear. */
const EBML_HEADER_SCAN = 64;

/** A recording's type: WebM or Ogg audio, else null (a recording must be one of them). */
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

/**
 * A contact file's type from its first bytes (email, SMS, desk uploads): the
 * sender's label and file name are not believed. Unknown binaries are `application/octet-stream`,
 * which no browser runs. Zip containers keep an OOXML/ODF label they came with
 * (a .docx is a zip), since that is still only a zip to a browser.
 */
export function sniffAttachmentType(bytes: Uint8Array, declaredType: string): string {
  const starts = (...signature: number[]) => bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(0, 2) === 'BM' && bytes.length > 14) return 'image/bmp';
  if (ascii(0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(4, 8) === 'ftyp') return 'video/mp4';
  if (ascii(0, 3) === 'ID3') return 'audio/mpeg';
  if (starts(0x4d, 0x5a)) return 'application/x-msdownload';
  if (starts(0x7f, 0x45, 0x4c, 0x46)) return 'application/x-executable';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'application/x-ole-storage';
  if (starts(0x1f, 0x8b)) return 'application/gzip';
  if (starts(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c)) return 'application/x-7z-compressed';
  if (ascii(0, 4) === 'Rar!') return 'application/vnd.rar';
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) {
    return /^application\/(vnd\.openxmlformats-|vnd\.oasis\.opendocument\.|vnd\.ms-[a-z]+\.[a-z.]*macroenabled)/i.test(declaredType)
      ? declaredType.toLowerCase()
      : 'application/zip';
  }
  const audio = sniffType(bytes);
  if (audio) return audio;
  const text = textOf(bytes);
  if (text === null) return 'application/octet-stream';
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || /^<(head|body|script|iframe)\b/.test(start)) return 'text/html';
  if (start.startsWith('<svg') || (start.startsWith('<?xml') && start.includes('<svg'))) return 'image/svg+xml';
  return 'text/plain';
}

/** How much of a file is read to tell text from binary. */
const TEXT_PROBE_BYTES = 4096;

/** The file's start as text when it looks like text (no NUL bytes, UTF-8 or a legacy 8-bit/CJK encoding); null for binaries. */
export function textOf(bytes: Uint8Array): string | null {
  const probe = bytes.subarray(0, TEXT_PROBE_BYTES);
  if (probe.length === 0 || probe.includes(0)) return null;
  const controls = probe.filter((byte) => byte < 0x09 || (byte > 0x0d && byte < 0x20)).length;
  if (controls > probe.length / 100) return null;
  return Buffer.from(probe).toString('latin1');
}

function indexOf(haystack: Uint8Array, needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
