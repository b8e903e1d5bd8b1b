import { describe, expect, it } from 'vitest';
import { isDangerousAttachment } from '../../../../hub/email/dangerous-attachment';

const file = (name: string, sniffedType = 'application/octet-stream', declaredType = 'application/octet-stream', head = '') => ({ name, declaredType, sniffedType, head });

describe('dangerous attachments', () => {
  it('flags programs, scripts and installers by any extension', () => {
    for (const name of ['setup.exe', 'run.bat', 'run.CMD', 'x.ps1', 'a.vbs', 'a.js', 'screen.scr', 'app.jar', 'pkg.msi', 'link.lnk', 'invoice.pdf.exe', 'invoice.exe.pdf', 'trailing.exe. ']) {
      expect(isDangerousAttachment(file(name)), name).toBe(true);
    }
  });

  it('flags office files that can carry macros', () => {
    for (const name of ['prices.xlsm', 'letter.docm', 'deck.pptm', 'old.doc', 'old.xls']) expect(isDangerousAttachment(file(name)), name).toBe(true);
    expect(isDangerousAttachment(file('report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'))).toBe(false);
  });

  it('believes the bytes: a program or OLE file under an innocent name is flagged', () => {
    expect(isDangerousAttachment(file('photo.jpg', 'application/x-msdownload'))).toBe(true);
    expect(isDangerousAttachment(file('scan.pdf', 'application/x-ole-storage'))).toBe(true);
  });

  it('flags HTML and SVG only when they carry script', () => {
    expect(isDangerousAttachment(file('page.html', 'text/html', 'text/html', '<p>hello</p>'))).toBe(false);
    expect(isDangerousAttachment(file('page.html', 'text/html', 'text/html', '<script>steal()</script>'))).toBe(true);
    expect(isDangerousAttachment(file('photo.png', 'text/html', 'image/png', '<img src=x onerror=alert(1)>'))).toBe(true);
    expect(isDangerousAttachment(file('logo.svg', 'image/svg+xml', 'image/svg+xml', '<svg><a href="javascript:alert(1)">x</a></svg>'))).toBe(true);
  });

  it('leaves ordinary documents and pictures alone', () => {
    for (const [name, type] of [['invoice.pdf', 'application/pdf'], ['photo.jpg', 'image/jpeg'], ['notes.txt', 'text/plain'], ['data.zip', 'application/zip']]) {
      expect(isDangerousAttachment(file(name as string, type as string, type as string)), name).toBe(false);
    }
  });
});
