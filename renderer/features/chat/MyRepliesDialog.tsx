import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ulid } from 'ulid';
import { type CannedResponse, CannedShortcutSchema } from '../../../shared/domain/chat';
import { useT } from '../../i18n/locale-store';
import type { MessageKey } from '../../i18n/translate';
import { useChat, useChatServices } from './chat-context';
import { problemKey } from './chat-logic';

type Draft = { id: string; shortcut: string; title: string; text: string };

const blank = (): Draft => ({ id: ulid(), shortcut: '', title: '', text: '' });

/** What is wrong with a reply before it goes to the hub, or null. */
function draftProblem(draft: Draft): MessageKey | null {
  if (!draft.shortcut.trim() || !draft.title.trim() || !draft.text.trim()) return 'chat.replies.required';
  if (!CannedShortcutSchema.safeParse(draft.shortcut.trim()).success) return 'chat.replies.badShortcut';
  return null;
}

function ReplyForm({ initial, onDone }: { initial: Draft; onDone(): void }) {
  const t = useT();
  const { client } = useChatServices();
  const live = useChat((state) => state.live);
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = draftProblem(draft);
    if (problem) {
      setError(t(problem));
      return;
    }
    setBusy(true);
    const result = await client.saveCanned({ id: draft.id, shortcut: draft.shortcut.trim(), title: draft.title.trim(), text: draft.text.trim() });
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.problem === 'conflict' ? t('chat.replies.taken') : t('chat.replies.failed', { reason: t(problemKey(result.problem)) }));
  }

  return (
    <form className="reply-form" onSubmit={(event) => void submit(event)} data-testid="reply-form">
      <div className="reply-form-row">
        <label className="field reply-shortcut">
          <span>{t('chat.replies.shortcut')}</span>
          <span className="reply-shortcut-input">
            <span className="mono" aria-hidden="true">
              /
            </span>
            <input
              value={draft.shortcut}
              maxLength={32}
              onChange={(event) => setDraft({ ...draft, shortcut: event.target.value.replace(/^\//, '') })}
              data-testid="reply-shortcut"
            />
          </span>
        </label>
        <label className="field reply-title">
          <span>{t('chat.replies.name')}</span>
          <input value={draft.title} maxLength={80} onChange={(event) => setDraft({ ...draft, title: event.target.value })} data-testid="reply-title" />
        </label>
      </div>
      <label className="field">
        <span>{t('chat.replies.text')}</span>
        <textarea rows={4} value={draft.text} maxLength={4000} onChange={(event) => setDraft({ ...draft, text: event.target.value })} data-testid="reply-text" />
      </label>
      {error && (
        <p className="form-error" role="alert" data-testid="reply-error">
          {error}
        </p>
      )}
      <div className="row-end">
        <button type="button" className="button small" onClick={onDone}>
          {t('chat.replies.cancel')}
        </button>
        <button type="submit" className="button primary small" disabled={busy || !live} title={live ? undefined : t('routing.needsHub')} data-testid="reply-save">
          {t('chat.replies.save')}
        </button>
      </div>
    </form>
  );
}

function ReplyRow({ reply, onEdit }: { reply: CannedResponse; onEdit(): void }) {
  const t = useT();
  const { client } = useChatServices();
  const live = useChat((state) => state.live);
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="reply-row" data-testid="reply-row" data-shortcut={reply.shortcut}>
      <div className="reply-row-body">
        <span className="canned-head">
          <span className="canned-shortcut mono">/{reply.shortcut}</span>
          <span className="canned-title">{reply.title}</span>
        </span>
        <span className="canned-text">{reply.text}</span>
      </div>
      <div className="reply-row-actions">
        {confirming ? (
          <>
            <span className="muted">{t('chat.replies.confirmDelete', { shortcut: reply.shortcut })}</span>
            <button type="button" className="button small" onClick={() => setConfirming(false)}>
              {t('chat.replies.cancel')}
            </button>
            <button type="button" className="button small danger" onClick={() => void client.deleteCanned(reply.id)} data-testid="reply-delete-confirm">
              {t('chat.replies.delete')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button small ghost" disabled={!live} onClick={onEdit} data-testid="reply-edit">
              {t('chat.replies.edit')}
            </button>
            <button type="button" className="button small ghost" disabled={!live} onClick={() => setConfirming(true)} data-testid="reply-delete">
              {t('chat.replies.delete')}
            </button>
          </>
        )}
      </div>
    </li>
  );
}

/** The agent's own canned responses: add, edit, delete. Shared ones are the supervisors' to manage. */
export function MyRepliesDialog({ agentId, onClose }: { agentId: string; onClose(): void }) {
  const t = useT();
  const canned = useChat((state) => state.canned);
  const [editing, setEditing] = useState<Draft | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const sorted = canned.filter((reply) => reply.ownerId === agentId).sort((a, b) => a.shortcut.localeCompare(b.shortcut));
  return (
    <dialog ref={dialog} className="replies-dialog" aria-label={t('chat.replies.title')} onClose={onClose} data-testid="replies-dialog">
      <header className="replies-head">
        <h2>{t('chat.replies.title')}</h2>
        <button type="button" className="button small ghost" onClick={onClose} data-testid="replies-close">
          {t('chat.replies.close')}
        </button>
      </header>
      <p className="muted replies-intro">{t('chat.replies.intro')}</p>
      {editing ? (
        <ReplyForm key={editing.id} initial={editing} onDone={() => setEditing(null)} />
      ) : (
        <div className="row-end">
          <button type="button" className="button small primary" onClick={() => setEditing(blank())} data-testid="reply-new">
            {t('chat.replies.new')}
          </button>
        </div>
      )}
      {sorted.length === 0 ? (
        <p className="muted replies-empty">{t('chat.replies.empty')}</p>
      ) : (
        <ul className="reply-list">
          {sorted.map((reply) => (
            <ReplyRow
              key={reply.id}
              reply={reply}
              onEdit={() => setEditing({ id: reply.id, shortcut: reply.shortcut, title: reply.title, text: reply.text })}
            />
          ))}
        </ul>
      )}
    </dialog>
  );
}
