import type { VisitorLocale, VisitorLine } from '../../../../shared/protocol/visitor';
import type { WidgetText } from '../../i18n/widget-text';
import { isImage } from '../../../../shared/chat/attachment-check';
import type { PendingLine, Tick } from '../chat-state';
import { button, h, isAttachmentUrl } from '../dom';
import { formatFileSize, refusalText } from '../refusal-text';

const timeOf = (at: number, locale: VisitorLocale) => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(at);

const TICK_MARKS: Record<Tick, string> = { sent: '✓', delivered: '✓✓', read: '✓✓' };

function attachmentView(locale: VisitorLocale, attachment: NonNullable<VisitorLine['attachment']>): HTMLElement | null {
  if (!isAttachmentUrl(attachment.url)) return null;
  if (isImage(attachment.mimeType)) {
    const image = h('img', { class: 'attachment-image', testid: 'widget-attachment-image', attrs: { alt: attachment.name, loading: 'lazy' } });
    image.src = attachment.url;
    return h('a', { attrs: { href: attachment.url, target: '_blank', rel: 'noopener' } }, image);
  }
  return h(
    'a',
    { class: 'attachment-file', testid: 'widget-attachment-file', attrs: { href: attachment.url, download: attachment.name, rel: 'noopener' } },
    h('span', { class: 'file-name', text: attachment.name }),
    h('span', { class: 'file-size', text: formatFileSize(attachment.size, locale) }),
  );
}

/** A stored line: the visitor's on the right with its tick, the agent's on the left with their name, the hub's centred. */
export function lineItem(t: WidgetText, locale: VisitorLocale, line: VisitorLine, tick: Tick | null): HTMLElement {
  const item = h('li', { class: `line from-${line.from}`, testid: 'widget-line', attrs: { 'data-from': line.from, 'data-seq': String(line.seq) } });
  if (line.from === 'agent' && line.authorName !== '') item.append(h('span', { class: 'author', text: line.authorName }));
  // A picture sent on its own is shown as the picture, without a bubble around it.
  const pictureOnly = line.text === '' && line.attachment !== null && isImage(line.attachment.mimeType);
  const bubble = h('div', { class: pictureOnly ? 'bubble picture' : 'bubble' });
  if (line.text !== '') bubble.append(h('p', { class: 'text', text: line.text, testid: 'widget-line-text' }));
  if (line.attachment) bubble.append(attachmentView(locale, line.attachment) ?? document.createTextNode(line.attachment.name));
  item.append(bubble);
  if (line.from === 'system') return item;
  const meta = h('span', { class: 'meta' }, h('time', { text: timeOf(line.at, locale), attrs: { datetime: new Date(line.at).toISOString() } }));
  if (tick !== null) {
    meta.append(
      h('span', { class: `tick tick-${tick}`, text: TICK_MARKS[tick], testid: 'widget-tick', attrs: { 'data-tick': tick, title: t(`tick.${tick}`), 'aria-label': t(`tick.${tick}`) } }),
    );
  }
  item.append(meta);
  return item;
}

/** A line on its way, or refused with the reason and a way to send it again. */
export function pendingItem(t: WidgetText, line: PendingLine, retry: (clientId: string) => void): HTMLElement {
  const bubble = h('div', { class: 'bubble' });
  if (line.text !== '') bubble.append(h('p', { class: 'text', text: line.text, testid: 'widget-line-text' }));
  if (line.attachmentName !== null) bubble.append(h('p', { class: 'attachment-file', text: line.attachmentName }));
  const meta = h('span', { class: 'meta' });
  if (line.failure === null) meta.append(h('span', { class: 'tick tick-sending', text: t('tick.sending'), testid: 'widget-tick', attrs: { 'data-tick': 'sending' } }));
  else {
    meta.append(
      h('span', { class: 'failure', text: `${t('line.failed')} ${refusalText(t, line.failure)}`, testid: 'widget-line-failure' }),
      button(t('line.retry'), () => retry(line.clientId), { class: 'link' }),
    );
  }
  return h('li', { class: `line from-visitor pending${line.failure ? ' failed' : ''}`, testid: 'widget-line', attrs: { 'data-from': 'visitor' } }, bubble, meta);
}
