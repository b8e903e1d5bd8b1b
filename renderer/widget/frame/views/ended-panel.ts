import type { VisitorConversation } from '../../../../shared/protocol/visitor';
import type { WidgetText } from '../../i18n/widget-text';
import { button, h } from '../dom';

export type ContactSubmit = (contact: { email?: string; phone?: string }) => Promise<string | null>;

function endText(t: WidgetText, conversation: VisitorConversation): string {
  switch (conversation.endReason) {
    case 'agent-ended':
      return conversation.agentName ? t('ended.agent-ended.named', { agent: conversation.agentName }) : t('ended.agent-ended');
    case 'max-wait':
    case 'closed':
    case 'visitor-left':
      return t(`ended.${conversation.endReason}`);
    case null:
      return t('header.ended');
  }
}

/** After max wait or closing time nobody has answered yet: an email or a phone number lets the follow-up reach them. */
function contactForm(t: WidgetText, submit: ContactSubmit): HTMLElement {
  const email = h('input', { testid: 'widget-contact-email', attrs: { id: 'contact-email', type: 'email', autocomplete: 'email', maxlength: '320' } });
  const phone = h('input', { testid: 'widget-contact-phone', attrs: { id: 'contact-phone', type: 'tel', autocomplete: 'tel', maxlength: '40' } });
  const error = h('p', { class: 'form-error', attrs: { role: 'alert' } });
  const send = h('button', { class: 'primary', text: t('contact.send'), testid: 'widget-contact-send', attrs: { type: 'submit' } });
  const form = h(
    'form',
    { class: 'contact', testid: 'widget-contact', attrs: { novalidate: '' } },
    h('div', { class: 'field' }, h('label', { text: t('contact.email'), attrs: { for: email.id } }), email),
    h('div', { class: 'field' }, h('label', { text: t('contact.phone'), attrs: { for: phone.id } }), phone),
    error,
    send,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const contact = { email: email.value.trim() || undefined, phone: phone.value.trim() || undefined };
    if (!contact.email && !contact.phone) {
      error.textContent = t('contact.needOne');
      return;
    }
    send.disabled = true;
    const refused = await submit(contact);
    send.disabled = false;
    error.textContent = refused ?? '';
  });
  return form;
}

export function endedPanel(t: WidgetText, conversation: VisitorConversation, actions: { contact: ContactSubmit; newChat: () => void }): HTMLElement {
  const unanswered = conversation.endReason === 'max-wait' || conversation.endReason === 'closed';
  return h(
    'section',
    { class: 'ended', testid: 'widget-ended', attrs: { 'data-reason': conversation.endReason ?? '' } },
    h('p', { text: endText(t, conversation) }),
    unanswered && !conversation.contactKnown ? contactForm(t, actions.contact) : null,
    unanswered && conversation.contactKnown ? h('p', { class: 'thanks', text: t('contact.thanks'), testid: 'widget-contact-thanks' }) : null,
    button(t('ended.newChat'), actions.newChat, { class: 'secondary', testid: 'widget-new-chat' }),
  );
}
