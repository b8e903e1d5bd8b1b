import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { CHAT_ATTACHMENT_TYPES, CHAT_TEXT_MAX, type CannedResponse } from '../../../shared/domain/chat';
import { useT } from '../../i18n/locale-store';
import type { ChatProblem } from '../../sync/chat-client';
import { createTypingSignal } from '../../../shared/chat/typing-signal';
import { cannedToken, insertCanned, matchCanned, moveChoice } from './canned-match';
import { useChat, useChatServices } from './chat-context';
import { PaperclipIcon, SendIcon } from './chat-icons';
import { problemKey } from './chat-logic';
import { CannedSuggestions, suggestionId } from './CannedSuggestions';

/**
 * Where the agent writes. Enter sends and Shift+Enter breaks the line (but
 * not while an input method is composing: Enter then picks the characters);
 * `/` opens the canned responses. Offline it still takes text: lines wait in
 * the outbox.
 */
export function ChatComposer({ taskId, disabled }: { taskId: string; disabled: boolean }) {
  const t = useT();
  const { client } = useChatServices();
  const draft = useChat((state) => state.rooms[taskId]?.draft ?? '');
  const canned = useChat((state) => state.canned);
  const live = useChat((state) => state.live);
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const [caret, setCaret] = useState(draft.length);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [uploading, setUploading] = useState<string | null>(null);
  const [problem, setProblem] = useState<ChatProblem | null>(null);
  const typing = useMemo(() => createTypingSignal((on) => client.typing(taskId, on)), [client, taskId]);
  useEffect(() => () => typing.stop(), [typing]);
  // Opening a chat (accepting it, or switching to it) puts the cursor where the agent will type.
  useEffect(() => {
    if (!disabled) input.current?.focus({ preventScroll: true });
  }, [disabled]);

  const token = disabled ? null : cannedToken(draft, caret);
  const open = token !== null && token.start !== dismissedAt;
  const matches = open ? matchCanned(canned, token.query) : [];
  const chosen = Math.min(active, Math.max(0, matches.length - 1));

  function edit(text: string, nextCaret: number) {
    client.setDraft(taskId, text);
    setCaret(nextCaret);
    setActive(0);
    setProblem(null);
  }

  function pick(response: CannedResponse) {
    if (!token) return;
    const next = insertCanned(draft, token, response);
    edit(next.text, next.caret);
    requestAnimationFrame(() => input.current?.setSelectionRange(next.caret, next.caret));
  }

  function send() {
    if (disabled || draft.trim().length === 0) return;
    typing.stop();
    void client.send(taskId, draft).then((result) => {
      if (!result.ok) setProblem(result.problem);
    });
    edit('', 0);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return;
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActive(moveChoice(chosen, event.key === 'ArrowDown' ? 1 : -1, matches.length));
        return;
      }
      const response = matches[chosen];
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && response) {
        event.preventDefault();
        pick(response);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissedAt(token.start);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  }

  async function attach(file: File) {
    setProblem(null);
    setUploading(file.name);
    const uploaded = await client.upload(taskId, file);
    setUploading(null);
    if (!uploaded.ok) {
      setProblem(uploaded.problem);
      return;
    }
    const sent = await client.send(taskId, '', uploaded.data);
    if (!sent.ok) setProblem(sent.problem);
  }

  return (
    <div className="chat-composer" data-testid="chat-composer">
      {open && <CannedSuggestions query={token.query} matches={matches} active={chosen} onPick={pick} />}
      {problem && (
        <p className="form-error chat-composer-error" role="alert" data-testid="chat-composer-error">
          {t(problemKey(problem))}
        </p>
      )}
      {uploading && (
        <p className="chat-uploading" role="status">
          {t('chat.uploading', { name: uploading })}
        </p>
      )}
      <div className="chat-composer-box">
        <textarea
          ref={input}
          rows={3}
          value={draft}
          disabled={disabled}
          maxLength={CHAT_TEXT_MAX}
          placeholder={disabled ? t('chat.placeholderClosed') : t('chat.placeholder')}
          aria-label={t('chat.composer')}
          aria-autocomplete="list"
          aria-controls={open && matches.length > 0 ? 'chat-canned-list' : undefined}
          aria-activedescendant={open && matches.length > 0 ? suggestionId(chosen) : undefined}
          onChange={(event) => {
            edit(event.target.value, event.target.selectionStart);
            if (event.target.value) typing.keystroke();
            else typing.stop();
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => typing.stop()}
          data-testid="chat-input"
        />
        <div className="chat-composer-tools">
          <input
            ref={picker}
            type="file"
            hidden
            accept={CHAT_ATTACHMENT_TYPES.join(',')}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void attach(file);
            }}
            data-testid="chat-file-input"
          />
          <button
            type="button"
            className="button ghost chat-tool"
            disabled={disabled || !live || uploading !== null}
            title={live ? t('chat.attach') : t('chat.attachNeedsHub')}
            aria-label={live ? t('chat.attach') : t('chat.attachNeedsHub')}
            onClick={() => picker.current?.click()}
            data-testid="chat-attach"
          >
            <PaperclipIcon />
          </button>
          <button
            type="button"
            className="button primary chat-send"
            disabled={disabled || draft.trim().length === 0}
            onClick={send}
            data-testid="chat-send"
          >
            <SendIcon />
            {t('chat.send')}
          </button>
        </div>
      </div>
    </div>
  );
}
