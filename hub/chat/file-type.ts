import type { ChatAttachmentType } from '../../shared/domain/chat';

/**
 * Whether a file's first bytes agree with the type it claims. A browser
 * trusts the declared type less than the bytes, so a page disguised as an
 * image must be refused here, not served.
 */
export function bytesMatchType(bytes: Buffer, type: ChatAttachmentType): boolean {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  switch (type) {
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'image/gif':
      return bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a';
    case 'image/webp':
      return bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
    case 'application/pdf':
      return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
    case 'text/plain':
      return isPlainText(bytes);
  }
}

/** Valid UTF-8 without NUL bytes (binaries nearly always have them). */
function isPlainText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

