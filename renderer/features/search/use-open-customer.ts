import { useCallback } from 'react';
import { useDb } from '../../db/context';
import { markRecent } from '../../db/meta';
import { useWorkspace } from '../../store/workspace';

/** Opening a customer also puts them at the top of the recent list. */
export function useOpenCustomer(): (customerId: string) => void {
  const db = useDb();
  const openCustomer = useWorkspace((state) => state.openCustomer);
  return useCallback(
    (customerId: string) => {
      openCustomer(customerId);
      void markRecent(db, customerId);
    },
    [db, openCustomer],
  );
}
