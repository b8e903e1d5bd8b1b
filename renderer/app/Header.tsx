import { useState } from 'react';
import { useStore } from 'zustand';
import { logout } from '../auth/auth-api';
import { canOpenAdministration } from '../features/admin/admin-access';
import { canOpenSupervision } from '../features/supervisor/supervisor-access';
import { AgentStateControl } from '../features/inbox/AgentStateControl';
import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { Role } from '../../shared/domain/user';
import { useOptionalPhone } from '../features/phone/phone-context';
import { PhoneChip } from '../features/phone/PhoneChip';
import { SyncBadge } from '../features/status/SyncBadge';
import { AccountMenu } from '../features/status/AccountMenu';
import { useT } from '../i18n/locale-store';
import { useNotices } from '../store/notices';
import { type StoredSession, useSession } from '../store/session';
import { useWorkspace } from '../store/workspace';
import { useSync } from '../sync/context';
import { LogoMark } from './icons';
import { LanguageSwitch } from './LanguageSwitch';

export function Header({ session }: { session: StoredSession }) {
  const t = useT();
  const { engine } = useSync();
  const pending = useStore(engine.status, (state) => state.pending);
  const [confirming, setConfirming] = useState(false);
  const view = useWorkspace((state) => state.view);
  const phone = useOptionalPhone();

  function signOut() {
    void logout(session.hubUrl, session);
    useWorkspace.getState().reset();
    useNotices.getState().clear();
    useSession.getState().signOut();
  }

  return (
    <header className="app-header" data-testid="app-header">
      <div className="brand">
        <LogoMark className="logo" />
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      <div className="header-tools">
        <SyncBadge />
        {/* Only roles the hub lets take work have a state to set; an administrator has none. */}
        {takesWork(session.user.role) && <AgentStateControl />}
        {phone && <PhoneChip user={session.user.username} />}
        <div className="agent" title={t('header.agent', { name: session.user.displayName })} data-testid="agent-identity">
          <span className="agent-name">{session.user.displayName}</span>
          <span className="agent-role">{t(`role.${session.user.role}`)}</span>
        </div>
        {canOpenSupervision(session.user.role) && (
          <button
            type="button"
            className={`button ghost admin-toggle${view === 'supervisor' ? ' is-active' : ''}`}
            aria-pressed={view === 'supervisor'}
            onClick={() => useWorkspace.getState().showView(view === 'supervisor' ? 'desk' : 'supervisor')}
            data-testid="supervisor-toggle"
          >
            {view === 'supervisor' ? t('admin.backToDesk') : t('supervisor.title')}
          </button>
        )}
        {canOpenAdministration(session.user.role) && (
          <button
            type="button"
            className={`button ghost admin-toggle${view === 'admin' ? ' is-active' : ''}`}
            aria-pressed={view === 'admin'}
            onClick={() => useWorkspace.getState().showView(view === 'admin' ? 'desk' : 'admin')}
            data-testid="admin-toggle"
          >
            {view === 'admin' ? t('admin.backToDesk') : t('admin.open')}
          </button>
        )}
        <LanguageSwitch />
        {/* ── accounts: change my password, log out everywhere (features/status/AccountMenu.tsx) ── */}
        <AccountMenu session={session} />
        <div className="logout">
          <button
            type="button"
            className="button ghost"
            onClick={() => (pending > 0 ? setConfirming(true) : signOut())}
            data-testid="logout"
          >
            {t('header.logout')}
          </button>
          {confirming && (
            <div className="popover" role="alertdialog" aria-label={t('header.logout')} data-testid="logout-confirm">
              <p>{t('header.logoutPending', { count: pending })}</p>
              <div className="row-end">
                <button type="button" className="button ghost" onClick={() => setConfirming(false)}>
                  {t('profile.cancel')}
                </button>
                <button type="button" className="button danger" onClick={signOut} data-testid="logout-anyway">
                  {t('header.logout')}
                </button>
              </div>
            </div>
          )}
        </div>
      </div>
    </header>
  );
}

const takesWork = (role: Role): boolean => (CLIENT_EVENTS['agent:state:set'].roles as readonly Role[]).includes(role);
