import { describe, expect, it } from 'vitest';
import { olderThan, QUARANTINE_PAGE, quarantineFileName, withPage } from '../../../../../renderer/features/admin/quarantine-page';
import type { QuarantinedEmail } from '../../../../../shared/protocol/email';

const mail = (n: number): QuarantinedEmail => ({
  id: `01HQ${String(n).padStart(22, '0')}`,
  receivedAt: 1_700_000_000_000 - n * 1000,
  source: 'smtp',
  from: '',
  subject: `mail ${n}`,
  reason: 'It has no readable sender address to answer. / 没有可回复的发件人地址。',
  size: 100 + n,
  rawAttachmentId: `01HR${String(n).padStart(22, '0')}`,
});
const page = (from: number, count: number) => Array.from({ length: count }, (_, i) => mail(from + i));

describe('quarantine pages', () => {
  it('replaces the list with the newest page and says whether older ones may follow', () => {
    const shown = page(0, 3);
    expect(withPage(shown, page(10, QUARANTINE_PAGE), undefined)).toEqual({ items: page(10, QUARANTINE_PAGE), more: true });
    expect(withPage(shown, page(10, 2), undefined)).toEqual({ items: page(10, 2), more: false });
  });

  it('puts an older page after what is shown, and pages on from the oldest shown', () => {
    const first = page(0, QUARANTINE_PAGE);
    const before = olderThan(first);
    expect(before).toBe(mail(QUARANTINE_PAGE - 1).receivedAt);
    const next = withPage(first, page(QUARANTINE_PAGE, 1), before ?? undefined);
    expect(next.items.map((item) => item.subject)).toEqual(page(0, QUARANTINE_PAGE + 1).map((item) => item.subject));
    expect(next.more).toBe(false);
    expect(olderThan([])).toBeNull();
  });

  it('names the download after the mail, as an .eml', () => {
    expect(quarantineFileName(mail(7))).toBe(`quarantined-${mail(7).id}.eml`);
  });
});
