import type { Message } from '../message';

/** Historical reports and their CSV export. Keys start with `reports.`. */
export const reportsEn = {
  'reports.title': 'Reports',
} as const satisfies Record<string, Message>;

export const reportsZhCN = {
  'reports.title': '报表',
} as const satisfies { readonly [K in keyof typeof reportsEn]: Message };
