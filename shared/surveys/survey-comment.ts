/**
 * A customer's comment is shown on agents' timelines: control characters
 * (bar line breaks and tabs) are dropped so nothing invisible or
 * terminal-breaking reaches a screen or a CSV export. Pure.
 */
export function stripControlChars(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '');
}
