import { describe, expect, it } from 'vitest';
import { cleanFileName } from '../../../../hub/chat/chat-http';

describe('uploaded file names', () => {
  it('decode the header and keep the name a person gave', () => {
    expect(cleanFileName(encodeURIComponent('照片 photo.png'))).toBe('照片 photo.png');
  });

  it('drop directories and control characters, and never come out empty', () => {
    expect(cleanFileName(encodeURIComponent('../../etc/passwd'))).toBe('passwd');
    expect(cleanFileName(encodeURIComponent('C:\\Users\\me\\report.pdf'))).toBe('report.pdf');
    expect(cleanFileName(encodeURIComponent('bad\r\nname.txt'))).toBe('badname.txt');
    expect(cleanFileName(undefined)).toBe('file');
    expect(cleanFileName(encodeURIComponent('dir/'))).toBe('file');
    expect(cleanFileName('%E0%A4%A')).toBe('%E0%A4%A');
    expect(cleanFileName('x'.repeat(300))).toHaveLength(255);
  });
});
