import type { VisitorLocale, WidgetInfo } from '../../../../shared/protocol/visitor';
import type { WidgetText } from '../../i18n/widget-text';
import { h } from '../dom';
import { formatNextOpening } from '../opening-time';

/** Outside business hours: the admin's message and when someone will be there again. */
export function closedView(t: WidgetText, locale: VisitorLocale, info: WidgetInfo, now: number): HTMLElement {
  const when = info.nextOpenAt === null ? t('closed.later') : t('closed.nextOpen', { when: formatNextOpening(t, info.nextOpenAt, now, locale) });
  return h(
    'section',
    { class: 'panel closed', testid: 'widget-closed' },
    h('h2', { text: t('closed.title') }),
    info.closedMessage === '' ? null : h('p', { class: 'admin-message', text: info.closedMessage }),
    h('p', { class: 'next-open', text: when, testid: 'widget-next-open' }),
  );
}
