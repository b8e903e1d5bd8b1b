import { expect } from 'vitest';
import type { Mutation } from '../../../../shared/protocol/mutations';
import type { TestHub } from '../test-hub';
import type { ChaosDesktop } from './chaos-desktop';

/** What the hub's mutation log says of each mutation id. */
export type LoggedMutations = Map<string, { status: string; error: string | null }>;

/**
 * The hub's log holds exactly the mutations the desktops made — none lost,
 * none invented — and each applied one's effect is there once.
 */
export async function checkExactlyOnce(hub: TestHub, created: Mutation[]): Promise<LoggedMutations> {
  const rows = await hub.hub.db.selectFrom('mutations').select(['id', 'status', 'error']).execute();
  const logged = new Map(rows.map((row) => [row.id, { status: row.status, error: row.error }]));
  // Every mutation any desktop made is in the hub's log, and nothing else is.
  expect([...logged.keys()].sort(), 'the hub mutation log holds exactly the mutations the desktops made').toEqual(created.map((m) => m.id).sort());
  // Each applied mutation's timeline line is there; a follow-up lists each of its lines once (a replayed outcome would repeat one).
  const lineIds = created.flatMap((mutation) => {
    if (logged.get(mutation.id)?.status !== 'applied') return [];
    switch (mutation.name) {
      case 'interaction.addNote':
        return [mutation.args.interactionId];
      case 'complaint.log':
      case 'complaint.act':
      case 'followUp.schedule':
      case 'followUp.record':
        return [mutation.args.lineId];
      default:
        return [];
    }
  });
  if (lineIds.length > 0) {
    const lines = await hub.hub.db.selectFrom('interactions').select(['id']).where('id', 'in', lineIds).execute();
    expect(lines.map((line) => line.id).sort(), 'every applied mutation wrote its timeline line').toEqual([...lineIds].sort());
  }
  for (const row of await hub.hub.db.selectFrom('follow_ups').select(['id', 'data']).execute()) {
    const history = (JSON.parse(row.data) as { history: { lineId: string }[] }).history.map((entry) => entry.lineId);
    expect(new Set(history).size, `follow-up ${row.id} lists a line twice`).toBe(history.length);
  }
  return logged;
}

/**
 * Nothing the agent typed was dropped unseen: each mutation was applied, or
 * refused and shown to its agent exactly once with the hub's reason; nothing
 * applied was shown as refused.
 */
export function checkNothingDropped(desktop: ChaosDesktop, logged: LoggedMutations): void {
  const mine = new Set(desktop.created.map((mutation) => mutation.id));
  const surfaced = new Map<string, string[]>();
  for (const refusal of desktop.refusals) {
    expect(mine.has(refusal.mutation.id), `${desktop.label} surfaced a refusal of a mutation it did not make`).toBe(true);
    expect(refusal.error.code, `${desktop.label}: ${refusal.mutation.name} refused by a hub error, not a decision`).not.toBe('internal');
    surfaced.set(refusal.mutation.id, [...(surfaced.get(refusal.mutation.id) ?? []), refusal.error.code]);
  }
  for (const mutation of desktop.created) {
    const record = logged.get(mutation.id);
    const shown = surfaced.get(mutation.id) ?? [];
    const where = `${desktop.label} ${mutation.name} ${mutation.id}`;
    if (record?.status === 'applied') {
      expect(shown, `${where}: applied on the hub but shown as refused`).toEqual([]);
    } else {
      const code = (JSON.parse(record?.error ?? 'null') as { code?: string } | null)?.code;
      expect(shown, `${where}: refused by the hub (${code}) and must be shown once`).toEqual([code]);
    }
  }
}
