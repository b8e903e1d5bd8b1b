import { ulid } from 'ulid';
import type { VisitorLocale, WidgetInfo } from '../../../shared/protocol/visitor';
import type { WidgetText } from '../i18n/widget-text';
import { checkAttachment } from '../../../shared/chat/attachment-check';
import { createCallSession } from './call-session';
import { type ChatEvent, type ChatView, chatFromState, chatReducer, linesToResend, type PendingLine, readMarkDue, unreadCount } from './chat-state';
import { button, h } from './dom';
import type { HostChannel } from './host-channel';
import { attachmentRefusalText, type Refusal, refusalText } from './refusal-text';
import { createTypingSignal } from '../../../shared/chat/typing-signal';
import { answerSurvey, fetchWidgetInfo, startChat, uploadAttachment } from './visitor-api';
import { openVisitorLink, type VisitorLink } from './visitor-link';
import type { VisitorTokenStore } from './visitor-token';
import { closedView } from './views/closed-view';
import { conversationView } from './views/conversation-view';
import { frameShell } from './views/frame-shell';
import { prechatForm } from './views/prechat-form';
import { surveyPrompt } from './views/survey-prompt';

export type WidgetContext = {
  widgetId: string;
  locale: VisitorLocale;
  t: WidgetText;
  host: HostChannel;
  tokens: VisitorTokenStore;
};

/** An agent's typing mark that is not renewed for this long is stale (their desktop may have gone). */
const AGENT_TYPING_STALE_MS = 10_000;
/** A refusal stays on screen long enough to read, then the notice line returns to connection status. */
const NOTICE_MS = 8_000;

/**
 * The frame's controller: form → conversation → end, with the visitor token
 * kept so a reload lands back in the same conversation. All chat state goes
 * through `chatReducer`; this file only wires it to the hub and the screen.
 */
export function startWidgetApp(root: HTMLElement, ctx: WidgetContext): void {
  const { t, locale, tokens, host } = ctx;
  let token: string | null = null;
  let link: VisitorLink | null = null;
  let chat: ChatView | null = null;
  let view: ReturnType<typeof conversationView> | null = null;
  let shown = false;
  let lastReadSent = 0;
  let online = true;
  let notice: string | null = null;
  let noticeTimer: number | undefined;
  let typingTimer: number | undefined;
  /** Files waiting to be uploaded (again, after a refusal), by their line's client id. */
  const files = new Map<string, { file: File; mimeType: string }>();
  /** Whether the hub offers calls in this chat (its widget's setting, its queue open), as of the last resume. */
  let callsOffered = false;
  const call = createCallSession(t, { ticket: () => (link ? link.callTicket() : Promise.resolve({ ok: false, error: { code: 'network' } } as const)) });
  // Leaving the page ends the call rather than leaving the agent talking to nobody.
  window.addEventListener('pagehide', () => call.hangUp());

  host.listen((value) => {
    shown = value;
    if (shown) {
      markRead();
      view?.focus();
    }
    reportUnread();
  });
  shown = !host.embedded;
  const shell = frameShell(t, { minimise: host.embedded ? host.close : null, leave: () => void leave() });
  root.replaceChildren(shell.element);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && host.embedded) host.close();
  });
  document.addEventListener('visibilitychange', () => markRead());

  const typingSignal = createTypingSignal((typing) => link?.typing(typing));

  function showNotice(text: string | null): void {
    window.clearTimeout(noticeTimer);
    notice = text;
    if (text !== null) noticeTimer = window.setTimeout(() => showNotice(null), NOTICE_MS);
    shell.setNotice(notice ?? (online || chat === null ? null : t('status.reconnecting')));
  }

  function subtitle(): string {
    const conversation = chat?.conversation;
    if (!conversation) return '';
    if (conversation.status === 'waiting') return t('header.waiting');
    if (conversation.status === 'ended') return t('header.ended');
    return conversation.agentName ? t('header.active', { agent: conversation.agentName }) : '';
  }

  function setHeader(): void {
    shell.setLeaveAvailable(chat !== null && chat.conversation.status !== 'ended');
    shell.setSubtitle(subtitle());
    call.setOffered(callsOffered && chat !== null && chat.conversation.status !== 'ended');
  }

  function reportUnread(): void {
    host.unread(chat === null || shown ? 0 : unreadCount(chat));
  }

  function markRead(): void {
    if (!shown || document.visibilityState !== 'visible' || chat === null || link === null) return;
    const upTo = readMarkDue(chat, lastReadSent);
    if (upTo === null) return;
    lastReadSent = upTo;
    void link.read(upTo);
    // The badge clears at once rather than when the hub's receipts come back.
    dispatch({ type: 'receipts', receipts: { ...chat.receipts, visitorRead: upTo } });
  }

  /** Puts the current chat on screen and tells whoever needs to know: the hub (read mark) and the host page (badge). */
  function refresh(): void {
    if (chat !== null) view?.update(chat);
    setHeader();
    markRead();
    reportUnread();
  }

  function dispatch(event: ChatEvent): void {
    if (chat === null) return;
    chat = chatReducer(chat, event);
    if (event.type === 'typing' && event.typing) {
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(() => dispatch({ type: 'typing', typing: false }), AGENT_TYPING_STALE_MS);
    }
    refresh();
  }

  // ── before the chat: the form, or the closed sign ──────────────────────────

  function loading(): void {
    shell.show(h('p', { class: 'panel loading', text: t('status.loading'), testid: 'widget-loading' }));
  }

  function unavailable(refusal: Refusal, retry: () => void): void {
    shell.show(
      h(
        'section',
        { class: 'panel unavailable', testid: 'widget-unavailable' },
        h('p', { text: refusalText(t, refusal) }),
        refusal.code === 'not-found' || refusal.code === 'forbidden' ? null : button(t('status.retry'), retry, { class: 'secondary' }),
      ),
    );
  }

  async function showForm(formNotice: string | null): Promise<void> {
    chat = null;
    view = null;
    setHeader();
    loading();
    const answer = await fetchWidgetInfo(ctx.widgetId);
    if (!answer.ok) return unavailable(answer.error, () => void showForm(formNotice));
    const info: WidgetInfo = answer.data;
    if (!info.open) return shell.show(closedView(t, locale, info, Date.now()));
    shell.show(
      prechatForm(t, info, formNotice, async (fields) => {
        const started = await startChat({ widgetId: ctx.widgetId, locale, ...fields });
        if (!started.ok) return refusalText(t, started.error);
        tokens.save(started.data);
        enterChat(started.data.token);
        return null;
      }),
    );
  }

  // ── the conversation ──────────────────────────────────────────────────────

  function enterChat(visitorToken: string): void {
    token = visitorToken;
    loading();
    link = openVisitorLink(visitorToken, {
      resumed: (state) => {
        lastReadSent = state.receipts.visitorRead;
        callsOffered = state.calls === true;
        chat = chat === null ? chatFromState(state) : chatReducer(chat, { type: 'resumed', state });
        if (view === null) {
          view = conversationView(t, locale, { send, attach, keystroke: typingSignal.keystroke, retry, contact, newChat });
          view.element.prepend(call.element);
          shell.show(view.element);
          if (shown) view.focus();
        }
        refresh();
        for (const line of linesToResend(chat)) retry(line.clientId);
      },
      event: dispatch,
      connection: (value) => {
        online = value;
        showNotice(notice);
      },
      expired: () => {
        call.hangUp();
        callsOffered = false;
        link = null;
        token = null;
        tokens.clear();
        void showForm(t('status.previousEnded'));
      },
      survey: (prompt) => view?.showSurvey(surveyPrompt(t, prompt, (answer) => rate(prompt.token, answer))),
    });
  }

  /** Sends the chat's rating; a refusal comes back as words for the prompt (answered already, expired, offline). */
  async function rate(surveyToken: string, answer: { csat: number; nps: number | null; comment: string }): Promise<string | null> {
    const sent = await answerSurvey(surveyToken, answer);
    if (sent.ok) return null;
    if (sent.error.code === 'conflict') return t('survey.answered');
    if (sent.error.code === 'token-expired' || sent.error.code === 'not-found') return t('survey.expired');
    return refusalText(t, sent.error);
  }

  async function deliver(line: PendingLine): Promise<void> {
    if (link === null || token === null) return;
    let attachmentId = line.attachmentId;
    const upload = files.get(line.clientId);
    if (attachmentId === null && upload !== undefined) {
      const uploaded = await uploadAttachment(token, upload.file, upload.mimeType);
      if (!uploaded.ok) return dispatch({ type: 'failed', clientId: line.clientId, failure: uploaded.error });
      attachmentId = uploaded.data.id;
      files.delete(line.clientId);
      dispatch({ type: 'uploaded', clientId: line.clientId, attachmentId });
    }
    const sent = await link.send({ clientId: line.clientId, text: line.text, ...(attachmentId === null ? {} : { attachmentId }) });
    if (sent.ok) return dispatch({ type: 'line', line: sent.data });
    dispatch({ type: 'failed', clientId: line.clientId, failure: sent.error });
    if (sent.error.code !== 'network') showNotice(refusalText(t, sent.error));
  }

  function queueLine(text: string, attachmentName: string | null): PendingLine {
    const line: PendingLine = { clientId: ulid(), text, attachmentId: null, attachmentName, at: Date.now(), failure: null };
    dispatch({ type: 'pending', line });
    return line;
  }

  function send(text: string): void {
    typingSignal.stop();
    void deliver(queueLine(text, null));
  }

  function attach(file: File): void {
    const check = checkAttachment(file);
    if (!check.ok) {
      showNotice(attachmentRefusalText(t, locale, file.name, check));
      return;
    }
    const line = queueLine('', file.name);
    files.set(line.clientId, { file, mimeType: check.mimeType });
    void deliver(line);
  }

  function retry(clientId: string): void {
    const line = chat?.pending.find((pending) => pending.clientId === clientId);
    if (!line) return;
    dispatch({ type: 'retrying', clientId });
    void deliver({ ...line, failure: null });
  }

  async function contact(details: { email?: string; phone?: string }): Promise<string | null> {
    if (link === null || chat === null) return refusalText(t, { code: 'network' });
    const answer = await link.contact(details);
    if (!answer.ok) return refusalText(t, answer.error);
    dispatch({ type: 'status', conversation: { ...chat.conversation, contactKnown: true } });
    return null;
  }

  async function leave(): Promise<void> {
    if (link === null || chat === null) return;
    typingSignal.stop();
    const answer = await link.leave();
    if (!answer.ok) return showNotice(refusalText(t, answer.error));
    // The hub also announces it; the visitor should not have to wait for that to see they left.
    if (chat.conversation.status !== 'ended') dispatch({ type: 'status', conversation: { ...chat.conversation, status: 'ended', endReason: 'visitor-left' } });
  }

  function newChat(): void {
    call.hangUp();
    callsOffered = false;
    link?.close();
    link = null;
    token = null;
    files.clear();
    tokens.clear();
    void showForm(null);
  }

  loading();
  void tokens.load().then((stored) => {
    if (stored) enterChat(stored.token);
    else void showForm(null);
  });
}
