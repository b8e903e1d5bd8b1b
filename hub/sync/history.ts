import type { z } from 'zod';
import type { Interaction } from '../../shared/domain/interaction';
import type { HistoryRequestSchema } from '../../shared/protocol/changes';
import { customerExists } from '../db/customer-queries';
import { olderInteractions } from '../db/interaction-queries';
import type { Queryable } from '../db/schema';
import { refuse } from './refusal';

/** Older timeline for one customer, past what the desktop caches; newest first. */
export async function historyPage(
  db: Queryable,
  request: z.output<typeof HistoryRequestSchema>,
): Promise<{ interactions: Interaction[]; more: boolean }> {
  if (!(await customerExists(db, request.customerId))) throw refuse('not-found', 'No such customer.');
  // One extra row answers "is there more?" without a count.
  const rows = await olderInteractions(db, request.customerId, request, request.limit + 1);
  return { interactions: rows.slice(0, request.limit), more: rows.length > request.limit };
}
