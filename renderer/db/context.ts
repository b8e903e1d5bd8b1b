import { createContext, useContext } from 'react';
import type { SwitchboardDb } from './schema';

export const DbContext = createContext<SwitchboardDb | null>(null);

export function useDb(): SwitchboardDb {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb outside a signed-in session');
  return db;
}
