import { z } from 'zod';
import { create } from 'zustand';
import type { Session } from '../../shared/protocol/auth';
import { SessionSchema } from '../auth/auth-api';

/** A session as the desktop keeps it: where it came from and when, for refresh timing. */
export type StoredSession = Session & { hubUrl: string; obtainedAt: number };

/** Why the agent is back on the login page, when it was not their own choice. */
export type EndReason = 'expired' | null;

type SessionState = {
  current: StoredSession | null;
  endReason: EndReason;
  signIn(session: Session, hubUrl: string): void;
  /** A refreshed token pair for the same user. */
  renew(session: Session): void;
  signOut(reason?: EndReason): void;
};

const STORAGE_KEY = 'switchboard.session';

const StoredSessionSchema = SessionSchema.extend({ hubUrl: z.string().min(1), obtainedAt: z.number() });

/**
 * sessionStorage: the session survives a reload (and an offline restart of
 * the page) but not closing the window.
 */
function load(): StoredSession | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = StoredSessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function save(session: StoredSession | null): void {
  try {
    if (session) globalThis.sessionStorage?.setItem(STORAGE_KEY, JSON.stringify(session));
    else globalThis.sessionStorage?.removeItem(STORAGE_KEY);
  } catch {
    // Storage can be unavailable (private mode quotas): the session then lasts as long as the page.
  }
}

export const useSession = create<SessionState>((set, get) => ({
  current: load(),
  endReason: null,
  signIn(session, hubUrl) {
    const current = { ...session, hubUrl, obtainedAt: Date.now() };
    save(current);
    set({ current, endReason: null });
  },
  renew(session) {
    const previous = get().current;
    if (!previous || previous.user.id !== session.user.id) return;
    const current = { ...session, hubUrl: previous.hubUrl, obtainedAt: Date.now() };
    save(current);
    set({ current });
  },
  signOut(reason = null) {
    save(null);
    set({ current: null, endReason: reason });
  },
}));
