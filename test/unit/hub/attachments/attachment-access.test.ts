import { describe, expect, it } from 'vitest';
import { mayDownload, mayUpload } from '../../../../hub/attachments/attachment-access';
import { isPreviewable, previewKind } from '../../../../shared/protocol/attachments';

describe('who may open a stored file', () => {
  it('lets everyone who reads timelines open contact files', () => {
    for (const kind of ['email', 'chat', 'sms', 'upload']) {
      for (const role of ['agent', 'supervisor', 'admin'] as const) expect(mayDownload(role, kind)).toEqual({ ok: true });
    }
  });

  it('keeps quarantined mail to administrators, and recordings and unknown kinds off this route', () => {
    expect(mayDownload('admin', 'email-raw')).toEqual({ ok: true });
    expect(mayDownload('supervisor', 'email-raw').ok).toBe(false);
    expect(mayDownload('agent', 'email-raw').ok).toBe(false);
    expect(mayDownload('supervisor', 'recording').ok).toBe(false);
    expect(mayDownload('admin', 'something-new').ok).toBe(false);
  });

  it('lets agents and supervisors upload, not administrators', () => {
    expect(mayUpload('agent').ok).toBe(true);
    expect(mayUpload('supervisor').ok).toBe(true);
    expect(mayUpload('admin').ok).toBe(false);
  });
});

describe('what previews inline', () => {
  it('shows pictures, sound and film; never SVG (it can hold script), HTML or documents', () => {
    expect(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'audio/ogg', 'audio/mpeg', 'video/mp4'].map(previewKind)).toEqual([
      'image',
      'image',
      'image',
      'image',
      'audio',
      'audio',
      'video',
    ]);
    for (const type of ['image/svg+xml', 'text/html', 'application/pdf', 'text/plain', 'application/octet-stream']) {
      expect(isPreviewable(type)).toBe(false);
      expect(previewKind(type)).toBe('file');
    }
  });
});
