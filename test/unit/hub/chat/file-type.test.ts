import { describe, expect, it } from 'vitest';
import { cleanFileName } from '../../../../hub/chat/chat-http';
import { bytesMatchType } from '../../../../hub/chat/file-type';

describe('chat file checks', () => {
  it('accepts files whose bytes match their declared type', () => {
    expect(bytesMatchType(Buffer.from('89504e470d0a1a0a00', 'hex'), 'image/png')).toBe(true);
    expect(bytesMatchType(Buffer.from('ffd8ffe000', 'hex'), 'image/jpeg')).toBe(true);
    expect(bytesMatchType(Buffer.from('GIF89a...'), 'image/gif')).toBe(true);
    expect(bytesMatchType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '), 'image/webp')).toBe(true);
    expect(bytesMatchType(Buffer.from('%PDF-1.7'), 'application/pdf')).toBe(true);
    expect(bytesMatchType(Buffer.from('订单 12345\n'), 'text/plain')).toBe(true);
  });

  it('refuses disguised files', () => {
    expect(bytesMatchType(Buffer.from('<html><script>alert(1)</script>'), 'image/png')).toBe(false);
    expect(bytesMatchType(Buffer.from('MZ\x90\x00'), 'application/pdf')).toBe(false);
    expect(bytesMatchType(Buffer.from([0x41, 0x00, 0x42]), 'text/plain')).toBe(false);
    expect(bytesMatchType(Buffer.from([0xc3, 0x28]), 'text/plain')).toBe(false);
  });

  it('keeps only the base name of an upload, without control characters', () => {
    expect(cleanFileName(encodeURIComponent('../../etc/passwd'))).toBe('passwd');
    expect(cleanFileName(encodeURIComponent('C:\\Users\\me\\发票.pdf'))).toBe('发票.pdf');
    expect(cleanFileName('a%0d%0aSet-Cookie.txt')).toBe('aSet-Cookie.txt');
    expect(cleanFileName('%E0%A4%A')).toBe('%E0%A4%A');
    expect(cleanFileName(undefined)).toBe('file');
  });
});
