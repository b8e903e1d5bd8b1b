import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Kysely, sql } from 'kysely';
import { API_PATHS } from '../../shared/protocol/auth';
import type { Database, StoreKind } from '../db/schema';
import type { Logger } from '../log';
import { sendJson } from './json-body';

/** A node alone, or one of a cluster's nodes: the one deciding (leader) or one passing work to it. */
export type NodeRole = 'standalone' | 'leader' | 'follower';

/** The load balancer's question for the leader's own ports (SMTP in): only the leader says yes. */
export const LEADER_HEALTH_PATH = `${API_PATHS.health}/leader`;

export type HealthDeps = { db: Kysely<Database>; storeKind: StoreKind; version: string; node: string; role: () => NodeRole; log: Logger };

/**
 * Each node answers its own health (a load balancer checks every node, so
 * a follower never passes this to the leader): up when its store answers.
 */
export function createHealth(deps: HealthDeps) {
  return {
    handles: (pathname: string): boolean => pathname === API_PATHS.health || pathname === LEADER_HEALTH_PATH,
    async handle(_request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
      const role = deps.role();
      const facts = { db: deps.storeKind, version: deps.version, node: deps.node, role };
      try {
        await sql`select 1`.execute(deps.db);
      } catch (error) {
        deps.log.error('health check: the store does not answer', error);
        return sendJson(response, 503, { status: 'error', ...facts });
      }
      if (pathname === LEADER_HEALTH_PATH && role === 'follower') return sendJson(response, 503, { status: 'not-leader', ...facts });
      sendJson(response, 200, { status: 'ok', ...facts });
    },
  };
}
