import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../../shared/complaints/complaint';
import { DEFAULT_COMPLAINT_SETTINGS } from '../../../../shared/complaints/settings-defaults';
import { noticeLanguage, noticeRoutes, renderNotice } from '../../../../hub/complaints/customer-notice';

const complaint: Complaint = {
  id: '01JCOMPLAINT0000000ABCDEFG',
  customerId: '01JCUSTOMER00000000000000A',
  channel: 'chat',
  category: 'billing',
  subCategory: 'billing.double-charge',
  severity: 'medium',
  description: 'Charged twice',
  customerRequest: 'Refund one',
  linkedInteractionIds: [],
  orderRefs: [],
  ownerId: null,
  teamId: null,
  status: 'resolved',
  openedAt: 1,
  acknowledgedAt: 2,
  resolution: { note: 'Refunded ¥30.', rootCause: 'system-error', compensation: { loyaltyPoints: 0, couponCode: null, refundNote: null }, resolvedBy: 'u', resolvedAt: 3 },
  closedAt: null,
  reopenCount: 0,
  pauses: [],
  updatedAt: 3,
};

describe('the customer’s language', () => {
  it('follows the open chat’s locale first', () => {
    expect(noticeLanguage('王芳', 'en')).toBe('en');
    expect(noticeLanguage('Mary', 'zh-CN')).toBe('zh');
  });
  it('otherwise reads a name in Chinese characters as Chinese', () => {
    expect(noticeLanguage('王芳', null)).toBe('zh');
    expect(noticeLanguage('Wang Fang', null)).toBe('en');
    expect(noticeLanguage('', null)).toBe('en');
  });
});

describe('rendering a notice', () => {
  it('fills the customer’s name, the complaint number and the resolution note', () => {
    const notice = renderNotice(DEFAULT_COMPLAINT_SETTINGS.templates, 'resolve', 'en', complaint, 'Mary Lee');
    expect(notice.subject).toBe('Your complaint CP-0ABCDEFG is resolved');
    expect(notice.body).toContain('Dear Mary Lee');
    expect(notice.body).toContain('Refunded ¥30.');
    expect(notice.body).not.toMatch(/\{\w+\}/);
  });
  it('renders the Chinese template and leaves an unknown placeholder as written', () => {
    const templates = { ...DEFAULT_COMPLAINT_SETTINGS.templates, acknowledge: { ...DEFAULT_COMPLAINT_SETTINGS.templates.acknowledge, zh: { subject: '{complaintNumber}', body: '{customerName} {unknown}' } } };
    const notice = renderNotice(templates, 'acknowledge', 'zh', complaint, '王芳');
    expect(notice).toEqual({ subject: 'CP-0ABCDEFG', body: '王芳 {unknown}', language: 'zh' });
  });
});

describe('the ways a notice is tried', () => {
  it('goes back the way the complaint came, then falls back', () => {
    expect(noticeRoutes('chat')).toEqual(['chat', 'email', 'sms']);
    expect(noticeRoutes('email')).toEqual(['email', 'sms']);
    expect(noticeRoutes('sms')).toEqual(['sms', 'email']);
    expect(noticeRoutes('call')).toEqual(['email', 'sms']);
    expect(noticeRoutes('profile')).toEqual(['email', 'sms']);
  });
});
