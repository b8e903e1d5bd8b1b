import type { ReactNode } from 'react';
import { useT } from '../../i18n/locale-store';
import { useAdmin } from './admin-context';
import { describeRefusal, loadFailureText } from './save-refusal';
import type { SaveStatus } from './use-save';

/**
 * Save (and any other actions) with the outcome beside it; nothing at all for a read-only viewer.
 * `invalid` words a problem no single field shows (customer value's tier shares), or is null where the
 * field's own line says it all (follow-up days); `saveTestId` keeps a tab's own test handle.
 */
export function SaveBar({ status, invalid, saveTestId = 'admin-save', children }: { status: SaveStatus; invalid?: string | null; saveTestId?: string; children?: ReactNode }) {
  const t = useT();
  const { canEdit } = useAdmin();
  if (!canEdit) return null;
  return (
    <div className="admin-savebar">
      <div className="admin-save-status" data-testid="admin-save-status" data-status={status.kind}>
        {status.kind === 'saved' && <span className="admin-ok">{t('admin.saved')}</span>}
        {status.kind === 'invalid' && invalid !== null && (
          <span className="admin-error" role="alert">
            {invalid ?? t('admin.checkFields')}
          </span>
        )}
        {status.kind === 'refused' && (
          <span className="admin-error" role="alert">
            {status.form ? describeRefusal(t, status.form, status.failure) : loadFailureText(t, status.failure)}
          </span>
        )}
      </div>
      <div className="row-end">
        {children}
        <button type="submit" className="button primary" disabled={status.kind === 'saving'} data-testid={saveTestId}>
          {status.kind === 'saving' ? t('admin.saving') : t('admin.save')}
        </button>
      </div>
    </div>
  );
}
