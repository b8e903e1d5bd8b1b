import { describe, expect, it } from 'vitest';
import { sniffAttachmentType } from '../../../../hub/attachments/sniff';
import { TINY_PDF, TINY_PNG } from '../../../fixtures/email/compose';

describe('email attachment types come from the bytes', () => {
  it('recognises common files whatever they are labelled', () => {
    expect(sniffAttachmentType(TINY_PNG, 'application/pdf')).toBe('image/png');
    expect(sniffAttachmentType(TINY_PDF, 'image/jpeg')).toBe('application/pdf');
    expect(sniffAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'text/plain')).toBe('image/jpeg');
    expect(sniffAttachmentType(Buffer.from('MZ\x90\x00\x03', 'latin1'), 'application/pdf')).toBe('application/x-msdownload');
    expect(sniffAttachmentType(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'application/msword')).toBe('application/x-ole-storage');
  });

  it('keeps an OOXML label on a zip and calls any other zip a zip', () => {
    const zip = Buffer.from('PK\x03\x04rest', 'latin1');
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(sniffAttachmentType(zip, docx)).toBe(docx);
    expect(sniffAttachmentType(zip, 'image/png')).toBe('application/zip');
  });

  it('tells text, HTML and SVG apart, and calls unknown binaries octet-stream', () => {
    expect(sniffAttachmentType(Buffer.from('plain words\n'), 'image/png')).toBe('text/plain');
    expect(sniffAttachmentType(Buffer.from('  <!DOCTYPE html><html></html>'), 'image/png')).toBe('text/html');
    expect(sniffAttachmentType(Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/png')).toBe('image/svg+xml');
    expect(sniffAttachmentType(Buffer.from([0, 1, 2, 3, 200, 201]), 'text/plain')).toBe('application/octet-stream');
    expect(sniffAttachmentType(Buffer.alloc(0), 'application/pdf')).toBe('application/octet-stream');
  });
});
