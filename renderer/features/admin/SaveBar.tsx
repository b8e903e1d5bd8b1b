import type { ReactNode } from 'react';
import { useT } from '../../i18n/locale-store';
import { useAdmin } from './admin-context';
import { describeRefusal } from './save-refusal';
import type { SaveStatus } from './use-save';

/** Save (and any other actions) with the outcome beside it; nothing at all for a read-only viewer. */
export function SaveBar({ status, children }: { status: SaveStatus; children?: ReactNode }) {
  const t = useT();
  const { canEdit } = useAdmin();
  if (!canEdit) return null;
  return (
    <div className="admin-savebar">
      <div className="admin-save-status" data-testid="admin-save-status" data-status={status.kind}>
        {status.kind === 'saved' && <span className="admin-ok">{t('admin.saved')}</span>}
        {status.kind === 'invalid' && (
          <span className="admin-error" role="alert">
            {t('admin.checkFields')}
          </span>
        )}
        {status.kind === 'refused' && (
          <span className="admin-error" role="alert">
            {describeRefusal(t, status.form, status.failure)}
          </span>
        )}
      </div>
      <div className="row-end">
        {children}
        <button type="submit" className="button primary" disabled={status.kind === 'saving'} data-testid="admin-save">
          {status.kind === 'saving' ? t('admin.saving') : t('admin.save')}
        </button>
      </div>
    </div>
  );
}
