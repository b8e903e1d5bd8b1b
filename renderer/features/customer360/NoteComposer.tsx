import { type FormEvent, useState } from 'react';
import { useT } from '../../i18n/locale-store';
import { useMutations } from '../../sync/context';

/** A note lands on the timeline at once (optimistic) and is queued for the hub. Ctrl/⌘+Enter adds it. */
export function NoteComposer({ customerId }: { customerId: string }) {
  const t = useT();
  const { addNote } = useMutations();
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!text.trim()) {
      setMessage(t('note.empty'));
      return;
    }
    await addNote(customerId, text);
    setText('');
    setMessage(null);
  }

  return (
    <form className="note-composer" onSubmit={submit} aria-label={t('note.label')} data-testid="note-form">
      <textarea
        value={text}
        rows={2}
        maxLength={10_000}
        onChange={(event) => {
          setText(event.target.value);
          setMessage(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
        }}
        placeholder={t('note.placeholder')}
        aria-label={t('note.label')}
        data-testid="note-input"
      />
      <div className="note-actions">
        {message && (
          <span className="form-error" role="alert">
            {message}
          </span>
        )}
        <button type="submit" className="button primary" data-testid="note-submit">
          {t('note.submit')}
        </button>
      </div>
    </form>
  );
}
