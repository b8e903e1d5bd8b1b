import { create } from 'zustand';
import type { ErrorCode } from '../../shared/protocol/errors';
import type { MutationName } from '../../shared/protocol/mutations';
import type { RoutingAction, RoutingFailure } from '../sync/routing-client';
import type { OfferEnd } from './routing';
import type { SyncError } from './sync-status';

/**
 * Things the agent must be told. Kept as data, not text, so a notice
 * switches language with the rest of the screen.
 */
export type Notice =
  | { id: number; kind: 'refused'; mutation: MutationName; code: ErrorCode; hubMessage: string }
  | { id: number; kind: 'sync-error'; error: SyncError }
  | { id: number; kind: 'routing-refused'; action: RoutingAction; failure: RoutingFailure }
  | { id: number; kind: 'offer-ended'; reason: OfferEnd; subject: string };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type NewNotice = WithoutId<Notice>;

type NoticeState = {
  notices: Notice[];
  push(notice: NewNotice): void;
  dismiss(id: number): void;
  clear(): void;
};

let nextId = 1;

/** The newest few are kept; a refusal stays until the agent dismisses it. */
const MAX_NOTICES = 5;

export const useNotices = create<NoticeState>((set) => ({
  notices: [],
  push(notice) {
    set((state) => ({ notices: [...state.notices, { ...notice, id: nextId++ }].slice(-MAX_NOTICES) }));
  },
  dismiss(id) {
    set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
  },
  clear() {
    set({ notices: [] });
  },
}));
