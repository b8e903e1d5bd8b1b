import { type FormEvent, useState } from 'react';
import type { CustomerRow } from '../../db/rows';
import { useT } from '../../i18n/locale-store';
import { useMutations } from '../../sync/context';
import { draftOf, patchFromDraft } from './profile-draft';

/** Name, company and tags. Saving is optimistic: the archive shows the change at once. */
export function ProfileEditor({ customer, onDone }: { customer: CustomerRow; onDone(): void }) {
  const t = useT();
  const { updateCustomer } = useMutations();
  const [draft, setDraft] = useState(() => draftOf(customer));
  const [message, setMessage] = useState<string | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = patchFromDraft(customer, draft);
    switch (result.kind) {
      case 'name-required':
        setMessage(t('profile.nameRequired'));
        return;
      case 'no-change':
        onDone();
        return;
      case 'invalid':
        setMessage(t('profile.invalid', { detail: result.fields.map((field) => t(`profile.${field}`)).join(', ') }));
        return;
      case 'patch':
        await updateCustomer(customer.id, result.patch);
        onDone();
    }
  }

  return (
    <form className="profile-editor" onSubmit={save} aria-label={t('profile.editTitle')} data-testid="profile-editor">
      <label className="field">
        <span>{t('profile.name')}</span>
        <input
          value={draft.name}
          maxLength={120}
          onChange={(event) => setDraft({ ...draft, name: event.target.value })}
          data-testid="profile-name"
        />
      </label>
      <label className="field">
        <span>{t('profile.company')}</span>
        <input
          value={draft.company}
          maxLength={160}
          onChange={(event) => setDraft({ ...draft, company: event.target.value })}
          data-testid="profile-company"
        />
      </label>
      <label className="field">
        <span>{t('profile.tags')}</span>
        <input value={draft.tags} onChange={(event) => setDraft({ ...draft, tags: event.target.value })} data-testid="profile-tags" />
      </label>
      {message && (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
      <div className="row-end">
        <button type="button" className="button ghost" onClick={onDone}>
          {t('profile.cancel')}
        </button>
        <button type="submit" className="button primary" data-testid="profile-save">
          {t('profile.save')}
        </button>
      </div>
    </form>
  );
}
