import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorCode } from '../../shared/protocol/errors';

/** The connection, as one tagged value: what the badge shows and what the tray mirrors. */
export type Connection =
  | { kind: 'connecting' }
  | { kind: 'syncing'; cursor: number; head: number }
  | { kind: 'online' }
  | { kind: 'offline'; since: number };

/** The last thing that went wrong, by kind, so the UI can translate it. */
export type SyncError =
  | { kind: 'hub'; code: ErrorCode; message: string }
  | { kind: 'network'; message: string }
  | { kind: 'bad-answer'; message: string }
  | { kind: 'out-of-sync'; message: string };

export type SyncStatus = {
  connection: Connection;
  /** Mutations waiting in the outbox. */
  pending: number;
  lastError: SyncError | null;
};

export type SyncStatusStore = StoreApi<SyncStatus>;

export const createSyncStatusStore = (): SyncStatusStore =>
  createStore<SyncStatus>(() => ({ connection: { kind: 'connecting' }, pending: 0, lastError: null }));
