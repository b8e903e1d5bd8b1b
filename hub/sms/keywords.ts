/**
 * Carrier-mandated keywords: a customer who texts one of these must get no
 * more texts until they text an opt-in word. Matched on the whole message,
 * ignoring case, spaces and trailing punctuation ("Stop." and " 退订 " count;
 * "please stop calling" does not — an agent reads that one).
 */
const OPT_OUT = new Set(['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', '取消', '退订']);
const OPT_IN = new Set(['start', 'unstop', '订阅']);

export type SmsKeyword = 'opt-out' | 'opt-in' | null;

export function smsKeyword(text: string): SmsKeyword {
  const word = text
    .trim()
    .replace(/[\s.!。！]+$/u, '')
    .toLowerCase();
  if (OPT_OUT.has(word)) return 'opt-out';
  if (OPT_IN.has(word)) return 'opt-in';
  return null;
}
