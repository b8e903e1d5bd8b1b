import type { AskField } from '../../../../shared/domain/chat';
import type { WidgetInfo } from '../../../../shared/protocol/visitor';
import type { WidgetText } from '../../i18n/widget-text';
import { h } from '../dom';
import { checkPrechat, type PrechatInput } from '../prechat';

export type PrechatSubmit = (fields: { name: string | undefined; email: string | undefined }) => Promise<string | null>;

function field(t: WidgetText, id: keyof PrechatInput, label: string, ask: AskField, type: string, autocomplete: string) {
  const input = h('input', {
    testid: `widget-form-${id}`,
    attrs: { id: `prechat-${id}`, name: id, type, autocomplete, maxlength: id === 'name' ? '120' : '320' },
  });
  input.required = ask === 'required';
  const error = h('p', { class: 'field-error', attrs: { id: `prechat-${id}-error`, 'aria-live': 'polite' } });
  input.setAttribute('aria-describedby', error.id);
  const caption = h('label', { attrs: { for: input.id } }, document.createTextNode(label));
  if (ask === 'optional') caption.append(h('span', { class: 'optional', text: ` ${t('form.optional')}` }));
  const wrapper = h('div', { class: 'field' }, caption, input, error);
  return { id, wrapper, input, error };
}

/** The pre-chat form: the admin's greeting, then only the fields the widget asks for. */
export function prechatForm(t: WidgetText, info: WidgetInfo, notice: string | null, submit: PrechatSubmit): HTMLElement {
  const name = field(t, 'name', t('form.name'), info.askName, 'text', 'name');
  const email = field(t, 'email', t('form.email'), info.askEmail, 'email', 'email');
  const start = h('button', { class: 'primary', text: t('form.start'), testid: 'widget-form-start', attrs: { type: 'submit' } });
  const failure = h('p', { class: 'form-error', testid: 'widget-form-error', attrs: { role: 'alert' } });
  const form = h(
    'form',
    { class: 'panel prechat', testid: 'widget-form', attrs: { novalidate: '' } },
    notice === null ? null : h('p', { class: 'notice', text: notice }),
    info.greeting === '' ? null : h('p', { class: 'greeting', text: info.greeting }),
    h('p', { class: 'intro', text: t('form.intro') }),
    info.askName === 'off' ? null : name.wrapper,
    info.askEmail === 'off' ? null : email.wrapper,
    failure,
    start,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const checked = checkPrechat(info, { name: name.input.value, email: email.input.value });
    for (const f of [name, email]) {
      const key = checked.ok ? undefined : checked.errors[f.id];
      f.error.textContent = key ? t(key) : '';
      f.input.setAttribute('aria-invalid', key ? 'true' : 'false');
    }
    failure.textContent = '';
    if (!checked.ok) return;
    start.disabled = true;
    start.textContent = t('form.starting');
    const refused = await submit({ name: checked.name, email: checked.email });
    if (refused === null) return;
    failure.textContent = refused;
    start.disabled = false;
    start.textContent = t('form.start');
  });
  return form;
}
