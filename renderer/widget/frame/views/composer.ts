import { CHAT_ATTACHMENT_TYPES, CHAT_TEXT_MAX } from '../../../../shared/domain/chat';
import type { WidgetText } from '../../i18n/widget-text';
import { ICONS, svgIcon } from '../../svg-icon';
import { h } from '../dom';

export type ComposerActions = {
  send: (text: string) => void;
  attach: (file: File) => void;
  keystroke: () => void;
};

/** Where the visitor writes: Enter sends, Shift+Enter starts a new line; the clip sends a picture or file. */
export function composer(t: WidgetText, actions: ComposerActions) {
  const text = h('textarea', {
    testid: 'widget-composer',
    attrs: { rows: '1', maxlength: String(CHAT_TEXT_MAX), placeholder: t('composer.placeholder'), 'aria-label': t('composer.label') },
  });
  const file = h('input', { class: 'visually-hidden', testid: 'widget-file', attrs: { type: 'file', accept: CHAT_ATTACHMENT_TYPES.join(','), tabindex: '-1' } });
  const attach = h(
    'button',
    { class: 'icon attach', testid: 'widget-attach', attrs: { type: 'button', title: t('composer.attach'), 'aria-label': t('composer.attach') } },
    svgIcon(ICONS.paperclip, 20),
  );
  const send = h('button', { class: 'primary send', text: t('composer.send'), testid: 'widget-send', attrs: { type: 'submit' } });
  const form = h('form', { class: 'composer' }, attach, file, text, send);

  const submit = () => {
    if (text.value.trim() === '') return;
    actions.send(text.value);
    text.value = '';
    text.focus();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  text.addEventListener('input', () => actions.keystroke());
  attach.addEventListener('click', () => file.click());
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (chosen) actions.attach(chosen);
  });

  return {
    element: form,
    setEnabled(enabled: boolean): void {
      form.hidden = !enabled;
      for (const control of [text, attach, send]) control.disabled = !enabled;
    },
    focus: () => text.focus(),
  };
}
