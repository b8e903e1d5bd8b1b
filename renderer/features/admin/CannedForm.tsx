import { type FormEvent, useState } from 'react';
import type { CannedResponse } from '../../../shared/domain/chat';
import { CHAT_TEXT_MAX } from '../../../shared/domain/chat';
import { useT } from '../../i18n/locale-store';
import type { AdminFailure } from '../../sync/admin-client';
import { useAdmin } from './admin-context';
import { type CannedDraft, cannedFromDraft } from './canned-form';
import { FieldMessage, isInvalid } from './FieldMessage';
import { SaveBar } from './SaveBar';
import { describeRefusal } from './save-refusal';
import { useSave } from './use-save';

type Props = {
  initial: CannedDraft;
  isNew: boolean;
  others: readonly CannedResponse[];
  onSaved(reply: CannedResponse): void;
  onDeleted(id: string): void;
};

/** A shared reply: the `/shortcut` agents type, a title to find it by, and the text it inserts. */
export function CannedForm({ initial, isNew, others, onSaved, onDeleted }: Props) {
  const t = useT();
  const { client, canEdit } = useAdmin();
  const [draft, setDraft] = useState(initial);
  const [confirming, setConfirming] = useState(false);
  const [deleteFailure, setDeleteFailure] = useState<AdminFailure | null>(null);
  const { errors, status, save, touched } = useSave('canned', client.saveCanned, onSaved);
  const edit = (change: Partial<CannedDraft>) => {
    setDraft({ ...draft, ...change });
    touched();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(cannedFromDraft(draft, others));
  }

  async function remove() {
    const result = await client.deleteCanned(draft.id);
    setConfirming(false);
    if (result.ok) onDeleted(draft.id);
    else setDeleteFailure(result.failure);
  }

  return (
    <form className="admin-form" onSubmit={submit} aria-label={isNew ? t('admin.canned.new') : draft.title} data-testid="canned-form" noValidate>
      <fieldset disabled={!canEdit}>
        <h2>{isNew ? t('admin.canned.new') : draft.title}</h2>
        <label className="field admin-narrow">
          <span>{t('admin.canned.shortcut')}</span>
          <span className="admin-inline">
            <span className="admin-slash mono" aria-hidden="true">
              /
            </span>
            <input
              value={draft.shortcut}
              maxLength={32}
              aria-invalid={isInvalid(errors, 'shortcut')}
              // The slash is already shown before the box; one typed out of habit is dropped.
              onChange={(event) => edit({ shortcut: event.target.value.replace(/^\//, '') })}
              data-testid="canned-shortcut"
            />
          </span>
          <FieldMessage errors={errors} paths="shortcut" />
        </label>
        <label className="field">
          <span>{t('admin.canned.title')}</span>
          <input value={draft.title} maxLength={80} aria-invalid={isInvalid(errors, 'title')} onChange={(event) => edit({ title: event.target.value })} data-testid="canned-title" />
          <FieldMessage errors={errors} paths="title" />
        </label>
        <label className="field">
          <span>{t('admin.canned.text')}</span>
          <textarea
            rows={6}
            maxLength={CHAT_TEXT_MAX}
            value={draft.text}
            aria-invalid={isInvalid(errors, 'text')}
            onChange={(event) => edit({ text: event.target.value })}
            data-testid="canned-text"
          />
          <FieldMessage errors={errors} paths="text" />
        </label>
      </fieldset>
      {deleteFailure && (
        <p className="admin-field-error admin-delete-failed" role="alert">
          {describeRefusal(t, 'canned', deleteFailure)}
        </p>
      )}
      <SaveBar status={status}>
        {!isNew &&
          (confirming ? (
            <>
              <span className="admin-confirm">{t('admin.canned.confirmDelete')}</span>
              <button type="button" className="button ghost" onClick={() => setConfirming(false)}>
                {t('admin.cancel')}
              </button>
              <button type="button" className="button danger" onClick={() => void remove()} data-testid="canned-delete-confirm">
                {t('admin.canned.delete')}
              </button>
            </>
          ) : (
            <button type="button" className="button ghost" onClick={() => setConfirming(true)} data-testid="canned-delete">
              {t('admin.canned.delete')}
            </button>
          ))}
      </SaveBar>
    </form>
  );
}
