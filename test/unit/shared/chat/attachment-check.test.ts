import { describe, expect, it } from 'vitest';
import { CHAT_ATTACHMENT_MAX_BYTES } from '../../../../shared/domain/chat';
import { checkAttachment } from '../../../../shared/chat/attachment-check';

describe('checking a file before it is uploaded', () => {
  it('accepts pictures, PDFs and text up to the limit', () => {
    expect(checkAttachment({ name: 'receipt.png', size: 2_048, type: 'image/png' })).toEqual({ ok: true, mimeType: 'image/png' });
    expect(checkAttachment({ name: 'order.pdf', size: CHAT_ATTACHMENT_MAX_BYTES, type: 'application/pdf' })).toEqual({ ok: true, mimeType: 'application/pdf' });
    expect(checkAttachment({ name: 'note.txt', size: 10, type: 'text/plain;charset=utf-8' })).toEqual({ ok: true, mimeType: 'text/plain' });
  });

  it('falls back to the extension when the browser does not name the type', () => {
    expect(checkAttachment({ name: 'IMG_0042.JPG', size: 10, type: '' })).toEqual({ ok: true, mimeType: 'image/jpeg' });
    expect(checkAttachment({ name: 'noextension', size: 10, type: '' })).toEqual({ ok: false, reason: 'unsupported-type' });
  });

  it('refuses a file one byte over the limit', () => {
    expect(checkAttachment({ name: 'big.jpg', size: CHAT_ATTACHMENT_MAX_BYTES + 1, type: 'image/jpeg' })).toEqual({ ok: false, reason: 'too-large' });
  });

  it('refuses types outside the list, whatever the file is called', () => {
    for (const file of [
      { name: 'page.html', size: 10, type: 'text/html' },
      { name: 'icon.svg', size: 10, type: 'image/svg+xml' },
      { name: 'setup.exe', size: 10, type: 'application/x-msdownload' },
      { name: 'photo.png', size: 10, type: 'text/html' },
      { name: 'clip.mp4', size: 10, type: 'video/mp4' },
    ]) {
      expect(checkAttachment(file), file.name).toEqual({ ok: false, reason: 'unsupported-type' });
    }
  });

  it('refuses an empty file', () => {
    expect(checkAttachment({ name: 'empty.txt', size: 0, type: 'text/plain' })).toEqual({ ok: false, reason: 'empty' });
  });
});
