import type { SurveyPrompt } from '../../../../shared/protocol/surveys';
import type { WidgetText } from '../../i18n/widget-text';
import { button, h } from '../dom';

export type SurveySubmit = (answer: { csat: number; nps: number | null; comment: string }) => Promise<string | null>;

/** A row of choices where one is picked (stars 1–5, or the 0–10 scale); `aria-pressed` marks the pick. */
function choiceRow(values: readonly number[], label: (value: number) => string, text: (value: number) => string, testid: string, onPick: (value: number) => void) {
  let picked: number | null = null;
  const buttons = values.map((value) =>
    button(text(value), () => pick(value), { class: 'survey-choice', testid: `${testid}-${value}`, attrs: { 'aria-pressed': 'false', 'aria-label': label(value) } }),
  );
  function pick(value: number): void {
    picked = value;
    for (const [index, element] of buttons.entries()) {
      const own = values[index] ?? -1;
      element.setAttribute('aria-pressed', String(own === value));
      // Stars light up to the one picked; a scale marks only its pick.
      element.classList.toggle('lit', testid === 'widget-survey-star' ? own <= value : own === value);
    }
    onPick(value);
  }
  return { element: h('div', { class: 'survey-row', testid }, ...buttons), picked: () => picked };
}

/**
 * The rating the hub asks for when an agent ends the chat: five stars, the
 * 0–10 question when the admin turned it on, an optional comment. Sent once;
 * then it thanks the visitor and stays put.
 */
export function surveyPrompt(t: WidgetText, prompt: SurveyPrompt, submit: SurveySubmit): HTMLElement {
  const error = h('p', { class: 'form-error', attrs: { role: 'alert' } });
  const send = h('button', { class: 'primary', text: t('survey.send'), testid: 'widget-survey-send', attrs: { type: 'submit' } });
  const stars = choiceRow(
    [1, 2, 3, 4, 5],
    (value) => t('survey.star', { count: value }),
    () => '★',
    'widget-survey-star',
    () => {
      error.textContent = '';
    },
  );
  const nps = prompt.nps ? choiceRow([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], String, String, 'widget-survey-nps', () => undefined) : null;
  const comment = h('textarea', { testid: 'widget-survey-comment', attrs: { id: 'survey-comment', maxlength: '2000', rows: '2' } });
  const form = h(
    'form',
    { class: 'survey', testid: 'widget-survey', attrs: { novalidate: '' } },
    h('p', { class: 'survey-question', text: t('survey.question') }),
    stars.element,
    nps ? h('p', { class: 'survey-question', text: t('survey.nps') }) : null,
    nps ? nps.element : null,
    h('label', { text: t('survey.comment'), attrs: { for: comment.id } }),
    comment,
    error,
    send,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const csat = stars.picked();
    const recommend = nps ? nps.picked() : null;
    if (csat === null || (nps && recommend === null)) {
      error.textContent = t('survey.pickScore');
      return;
    }
    send.disabled = true;
    const refused = await submit({ csat, nps: recommend, comment: comment.value });
    if (refused === null) {
      form.replaceChildren(h('p', { class: 'thanks', text: t('survey.thanks'), testid: 'widget-survey-thanks' }));
      return;
    }
    send.disabled = false;
    error.textContent = refused;
  });
  return form;
}
