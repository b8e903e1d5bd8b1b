import type { Complaint } from '../../shared/complaints/complaint';
import { type ComplaintTemplates, complaintNumberOf } from '../../shared/protocol/complaints';

/**
 * The message a customer receives when their complaint is acknowledged or
 * resolved, from the admin's template in their language. Pure.
 */

export type NoticeLanguage = 'en' | 'zh';
export type NoticeKind = keyof ComplaintTemplates;
export type Notice = { subject: string; body: string; language: NoticeLanguage };

/** Han characters (CJK ideographs): a name written in them is read as a Chinese-speaking customer. */
const HAN = /\p{Script=Han}/u;

/**
 * The customer's language: the one their open chat was started in, else
 * Chinese when their name is written in Chinese characters, else English.
 * The customer record keeps no language of its own.
 */
export function noticeLanguage(customerName: string, chatLocale: string | null): NoticeLanguage {
  if (chatLocale !== null) return chatLocale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  return HAN.test(customerName) ? 'zh' : 'en';
}

const fill = (text: string, values: Record<string, string>): string => text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

export function renderNotice(templates: ComplaintTemplates, kind: NoticeKind, language: NoticeLanguage, complaint: Complaint, customerName: string): Notice {
  const template = templates[kind][language];
  const values = { customerName, complaintNumber: complaintNumberOf(complaint.id), resolution: complaint.resolution?.note ?? '' };
  return { subject: fill(template.subject, values), body: fill(template.body, values), language };
}

/** Which ways to try, in order: back the way the complaint came, and for a chat that has ended, by email then SMS. */
export function noticeRoutes(channel: Complaint['channel']): readonly NoticeRoute[] {
  switch (channel) {
    case 'chat':
      return ['chat', 'email', 'sms'];
    case 'sms':
      return ['sms', 'email'];
    default:
      return ['email', 'sms'];
  }
}
export type NoticeRoute = 'chat' | 'email' | 'sms';
