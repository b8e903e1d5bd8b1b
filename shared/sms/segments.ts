/**
 * How a text message travels: in the GSM 03.38 7-bit alphabet when every
 * character is in it (160 characters in one SMS), else as UCS-2 (70), which is
 * what any Chinese text needs. A longer message is split into parts that each
 * carry a 6-byte header, so a part holds 153 GSM-7 or 67 UCS-2 units. The
 * composer shows this live because the customer's carrier bills per part.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export type SmsSegments = {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or 16-bit code units (UCS-2) the text takes. */
  units: number;
  /** How many SMS the customer receives; 0 for an empty text. */
  segments: number;
  /** Units one part holds at this length: 160/70 for a single SMS, 153/67 once split. */
  perSegment: number;
  /** Units left in the last part before another part starts. */
  remaining: number;
};

/** GSM 03.38 basic alphabet (the escape code 0x1B left out: nobody types it). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: each is sent as ESC + a character, so it takes two septets. */
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

export const SMS_LIMITS = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
} as const satisfies Record<SmsEncoding, { single: number; part: number }>;

/** GSM-7 when every character is in the basic or extension table, else UCS-2. */
export function smsEncoding(text: string): SmsEncoding {
  for (const char of text) if (!GSM_BASIC.has(char) && !GSM_EXTENSION.has(char)) return 'UCS-2';
  return 'GSM-7';
}

/** The units each character takes; a pair (escape + char, or a surrogate pair) is never split across parts. */
function unitCosts(text: string, encoding: SmsEncoding): number[] {
  // Iterating a string yields code points, so an emoji (two UTF-16 units) is one entry costing two.
  return Array.from(text, (char) => (encoding === 'GSM-7' ? (GSM_EXTENSION.has(char) ? 2 : 1) : char.length));
}

export function smsSegments(text: string): SmsSegments {
  const encoding = smsEncoding(text);
  const limits = SMS_LIMITS[encoding];
  const costs = unitCosts(text, encoding);
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  if (units <= limits.single) {
    return { encoding, units, segments: units === 0 ? 0 : 1, perSegment: limits.single, remaining: limits.single - units };
  }
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > limits.part) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments, perSegment: limits.part, remaining: limits.part - used };
}
