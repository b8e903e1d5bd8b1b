import iconv from 'iconv-lite';

/**
 * Bytes of an uploaded order file → text. Excel on a Chinese Windows saves
 * "CSV" in the ANSI code page (GBK), Excel's "CSV UTF-8" and most systems save
 * UTF-8, often with a byte-order mark. Nobody picks the encoding in the upload
 * dialog, so it is detected: a BOM decides; otherwise bytes that are valid
 * UTF-8 are UTF-8, and anything else is read as GB18030 (a superset of GBK and
 * GB2312, so every GBK file decodes the same). Random GBK Chinese is almost
 * never valid UTF-8, and ASCII is the same in both, so the guess is safe.
 *
 * Kept apart from the CSV parser so the parser stays pure text. iconv-lite
 * uses Buffer: this file runs in the hub, the parser runs anywhere.
 */

export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export type DecodeErrorCode = 'undecodable';

export class CsvDecodeError extends Error {
  readonly code: DecodeErrorCode;
  constructor(code: DecodeErrorCode, message: string) {
    super(message);
    this.name = 'CsvDecodeError';
    this.code = code;
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function bomOf(bytes: Uint8Array): { encoding: CsvEncoding; length: number } | null {
  if (bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2]) return { encoding: 'utf-8', length: 3 };
  // Excel's "Unicode text" export is UTF-16 with a BOM.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * Whether `bytes[from..]` is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing past U+10FFFF). `allowTruncatedEnd`: a sequence cut off by the end
 * of a chunk counts as fine, since the next chunk may complete it.
 */
export function isValidUtf8(bytes: Uint8Array, from = 0, allowTruncatedEnd = false): boolean {
  let i = from;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // past U+10FFFF
    } else return false;
    for (let k = 1; k <= need; k += 1) {
      if (i + k >= n) return allowTruncatedEnd;
      const c = bytes[i + k] ?? 0;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}

/** Whole UTF-8 characters of two bytes or more from `bytes[from..]` up to the first byte that is not UTF-8. */
function utf8CharactersBeforeInvalid(bytes: Uint8Array, from: number): number {
  let characters = 0;
  for (let i = from; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || !isValidUtf8(bytes.subarray(i, i + length))) return characters;
    if (length > 1) characters += 1;
    i += length;
  }
  return characters;
}

/**
 * A file whose first non-ASCII characters are several UTF-8 ones, and which
 * later holds bytes UTF-8 cannot read, was pasted together from two
 * encodings: read as GB18030 its UTF-8 part would turn into other Chinese
 * characters without a word (GBK text reads as a run of valid UTF-8 only by
 * rare chance, one character in ten, so four in a row is not GBK).
 */
const MIXED_AFTER_UTF8_CHARACTERS = 4;

function refuseMixed(bytes: Uint8Array, from: number): void {
  if (utf8CharactersBeforeInvalid(bytes, from) >= MIXED_AFTER_UTF8_CHARACTERS) {
    throw new CsvDecodeError('undecodable', 'The file starts as UTF-8 and then turns into another encoding (two files pasted together?). Save the file as "CSV UTF-8".');
  }
}

/** The file's encoding; throws 'undecodable' for a file that starts as UTF-8 and turns into another encoding. */
export function detectEncoding(bytes: Uint8Array): CsvEncoding {
  const bom = bomOf(bytes);
  if (bom) return bom.encoding;
  if (isValidUtf8(bytes)) return 'utf-8';
  refuseMixed(bytes, 0);
  return 'gb18030';
}

export interface DecodedCsv {
  encoding: CsvEncoding;
  text: string;
}

/**
 * Decodes a whole file. The BOM is dropped. A GB18030 file with bytes that map
 * to nothing (a binary file, a truncated upload) is refused rather than
 * imported with U+FFFD in customer numbers.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  const encoding = detectEncoding(bytes);
  const text = iconv.decode(bytes, encoding, { stripBOM: true });
  if (encoding === 'gb18030') {
    const bad = text.indexOf('\uFFFD');
    if (bad >= 0) {
      throw new CsvDecodeError('undecodable', `Neither UTF-8 nor GBK/GB18030: undecodable bytes near character ${bad}. Save the file as "CSV UTF-8".`);
    }
  }
  return { encoding, text };
}

/** Bytes after the first non-ASCII byte that decide between UTF-8 and GB18030 in a stream. */
export const DETECTION_WINDOW_BYTES = 4096;

const isAscii = (byte: number): boolean => byte < 0x80;

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Chunked decoding for big uploads, the text fed straight to OrderImport.
 * ASCII reads the same in every candidate encoding, so the choice waits for a
 * BOM or the first non-ASCII byte plus DETECTION_WINDOW_BYTES after it (or the
 * end of the file), then holds for the rest. A UTF-8 file that turns invalid
 * later, or GB18030 bytes that map to nothing, stop with 'undecodable'
 * rather than import replacement characters.
 */
export class CsvByteDecoder {
  private chosen: CsvEncoding | null = null;
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private bytesIn = 0;
  private utf8: TextDecoder | null = null;
  private other: iconv.DecoderStream | null = null;

  get encoding(): CsvEncoding | null {
    return this.chosen;
  }

  push(chunk: Uint8Array): string {
    this.bytesIn += chunk.length;
    if (this.chosen !== null) return this.decode(chunk, false);
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    return this.tryToChoose(false);
  }

  end(): string {
    const text = this.chosen === null ? this.tryToChoose(true) : '';
    return text + this.decode(new Uint8Array(), true);
  }

  private tryToChoose(ending: boolean): string {
    const bytes = concat(this.held, this.heldBytes);
    // A BOM only counts at the very start of the file, before any ASCII went out.
    const atStart = this.bytesIn === bytes.length;
    if (atStart && bytes.length < 3 && !ending) return ''; // a BOM may still be arriving
    let encoding = atStart ? (bomOf(bytes)?.encoding ?? null) : null;
    if (encoding === null) {
      const firstHigh = bytes.findIndex((byte) => !isAscii(byte));
      if (firstHigh < 0 && !ending) {
        // All ASCII so far: any decoder gives the same text, UTF-8 only finishes the choice later.
        this.held = [];
        this.heldBytes = 0;
        return asciiText(bytes);
      }
      if (firstHigh >= 0 && bytes.length - firstHigh < DETECTION_WINDOW_BYTES && !ending) return '';
      encoding = firstHigh < 0 || isValidUtf8(bytes, firstHigh, !ending) ? 'utf-8' : 'gb18030';
      if (encoding === 'gb18030') refuseMixed(bytes, firstHigh);
    }
    this.chosen = encoding;
    this.held = [];
    this.heldBytes = 0;
    return this.decode(bytes, ending);
  }

  private decode(bytes: Uint8Array, ending: boolean): string {
    if (this.chosen === 'utf-8') {
      this.utf8 ??= new TextDecoder('utf-8', { fatal: true });
      try {
        return this.utf8.decode(bytes, { stream: !ending });
      } catch {
        throw new CsvDecodeError('undecodable', `Not valid UTF-8 within the first ${this.bytesIn} bytes, though it started as UTF-8: mixed encodings? Save the file as "CSV UTF-8".`);
      }
    }
    this.other ??= iconv.getDecoder(this.chosen ?? 'utf-8', { stripBOM: true });
    // Typed for Buffer, but iconv-lite's decoders only index the bytes, so a Uint8Array reads the same.
    const text = (bytes.length > 0 ? this.other.write(bytes as Parameters<iconv.DecoderStream['write']>[0]) : '') + (ending ? (this.other.end() ?? '') : '');
    if (text.includes('\uFFFD')) {
      throw new CsvDecodeError('undecodable', `Neither UTF-8 nor GBK/GB18030 within the first ${this.bytesIn} bytes. Save the file as "CSV UTF-8".`);
    }
    return text;
  }
}

/** String.fromCharCode(...bytes) overflows the argument stack on a big chunk; go in slices. */
function asciiText(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}
