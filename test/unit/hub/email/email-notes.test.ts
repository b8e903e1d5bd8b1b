import { describe, expect, it } from 'vitest';
import { notes } from '../../../../hub/email/email-notes';

describe('notes the hub stores with a mail', () => {
  it('say each thing in English and in Chinese', () => {
    const written = [
      notes.unknownCharset('x-klingon'),
      notes.badBytes(),
      notes.missingBoundary('b1'),
      notes.unclosedPart('b1'),
      notes.htmlToText(),
      notes.cut('text', 10),
      notes.cut('html', 10),
      notes.cut('subject', 10),
      notes.tooManyRecipients(500),
      notes.tooManyAttachments(1200, 1000),
      notes.noMessageId(),
      notes.reusedMessageId('a@b'),
      notes.attachmentOverLimit('scan.pdf', 200, 100),
      notes.emptyAttachment('empty.bin'),
      notes.unreadable('Max header size exceeded'),
      notes.overMessageLimit(1024),
      notes.noMailbox(),
      notes.noSender(),
      notes.customerGone(),
    ];
    for (const note of written) {
      const [english, chinese] = note.split(' / ');
      expect(english, note).not.toMatch(/\p{Script=Han}/u);
      expect(english, note).toMatch(/[a-z]{3}/);
      expect(chinese, note).toMatch(/\p{Script=Han}/u);
    }
    expect(notes.attachmentOverLimit('scan.pdf', 200, 100)).toContain('scan.pdf');
  });
});
