import type { DialLink } from '../shared/protocol/desktop.js';
import { parseDialLink } from '../shared/phone/dial-link.js';

export { MAX_DIAL_LINK_LENGTH, parseDialLink } from '../shared/phone/dial-link.js';

/** The first dial link among command-line arguments (Windows/Linux hand links over this way). */
export function findDialLinkInArgv(argv: readonly string[]): DialLink | null {
  for (const arg of argv) {
    if (!/^(tel|sip):/i.test(arg)) continue;
    const link = parseDialLink(arg);
    if (link) return link;
  }
  return null;
}
