import type { VisitorLocale } from '../../shared/protocol/visitor';

/**
 * Lines the hub itself writes into a chat, in the visitor's language (the
 * agent reads both). The admin's own texts (greeting, max-wait message) come
 * from the widget as written.
 */
const LINES = {
  en: {
    joined: (agent: string) => `${agent} has joined the chat.`,
    transferred: () => 'You are being transferred to a colleague; please stay in the chat.',
    agentEnded: (agent: string) => `${agent} has ended the chat.`,
    visitorLeft: () => 'The visitor has left the chat.',
  },
  'zh-CN': {
    joined: (agent: string) => `${agent} 已加入对话。`,
    transferred: () => '正在为您转接其他客服，请勿离开。',
    agentEnded: (agent: string) => `${agent} 已结束对话。`,
    visitorLeft: () => '访客已离开对话。',
  },
} as const satisfies Record<VisitorLocale, Record<string, (agent: string) => string>>;

export const systemLines = (locale: VisitorLocale) => LINES[locale];
