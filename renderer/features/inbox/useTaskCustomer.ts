import type { Customer } from '../../../shared/domain/customer';
import { useCustomer } from '../../db/hooks';
import { valueOr } from '../../db/live';
import { useRouting } from './routing-context';

/** The task's customer: from the cache when synced, else as the offer brought it. */
export function useTaskCustomer(customerId: string | null): Customer | null {
  const cached = valueOr(useCustomer(customerId ?? ''), null);
  const offered = useRouting((state) => (customerId ? state.customers[customerId] : undefined));
  if (!customerId) return null;
  return cached ?? offered ?? null;
}
