import { type FormEvent, useMemo, useState } from 'react';
import { checkPassword } from '../../../shared/auth/password-policy';
import { SessionsEndedSchema } from '../../../shared/protocol/auth';
import { useT } from '../../i18n/locale-store';
import type { Translate } from '../../i18n/translate';
import { useNotices } from '../../store/notices';
import { type StoredSession, useSession } from '../../store/session';
import { useWorkspace } from '../../store/workspace';
import { type AdminFailure, createLiveCaller } from '../../sync/admin-client';
import { useSync } from '../../sync/context';
import { accountFailureText, passwordRuleText } from './password-text';

type Step = 'menu' | 'password' | 'everywhere';

/** Back to the sign-in page once the hub has ended every session of mine (this one's tokens are void too). */
function endLocalSession(): void {
  useWorkspace.getState().reset();
  useNotices.getState().clear();
  useSession.getState().signOut();
}

/** My account, beside "Sign out": change my password, or log out on every device. */
export function AccountMenu({ session }: { session: StoredSession }) {
  const t = useT();
  const { engine } = useSync();
  const call = useMemo(() => createLiveCaller(engine.socket, 15_000), [engine]);
  const [step, setStep] = useState<Step | null>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  // Words to say rather than said words, so a language switch re-translates them.
  const [problem, setProblem] = useState<((t: Translate) => string) | null>(null);
  const [busy, setBusy] = useState(false);

  function close() {
    setStep(null);
    setProblem(null);
    setCurrent('');
    setNext('');
    setRepeat('');
  }

  async function finish(request: Promise<{ ok: true } | { ok: false; failure: AdminFailure }>) {
    setBusy(true);
    const answer = await request;
    setBusy(false);
    if (answer.ok) endLocalSession();
    else {
      const { failure } = answer;
      setProblem(() => (tr: Translate) => tr('account.failed', { reason: accountFailureText(tr, failure) }));
    }
  }

  function changePassword(event: FormEvent) {
    event.preventDefault();
    const verdict = checkPassword(next, session.user.username);
    if (!verdict.ok) {
      const { rule } = verdict;
      setProblem(() => (tr: Translate) => passwordRuleText(tr, rule));
    } else if (next !== repeat) setProblem(() => (tr: Translate) => tr('account.passwordsDiffer'));
    else
      void finish(call('account:password', (s) => s.emitWithAck('account:password', { currentPassword: current, newPassword: next }), SessionsEndedSchema));
  }

  return (
    <div className="logout account-menu">
      <button type="button" className="button ghost" aria-expanded={step !== null} onClick={() => (step ? close() : setStep('menu'))} data-testid="account-menu">
        {t('account.menu')}
      </button>
      {step && (
        <div className="popover" role="dialog" aria-label={t('account.menu')} data-testid="account-popover">
          {step === 'menu' && (
            <div className="account-actions">
              <button type="button" className="button ghost wide" onClick={() => setStep('password')} data-testid="account-change-password">
                {t('account.changePassword')}
              </button>
              <button type="button" className="button ghost wide" onClick={() => setStep('everywhere')} data-testid="account-sign-out-everywhere">
                {t('account.signOutEverywhere')}
              </button>
            </div>
          )}
          {step === 'password' && (
            <form onSubmit={changePassword} noValidate aria-label={t('account.changePassword')}>
              <p className="muted">{t('account.passwordHint')}</p>
              <label className="field">
                <span>{t('account.currentPassword')}</span>
                <input type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} data-testid="account-current" />
              </label>
              <label className="field">
                <span>{t('account.newPassword')}</span>
                <input type="password" autoComplete="new-password" value={next} onChange={(event) => setNext(event.target.value)} data-testid="account-new" />
              </label>
              <label className="field">
                <span>{t('account.repeatPassword')}</span>
                <input type="password" autoComplete="new-password" value={repeat} onChange={(event) => setRepeat(event.target.value)} data-testid="account-repeat" />
              </label>
              {problem && (
                <p className="form-error" role="alert" data-testid="account-problem">
                  {problem(t)}
                </p>
              )}
              <div className="row-end">
                <button type="button" className="button ghost" onClick={close}>
                  {t('account.cancel')}
                </button>
                <button type="submit" className="button primary" disabled={busy || !current || !next} data-testid="account-save-password">
                  {t('account.savePassword')}
                </button>
              </div>
            </form>
          )}
          {step === 'everywhere' && (
            <div>
              <p>{t('account.signOutEverywhereConfirm')}</p>
              <p className="muted">{t('account.signOutEverywhereHint')}</p>
              {problem && (
                <p className="form-error" role="alert" data-testid="account-problem">
                  {problem(t)}
                </p>
              )}
              <div className="row-end">
                <button type="button" className="button ghost" onClick={close}>
                  {t('account.cancel')}
                </button>
                <button
                  type="button"
                  className="button danger"
                  disabled={busy}
                  onClick={() => void finish(call('account:signOutEverywhere', (s) => s.emitWithAck('account:signOutEverywhere', { confirm: true }), SessionsEndedSchema))}
                  data-testid="account-confirm-everywhere"
                >
                  {t('account.signOutEverywhere')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
