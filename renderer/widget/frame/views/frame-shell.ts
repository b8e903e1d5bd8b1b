import type { WidgetText } from '../../i18n/widget-text';
import { ICONS, svgIcon } from '../../svg-icon';
import { button, h } from '../dom';

/**
 * The frame's fixed parts: the header (title, who is chatting, end and
 * minimise buttons), a notice line for connection trouble and refusals, and
 * the body that each screen fills.
 */
export function frameShell(t: WidgetText, actions: { minimise: (() => void) | null; leave: () => void }) {
  const subtitle = h('p', { class: 'subtitle', testid: 'widget-subtitle' });
  const confirm = h(
    'div',
    { class: 'leave-confirm', testid: 'widget-leave-confirm' },
    h('span', { text: t('leave.confirm') }),
    button(t('leave.yes'), () => {
      confirm.hidden = true;
      actions.leave();
    }, { class: 'danger', testid: 'widget-leave-yes' }),
    button(t('leave.no'), () => {
      confirm.hidden = true;
    }, { class: 'secondary' }),
  );
  confirm.hidden = true;
  const leave = button(t('header.leave'), () => {
    confirm.hidden = false;
  }, { class: 'header-button', testid: 'widget-leave' });
  let minimise: HTMLButtonElement | null = null;
  if (actions.minimise) {
    const label = t('header.minimise');
    minimise = h('button', { class: 'header-button icon', testid: 'widget-minimise', attrs: { type: 'button', 'aria-label': label, title: label } }, svgIcon(ICONS.minimise, 18));
    minimise.addEventListener('click', actions.minimise);
  }
  const header = h(
    'header',
    { class: 'frame-header' },
    h('div', { class: 'titles' }, h('h1', { text: t('header.title') }), subtitle),
    leave,
    minimise,
  );
  const notice = h('p', { class: 'notice-bar', testid: 'widget-notice', attrs: { role: 'alert' } });
  notice.hidden = true;
  const body = h('main', { class: 'frame-body' });
  const element = h('div', { class: 'frame' }, header, confirm, notice, body);

  return {
    element,
    show(content: HTMLElement): void {
      body.replaceChildren(content);
    },
    setSubtitle(text: string): void {
      subtitle.textContent = text;
      subtitle.hidden = text === '';
    },
    setLeaveAvailable(available: boolean): void {
      leave.hidden = !available;
      if (!available) confirm.hidden = true;
    },
    setNotice(text: string | null): void {
      notice.textContent = text ?? '';
      notice.hidden = text === null;
    },
  };
}
