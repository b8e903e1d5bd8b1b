import { type FormEvent, useEffect, useState } from 'react';
import { LogoMark } from '../../app/icons';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { type AuthFailure, login } from '../../auth/auth-api';
import { authFailureMessage, rateLimitMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/locale-store';
import { getPlatform } from '../../platform/platform';
import { useSession } from '../../store/session';

type Problem = { kind: 'required' } | { kind: 'hub-url' } | { kind: 'failure'; failure: AuthFailure };

/**
 * The desktop reloads its page when the hub changes (its Content-Security-Policy
 * names the hub: electron/main.ts); the username typed before survives it here.
 */
const AFTER_HUB_CHANGE = 'switchboard.login.afterHubChange';

function takeUsernameKeptOverReload(): string | null {
  const kept = sessionStorage.getItem(AFTER_HUB_CHANGE);
  sessionStorage.removeItem(AFTER_HUB_CHANGE);
  return kept;
}

export function LoginPage({ hubUrl, onHubUrlChange }: { hubUrl: string; onHubUrlChange(url: string): void }) {
  const t = useT();
  const platform = getPlatform();
  const endReason = useSession((state) => state.endReason);
  const signIn = useSession((state) => state.signIn);
  const [keptUsername] = useState(takeUsernameKeptOverReload);
  const [username, setUsername] = useState(keptUsername ?? '');
  const [password, setPassword] = useState('');
  const [hubDraft, setHubDraft] = useState(hubUrl);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [lockedUntil, setLockedUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());

  // A rate-limited login counts down in the message.
  useEffect(() => {
    if (lockedUntil <= Date.now()) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= lockedUntil) clearInterval(timer);
    }, 1_000);
    return () => clearInterval(timer);
  }, [lockedUntil]);
  const secondsLeft = Math.max(0, Math.ceil((lockedUntil - now) / 1_000));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setProblem({ kind: 'required' });
      return;
    }
    if (platform.canChangeHubUrl && hubDraft !== hubUrl) {
      if (!(await platform.setHubUrl(hubDraft))) {
        setProblem({ kind: 'hub-url' });
        return;
      }
      // The page reloads for the new hub now; signing in happens there.
      sessionStorage.setItem(AFTER_HUB_CHANGE, username);
      onHubUrlChange(hubDraft);
      return;
    }
    setBusy(true);
    setProblem(null);
    const result = await login(hubUrl, { username, password });
    setBusy(false);
    if (result.ok) {
      signIn(result.session, hubUrl);
      return;
    }
    setPassword('');
    setProblem({ kind: 'failure', failure: result.failure });
    if (result.failure.kind === 'hub' && result.failure.error.retryAfterSec) {
      const until = Date.now() + result.failure.error.retryAfterSec * 1_000;
      setNow(Date.now());
      setLockedUntil(until);
    }
  }

  let message: string | null = null;
  if (problem?.kind === 'required') message = t('login.required');
  else if (problem?.kind === 'hub-url') message = t('login.hubUrlInvalid');
  else if (problem?.kind === 'failure') {
    const { failure } = problem;
    message =
      failure.kind === 'hub' && failure.error.code === 'rate-limited'
        ? rateLimitMessage(t, secondsLeft)
        : authFailureMessage(t, failure);
  }

  return (
    <div className="login-screen">
      <form className="login-card" onSubmit={submit} aria-label={t('login.form')} data-testid="login-form" noValidate>
        <div className="login-brand">
          <LogoMark className="logo" />
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <h1>{t('login.title')}</h1>
        {keptUsername !== null && !problem && (
          <p className="form-info" role="status" data-testid="login-hub-changed">
            {t('login.hubChanged')}
          </p>
        )}
        {endReason === 'expired' && !problem && (
          <p className="form-info" role="status">
            {t('login.expired')}
          </p>
        )}
        <label className="field">
          <span>{t('login.username')}</span>
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            data-testid="login-username"
          />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="login-password"
          />
        </label>
        {platform.canChangeHubUrl && (
          <label className="field">
            <span>{t('login.hubUrl')}</span>
            <input
              name="hubUrl"
              type="url"
              value={hubDraft}
              onChange={(event) => setHubDraft(event.target.value)}
              data-testid="login-hub-url"
            />
          </label>
        )}
        {message && (
          <p className="form-error" role="alert" data-testid="login-error">
            {message}
          </p>
        )}
        <button className="button primary wide" type="submit" disabled={busy} data-testid="login-submit">
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <div className="login-footer">
          <LanguageSwitch />
        </div>
      </form>
    </div>
  );
}
