import { useSession } from '../store/session';
import type { SyncAuth } from '../sync/engine';
import { refresh } from './auth-api';
import { refreshDelay } from './refresh-timing';

/**
 * Keeps the access token fresh: renews it ahead of expiry and whenever the
 * hub says it expired. One renewal at a time — the refresh token is single
 * use, so two concurrent renewals would end the session.
 */
export function createSessionKeeper(): SyncAuth & { stop(): void } {
  let inFlight: Promise<'ok' | 'invalid' | 'offline'> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const schedule = () => {
    clearTimeout(timer);
    const session = useSession.getState().current;
    if (!session || stopped) return;
    timer = setTimeout(() => void renew(), refreshDelay(session, Date.now()));
  };

  function renew(): Promise<'ok' | 'invalid' | 'offline'> {
    inFlight ??= (async () => {
      const session = useSession.getState().current;
      if (!session) return 'invalid' as const;
      const result = await refresh(session.hubUrl, session.refreshToken);
      if (result.ok) {
        useSession.getState().renew(result.session);
        return 'ok' as const;
      }
      // Offline or a hub hiccup: keep working from the cache and try again later.
      if (result.failure.kind !== 'hub' || result.failure.error.code === 'rate-limited' || result.failure.error.code === 'internal') {
        return 'offline' as const;
      }
      return 'invalid' as const;
    })().finally(() => {
      inFlight = null;
      schedule();
    });
    return inFlight;
  }

  schedule();
  return {
    getToken: () => useSession.getState().current?.accessToken ?? '',
    refresh: renew,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
