import type { Customer, CustomerPatch } from '../../../shared/domain/customer';

/**
 * Applies only the fields the agent touched, so two agents editing different
 * fields of one profile both keep their edit. `updatedAt` always moves
 * forward, even when a desktop's clock runs behind the hub's.
 */
export function mergeCustomerPatch(current: Customer, patch: CustomerPatch, now: number): Customer {
  const merged: Customer = { ...current, updatedAt: Math.max(now, current.updatedAt + 1) };
  if (patch.name !== undefined) merged.name = patch.name;
  if (patch.company !== undefined) merged.company = patch.company === '' ? null : patch.company;
  if (patch.tags !== undefined) merged.tags = [...new Set(patch.tags)];
  return merged;
}
