import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { EMAIL_BODY_MAX, EMAIL_SUBJECT_MAX, type EmailAddress, type EmailAutoKind } from '../../shared/domain/email';
import { autoKindOf, type MailHeaders } from './auto-kind';
import { notes } from './email-notes';
import { safeFileName } from './safe-file-name';

/** The most files one mail may bring; the rest are noted as not kept. */
export const MAX_ATTACHMENTS = 1000;
/** MIME parts mailparser will walk: every attachment plus the bodies and their containers. */
const MAX_MIME_PARTS = MAX_ATTACHMENTS + 100;
/** One part's header block; larger is not a mail a person sent. */
const MAX_HEAD_BYTES = 256 * 1024;
const MAX_RECIPIENTS = 500;
const MAX_REFERENCES = 100;

export type ParsedAttachment = {
  name: string;
  declaredType: string;
  /** Without angle brackets, for an inline part the HTML refers to as `cid:…`. */
  cid: string | null;
  bytes: Buffer;
};

/** A mail as the hub files it: what could be read, and a note for each thing that could not. */
export type ParsedEmail = {
  /** Without angle brackets; made from the mail's hash when it had none, so a redelivery is still recognised. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  from: EmailAddress | null;
  to: EmailAddress[];
  cc: EmailAddress[];
  subject: string;
  text: string;
  html: string | null;
  attachments: ParsedAttachment[];
  autoKind: EmailAutoKind;
  /** A bounce: the Message-ID of the mail that could not be delivered, when the report names it. */
  bouncedMessageId: string | null;
  problems: string[];
};

/** Why a mail cannot be filed at all: it goes to quarantine with this reason. */
export class UnreadableEmail extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnreadableEmail';
  }
}

const unbracket = (id: string): string => id.trim().replace(/^<+/, '').replace(/>+$/, '').trim();

/** A Message-ID the hub can key on: RFC 5322 allows no control characters in one, and Postgres cannot store a NUL in text at all. */
const usableId = (id: string): boolean => id !== '' && id.length <= 998 && !/\p{Cc}/u.test(id);

/** Header text kept for people to read (names, the subject) loses its NULs, which no store column can hold. */
const withoutNul = (text: string): string => text.replaceAll('\0', '');

/** Every address of one or more address headers, flattened (groups included), capped. */
function addressesOf(header: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const out: EmailAddress[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else if (entry.address) out.push({ address: entry.address.trim().toLowerCase().slice(0, 320), name: withoutNul(entry.name ?? '').slice(0, 200) });
    }
  };
  for (const object of objects) walk(object.value);
  return out;
}

/** Header lines as a name → raw value map (the first of each name), for the auto-reply checks. */
function headerMap(mail: ParsedMail): MailHeaders {
  const map = new Map<string, string>();
  for (const { key, line } of mail.headerLines) {
    if (map.has(key)) continue;
    const colon = line.indexOf(':');
    map.set(key, colon < 0 ? '' : line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
  }
  return map;
}

/** Charset labels in the mail's MIME headers that no decoder knows. */
function unknownCharsets(raw: Buffer): string[] {
  const labels = new Set<string>();
  const text = raw.subarray(0, 4 * 1024 * 1024).toString('latin1');
  for (const match of text.matchAll(/charset\s*=\s*"?([A-Za-z0-9._:+-]{1,40})/gi)) labels.add((match[1] ?? '').toLowerCase());
  for (const match of text.matchAll(/=\?([A-Za-z0-9._:+-]{1,40})(\*[A-Za-z-]+)?\?[BbQq]\?/g)) labels.add((match[1] ?? '').toLowerCase());
  return [...labels].filter((label) => label !== '' && !iconv.encodingExists(label));
}

/** The multipart boundaries the mail's headers declare. */
function declaredBoundaries(text: string): string[] {
  const declared = new Set<string>();
  for (const match of text.matchAll(/boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/gi)) declared.add(match[1] ?? match[2] ?? '');
  declared.delete('');
  return [...declared];
}

/**
 * Boundaries that never appear in the body (the body could not be split into
 * its parts), and boundaries that open parts but are never closed with
 * `--boundary--` (the mail was cut short somewhere).
 */
function brokenBoundaries(raw: Buffer): { missing: string[]; unclosed: string[] } {
  const text = raw.toString('latin1');
  const declared = declaredBoundaries(text);
  return {
    missing: declared.filter((boundary) => !text.includes(`\n--${boundary}`)),
    unclosed: declared.filter((boundary) => text.includes(`\n--${boundary}`) && !text.includes(`--${boundary}--`)),
  };
}

/** The body after the header block, as text, for a mail whose MIME structure could not be read. */
function bodyOf(raw: Buffer): string {
  const text = raw.toString('utf8');
  const split = text.search(/\r?\n\r?\n/);
  return split < 0 ? '' : text.slice(split).trim();
}

/** A bounce names the undelivered mail in its returned headers. */
function bouncedIdOf(mail: ParsedMail): string | null {
  for (const attachment of mail.attachments) {
    const type = attachment.contentType.toLowerCase();
    if (type !== 'message/rfc822' && type !== 'text/rfc822-headers' && type !== 'message/rfc822-headers') continue;
    const match = /^Message-ID:\s*<([^>\r\n]{1,900})>/im.exec(attachment.content.subarray(0, 64 * 1024).toString('latin1'));
    if (match?.[1]) return match[1].trim();
  }
  return null;
}

function capped(value: string, max: number, what: 'text' | 'html' | 'subject', problems: string[]): string {
  if (value.length <= max) return value;
  problems.push(notes.cut(what, max));
  return value.slice(0, max);
}

/** Parses a raw RFC 5322 message; throws UnreadableEmail when nothing a person could use comes out of it. */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, {
      keepCidLinks: true,
      keepDeliveryStatus: true,
      ignoreEmbedded: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      maxChildNodes: MAX_MIME_PARTS,
      maxHeadSize: MAX_HEAD_BYTES,
      maxHtmlLengthToParse: EMAIL_BODY_MAX,
    });
  } catch (error) {
    throw new UnreadableEmail(notes.unreadable(error instanceof Error ? error.message : String(error)));
  }
  const problems: string[] = [];
  const headers = headerMap(mail);
  const fromList = addressesOf(mail.from);
  const from = fromList[0] ?? null;

  for (const label of unknownCharsets(raw)) problems.push(notes.unknownCharset(label));
  let text = mail.text ?? '';
  let html = typeof mail.html === 'string' ? mail.html : null;
  const { missing, unclosed } = brokenBoundaries(raw);
  if (missing.length > 0) {
    problems.push(notes.missingBoundary(missing[0] ?? ''));
    if (text === '' && html === null) text = bodyOf(raw);
  }
  if (unclosed.length > 0) problems.push(notes.unclosedPart(unclosed[0] ?? ''));
  if ([text, html ?? '', mail.subject ?? ''].some((part) => part.includes('\uFFFD'))) {
    problems.push(notes.badBytes());
  }
  if (mail.textConversionError) problems.push(notes.htmlToText());
  text = capped(text, EMAIL_BODY_MAX, 'text', problems);
  html = html === null ? null : capped(html, EMAIL_BODY_MAX, 'html', problems);

  const to = addressesOf(mail.to);
  const cc = addressesOf(mail.cc);
  if (to.length > MAX_RECIPIENTS || cc.length > MAX_RECIPIENTS) problems.push(notes.tooManyRecipients(MAX_RECIPIENTS));

  const attachments: ParsedAttachment[] = [];
  for (const [index, attachment] of mail.attachments.entries()) {
    if (attachments.length === MAX_ATTACHMENTS) {
      problems.push(notes.tooManyAttachments(mail.attachments.length, MAX_ATTACHMENTS));
      break;
    }
    const name = safeFileName(attachment.filename ?? '') ?? `attachment-${index + 1}`;
    attachments.push({ name, declaredType: attachment.contentType.slice(0, 127), cid: attachment.cid ? unbracket(attachment.cid) : null, bytes: attachment.content });
  }

  const references = (mail.references === undefined ? [] : Array.isArray(mail.references) ? mail.references : mail.references.split(/\s+/))
    .map(unbracket)
    .filter(usableId)
    .slice(-MAX_REFERENCES);
  const declaredId = mail.messageId ? unbracket(mail.messageId) : '';
  const messageId = usableId(declaredId) ? declaredId : `${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@no-message-id.switchboard`;
  if (declaredId === '') problems.push(notes.noMessageId());
  const subject = capped(withoutNul(mail.subject ?? '').replace(/[\r\n]+/g, ' '), EMAIL_SUBJECT_MAX, 'subject', problems);
  const autoKind = autoKindOf(headers, from?.address ?? '', subject);

  return {
    messageId,
    inReplyTo: mail.inReplyTo && usableId(unbracket(mail.inReplyTo)) ? unbracket(mail.inReplyTo) : null,
    references,
    from,
    to: to.slice(0, MAX_RECIPIENTS),
    cc: cc.slice(0, MAX_RECIPIENTS),
    subject,
    text,
    html,
    attachments,
    autoKind,
    bouncedMessageId: autoKind === 'bounce' ? bouncedIdOf(mail) : null,
    problems: problems.slice(0, 100),
  };
}
