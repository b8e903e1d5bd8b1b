import type { VisitorLocale } from '../../../../shared/protocol/visitor';
import type { WidgetText } from '../../i18n/widget-text';
import type { ChatView } from '../chat-state';
import { h } from '../dom';
import { buildTranscript } from '../transcript';
import { type ComposerActions, composer } from './composer';
import { type ContactSubmit, endedPanel } from './ended-panel';
import { lineItem, pendingItem } from './line-item';

export type ConversationActions = ComposerActions & {
  retry: (clientId: string) => void;
  contact: ContactSubmit;
  newChat: () => void;
};

/** Within this many pixels of the bottom the visitor is following along, so new lines scroll into view. */
const FOLLOWING_PX = 48;

/**
 * The conversation: transcript, queue standing, the agent's typing mark, the
 * end of the chat, and the composer. The composer stays mounted while lines
 * change, so the visitor never loses what they are typing.
 */
export function conversationView(t: WidgetText, locale: VisitorLocale, actions: ConversationActions) {
  const transcript = h('ol', { class: 'transcript', testid: 'widget-transcript', attrs: { role: 'log', 'aria-live': 'polite', 'aria-label': t('chat.log') } });
  const queue = h('p', { class: 'queue', testid: 'widget-queue', attrs: { role: 'status' } });
  const typing = h('p', { class: 'typing', testid: 'widget-typing', attrs: { 'aria-live': 'polite' } });
  const ended = h('div', { class: 'ended-slot' });
  const input = composer(t, actions);
  const survey = h('div', { class: 'survey-slot' });
  const scroller = h('div', { class: 'scroller' }, queue, transcript, typing, ended, survey);
  const element = h('section', { class: 'conversation', testid: 'widget-conversation' }, scroller, input.element);
  let endedKey = '';

  const following = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < FOLLOWING_PX;
  const toBottom = () => {
    scroller.scrollTop = scroller.scrollHeight;
  };
  // A picture arriving later grows the transcript: keep the newest line in view.
  transcript.addEventListener('load', () => toBottom(), true);

  function update(view: ChatView): void {
    const wasFollowing = following();
    transcript.replaceChildren(
      ...buildTranscript(view).map((item) =>
        item.kind === 'line' ? lineItem(t, locale, item.line, item.tick) : pendingItem(t, item.line, actions.retry),
      ),
    );
    const standing = view.queue;
    queue.hidden = standing === null;
    queue.textContent =
      standing === null ? '' : t(standing.open ? 'queue.position' : 'queue.positionClosed', { position: standing.position });
    const agent = view.conversation.agentName;
    typing.hidden = !view.agentTyping;
    typing.textContent = view.agentTyping ? (agent ? t('chat.typing', { agent }) : t('chat.typingAnonymous')) : '';

    const isEnded = view.conversation.status === 'ended';
    // Rebuilt only when the ending changes, so a half-typed email in the contact form survives other updates.
    const key = isEnded ? `${view.conversation.endReason}|${view.conversation.contactKnown}` : '';
    if (key !== endedKey) {
      endedKey = key;
      ended.replaceChildren(...(isEnded ? [endedPanel(t, view.conversation, actions)] : []));
    }
    input.setEnabled(!isEnded);
    if (wasFollowing) toBottom();
  }

  /** The rating prompt below the chat's end (views/survey-prompt.ts); kept across updates, so a half-typed comment survives. */
  function showSurvey(prompt: HTMLElement): void {
    const wasFollowing = following();
    survey.replaceChildren(prompt);
    if (wasFollowing) toBottom();
  }

  return { element, update, focus: input.focus, showSurvey };
}
