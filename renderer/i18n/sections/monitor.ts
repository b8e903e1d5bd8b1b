import type { Message } from '../message';

/** Monitor, whisper and barge: the supervisor's controls and the agent's indicator. Keys start with `monitor.`. */
export const monitorEn = {
  'monitor.title': 'Monitor',
} as const satisfies Record<string, Message>;

export const monitorZhCN = {
  'monitor.title': '监听',
} as const satisfies { readonly [K in keyof typeof monitorEn]: Message };
