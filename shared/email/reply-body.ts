import type { EmailMessage } from '../domain/email';

/**
 * The parts of an outgoing HTML body that are not the agent's own words: the
 * signatures and the quoted mail. Everything from the customer's mail enters
 * as escaped text, so quoting can never smuggle their markup into ours.
 */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Plain text as HTML: escaped, line breaks kept. */
export const textToHtml = (text: string): string => escapeHtml(text).replace(/\r?\n/g, '<br>');

/**
 * The signature block: the agent's own, then the queue's (the company
 * footer), separated by the `-- ` line mail clients recognise. Empty when
 * neither is set.
 */
export function signatureText(agentSignature: string, queueSignature: string): string {
  const parts = [agentSignature.trim(), queueSignature.trim()].filter((part) => part !== '');
  return parts.length === 0 ? '' : `-- \n${parts.join('\n\n')}`;
}

export const signatureHtml = (signature: string): string =>
  signature === '' ? '' : `<div class="sb-signature">${textToHtml(signature)}</div>`;

/** A reply's quote (the heading's wording is the desktop's, translated): the heading (`On …, … wrote:`), then the mail's text in a blockquote. */
export function quoteHtml(parent: Pick<EmailMessage, 'text'>, heading: string): string {
  return `<div class="sb-quote"><p>${escapeHtml(heading)}</p><blockquote type="cite">${textToHtml(parent.text.trimEnd())}</blockquote></div>`;
}

export type ForwardLabels = { heading: string; from: string; date: string; subject: string; to: string };

/** A forward's quote: the original's headers (From, Date, Subject, To) and its text. */
export function forwardHtml(parent: Pick<EmailMessage, 'text' | 'from' | 'to' | 'subject'>, date: string, labels: ForwardLabels): string {
  const who = (a: { name: string; address: string }) => (a.name ? `${a.name} <${a.address}>` : a.address);
  const rows: [string, string][] = [
    [labels.from, who(parent.from)],
    [labels.date, date],
    [labels.subject, parent.subject],
    [labels.to, parent.to.map(who).join(', ')],
  ];
  const head = rows.map(([label, value]) => `${escapeHtml(label)}: ${escapeHtml(value)}`).join('<br>');
  return `<div class="sb-quote"><p>${escapeHtml(labels.heading)}<br>${head}</p><blockquote type="cite">${textToHtml(parent.text.trimEnd())}</blockquote></div>`;
}

/** The whole outgoing HTML: the agent's words, the signature, then the quote. */
export function assembleHtml(bodyHtml: string, signature: string, quote: string): string {
  return [bodyHtml, signatureHtml(signature), quote].filter((part) => part !== '').join('\n');
}

/**
 * The plain-text alternative of the same mail: the agent's words (as the
 * editor gives them as text), the signature, then the quote with `> ` lines.
 */
export function assembleText(bodyText: string, signature: string, quote: { heading: string; text: string } | null): string {
  const quoted = quote
    ? `${quote.heading}\n${quote.text
        .trimEnd()
        .split(/\r?\n/)
        .map((line) => `> ${line}`)
        .join('\n')}`
    : '';
  return [bodyText.trimEnd(), signature, quoted].filter((part) => part !== '').join('\n\n');
}
