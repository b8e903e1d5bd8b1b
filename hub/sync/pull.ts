import type { z } from 'zod';
import type { PullRequestSchema, PullResult } from '../../shared/protocol/changes';
import { readChanges, readHead } from '../db/change-log';
import type { Queryable } from '../db/schema';
import { pageOfChanges } from './pull-page';
import { refuse } from './refusal';

export async function pullChanges(db: Queryable, request: z.output<typeof PullRequestSchema>): Promise<PullResult> {
  // Read the head first: every seq up to it is committed (the counter row
  // serialises writers), so the page below never sees a hole.
  const head = await readHead(db);
  if (request.since > head) {
    throw refuse('cursor-ahead', `Your cursor ${request.since} is ahead of the hub (${head}); the local cache must be rebuilt.`);
  }
  const changes = await readChanges(db, {
    after: request.since,
    upTo: head,
    limit: request.limit,
    interactionsSince: request.interactionsSince,
  });
  return pageOfChanges(changes, head, request.limit);
}
