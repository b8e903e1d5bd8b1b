import type { Message } from '../message';

/** Supervisor live view, agents table, wallboard and alerts. Keys start with `supervisor.`. */
export const supervisorEn = {
  'supervisor.title': 'Supervisor',
} as const satisfies Record<string, Message>;

export const supervisorZhCN = {
  'supervisor.title': '班长视图',
} as const satisfies { readonly [K in keyof typeof supervisorEn]: Message };
