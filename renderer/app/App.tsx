import { useEffect, useState } from 'react';
import { LoginPage } from '../features/login/LoginPage';
import { useT } from '../i18n/locale-store';
import { getPlatform } from '../platform/platform';
import { useSession } from '../store/session';
import { SessionRoot } from './SessionRoot';

export function App() {
  const t = useT();
  const session = useSession((state) => state.current);
  const [hubUrl, setHubUrl] = useState<string | null>(null);

  useEffect(() => {
    void getPlatform()
      .hubUrl()
      .then(setHubUrl);
  }, []);

  if (session) return <SessionRoot key={`${session.hubUrl}|${session.user.id}`} session={session} />;
  if (!hubUrl) return <p className="muted pad">{t('app.loading')}</p>;
  return <LoginPage hubUrl={hubUrl} onHubUrlChange={setHubUrl} />;
}
