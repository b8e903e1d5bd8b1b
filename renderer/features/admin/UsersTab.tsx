import { type FormEvent, useMemo, useState } from 'react';
import { checkPassword } from '../../../shared/auth/password-policy';
import type { AccountView } from '../../../shared/protocol/auth';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import type { Translate } from '../../i18n/translate';
import type { AdminClient, AdminFailure } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';
import { useSession } from '../../store/session';
import { accountFailureText, passwordRuleText } from '../status/password-text';
import { createAccountAdminClient } from './account-client';
import { useAdmin } from './admin-context';
import { HubDataStatus } from './HubDataStatus';
import { upsertBy, useHubData } from './use-hub-data';
import './audit.css';

const loadAccounts = (_client: AdminClient, socket: HubSocket) => createAccountAdminClient(socket).accounts();
const accountId = (account: AccountView) => account.user.id;

/** Kept as words to say, not said words: a language switch re-translates the notice. */
type Notice = { kind: 'done' | 'failed'; text: (t: Translate) => string };

/** Every account: end its sessions, set a new password, disable or enable it, unlock it after failed sign-ins. Administrators only. */
export function UsersTab() {
  const { canEdit } = useAdmin();
  const t = useT();
  if (!canEdit) return <p className="muted" data-testid="users-admin-only">{t('users.adminOnly')}</p>;
  return <AccountsTable />;
}

function AccountsTable() {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { socket } = useAdmin();
  const me = useSession((state) => state.current?.user.id);
  const client = useMemo(() => createAccountAdminClient(socket), [socket]);
  const accounts = useHubData(loadAccounts);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  if (accounts.state.status !== 'ready') return <HubDataStatus states={[accounts.state]} onRetry={accounts.reload} />;

  async function act<T>(request: Promise<{ ok: true; data: T } | { ok: false; failure: AdminFailure }>, done: (data: T) => (t: Translate) => string) {
    setBusy(true);
    const answer = await request;
    setBusy(false);
    if (answer.ok) setNotice({ kind: 'done', text: done(answer.data) });
    else {
      const { failure } = answer;
      setNotice({ kind: 'failed', text: (tr) => tr('account.failed', { reason: accountFailureText(tr, failure) }) });
    }
    if (answer.ok) accounts.reload();
    return answer.ok;
  }

  function setNewPassword(event: FormEvent, account: AccountView) {
    event.preventDefault();
    const verdict = checkPassword(password, account.user.username);
    if (!verdict.ok) {
      const { rule } = verdict;
      setNotice({ kind: 'failed', text: (tr) => passwordRuleText(tr, rule) });
      return;
    }
    void act(client.setPassword(account.user.id, password), () => (tr) => tr('users.passwordSet', { name: account.user.displayName })).then((done) => {
      if (done) {
        setResetting(null);
        setPassword('');
      }
    });
  }

  return (
    <div className="admin-section" data-testid="users-tab">
      {notice && (
        <p className={notice.kind === 'done' ? 'form-info' : 'admin-error'} role={notice.kind === 'done' ? 'status' : 'alert'} data-testid="users-notice">
          {notice.text(t)}
        </p>
      )}
      <table className="admin-table" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">{t('users.user')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.status')}</th>
            <th scope="col" aria-label={t('admin.actions')} />
          </tr>
        </thead>
        <tbody>
          {accounts.state.data.map((account) => {
            const { user } = account;
            const self = user.id === me;
            return (
              <tr key={user.id} data-testid="users-row" data-username={user.username}>
                <th scope="row">
                  {user.displayName} <span className="muted">{user.username}</span> {self && <span className="muted">{t('users.self')}</span>}
                </th>
                <td>{t(`role.${user.role}`)}</td>
                <td>
                  <div>{account.disabled ? t('users.disabled') : t('users.active')}</div>
                  {account.lockedForSec > 0 && <div className="admin-error">{t('users.locked', { minutes: Math.ceil(account.lockedForSec / 60) })}</div>}
                  {account.sessionsValidFrom > 0 && <div className="muted">{t('users.sessionsEnded', { time: formatDateTime(account.sessionsValidFrom, locale) })}</div>}
                </td>
                <td>
                  {resetting === user.id ? (
                    <form className="users-reset" onSubmit={(event) => setNewPassword(event, account)} noValidate>
                      <label className="field">
                        <span>{t('users.newPassword', { name: user.displayName })}</span>
                        <input type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} data-testid="users-password" />
                      </label>
                      <div className="row-end">
                        <button type="button" className="button small ghost" onClick={() => setResetting(null)}>
                          {t('account.cancel')}
                        </button>
                        <button type="submit" className="button small primary" disabled={busy || !password} data-testid="users-password-save">
                          {t('users.savePassword')}
                        </button>
                      </div>
                    </form>
                  ) : (
                    <div className="users-actions">
                      <button
                        type="button"
                        className="button small"
                        disabled={busy}
                        onClick={() => void act(client.endSessions(user.id), (ended) => (tr) => tr('users.signedOut', { name: user.displayName, count: ended.revokedRefreshTokens }))}
                        data-testid="users-sign-out"
                      >
                        {t('users.signOut')}
                      </button>
                      <button type="button" className="button small" disabled={busy} onClick={() => { setPassword(''); setResetting(user.id); }} data-testid="users-reset">
                        {t('users.resetPassword')}
                      </button>
                      {!self && (
                        <button
                          type="button"
                          className={`button small${account.disabled ? '' : ' danger'}`}
                          disabled={busy}
                          onClick={() =>
                            void act(client.setDisabled(user.id, !account.disabled), (saved) => {
                              accounts.update((all) => upsertBy(all, saved, accountId));
                              return (tr) => tr(saved.disabled ? 'users.disabledNotice' : 'users.enabledNotice', { name: user.displayName });
                            })
                          }
                          data-testid="users-disable"
                        >
                          {account.disabled ? t('users.enable') : t('users.disable')}
                        </button>
                      )}
                      {account.lockedForSec > 0 && (
                        <button type="button" className="button small" disabled={busy} onClick={() => void act(client.unlock(user.username), () => (tr) => tr('users.unlocked', { name: user.displayName }))} data-testid="users-unlock">
                          {t('users.unlock')}
                        </button>
                      )}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
