import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../../../hub/email/safe-file-name';

describe('safeFileName', () => {
  it('keeps only the last path segment, Unix or Windows', () => {
    expect(safeFileName('../../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..\\..\\Windows\\System32\\evil.dll')).toBe('evil.dll');
    expect(safeFileName('C:\\boot.ini')).toBe('boot.ini');
    expect(safeFileName('/var/lib/switchboard/owned.pdf')).toBe('owned.pdf');
  });

  it('drops bidi and control characters, so a name shows what it is', () => {
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('photo\u2066\u200F.png\u2069.scr')).toBe('photo.png.scr');
    expect(safeFileName('line\r\nbreak\u0000nul.txt')).toBe('linebreaknul.txt');
  });

  it('replaces what Windows refuses in a name and strips leading dots', () => {
    expect(safeFileName('a<b>c:d"e|f?g*.txt')).toBe('a_b_c_d_e_f_g_.txt');
    expect(safeFileName('.hidden')).toBe('hidden');
  });

  it('answers null when nothing usable is left', () => {
    for (const raw of ['', '..', '../', '\u202E', ' . ']) expect(safeFileName(raw)).toBeNull();
  });

  it('cuts a long name to 255 UTF-16 units, keeping the extension and whole characters', () => {
    const long = safeFileName(`${'long'.repeat(300)}.txt`);
    expect(long).toHaveLength(255);
    expect(long?.endsWith('.txt')).toBe(true);
    const astral = safeFileName(`${'😀'.repeat(200)}.pdf`) ?? '';
    expect(astral.length).toBeLessThanOrEqual(255);
    expect(astral.endsWith('😀.pdf')).toBe(true);
    expect(safeFileName('客户订单.pdf')).toBe('客户订单.pdf');
  });
});
