import type { Kysely } from 'kysely';
import { ListCursorError, encodeCursor, planCustomerList } from '../../../shared/crm/analysis/customer-filter';
import type {
  ChurnAnswer,
  ChurnRequest,
  CustomerListAnswer,
  CustomerListRequestSchema,
  CustomerListRow,
  LifecycleAnswer,
  MigrationAnswer,
  MigrationRequest,
  PyramidAnswer,
} from '../../../shared/protocol/customer-analysis';
import type { Clock } from '../../clock';
import type { Database, StoreKind } from '../../db/schema';
import type { WriteQueue } from '../../db/write-queue';
import type { Logger } from '../../log';
import { refuse } from '../../sync/refusal';
import { startNightly } from '../nightly';
import { churnList, lifecycle, pyramid, tierMigration } from './analysis-queries';
import { customerListPage } from './customer-list';
import { dayIn, hasSnapshot, snapshotDays, snapshotOnOrBefore, writeSnapshot } from './snapshots';

export type AnalysisDeps = {
  db: Kysely<Database>;
  kind: StoreKind;
  writeQueue: WriteQueue;
  clock: Clock;
  log: Logger;
  /** The hub's zone: snapshot days are its calendar days. */
  timeZone?: string;
};

type ListRequest = import('zod').infer<typeof CustomerListRequestSchema>;

/** After the nightly value recompute (02:00), so the day's snapshot holds the night's figures. */
const SNAPSHOT_HOUR = 3;
const DAY_MS = 86_400_000;
/** The default migration window: a month back from the newest snapshot. */
const MIGRATION_DAYS = 30;

/**
 * Customer analysis for supervisors (issue 7): the pyramid, lifecycle
 * distribution, tier migration and churn risk read from the value rows
 * (hub/crm/value-*.ts) and a daily snapshot of them this service keeps, and
 * the filtered customer list behind the list screen and its CSV export.
 */
export function createAnalysisService(deps: AnalysisDeps) {
  const { db, kind, writeQueue, clock, log } = deps;
  const timeZone = deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const today = () => dayIn(timeZone, clock());

  /** Today's snapshot, unless it is already taken. Answers the rows written. */
  async function snapshot(): Promise<number> {
    const day = today();
    return writeQueue(async () => ((await hasSnapshot(db, day)) ? 0 : writeSnapshot(db, day)));
  }

  async function migration(request: MigrationRequest): Promise<MigrationAnswer> {
    const days = await snapshotDays(db);
    const to = request.to ?? days[0] ?? null;
    const from = request.from ?? (to === null ? null : ((await snapshotOnOrBefore(db, shiftDay(to, -MIGRATION_DAYS))) ?? days.at(-1) ?? null));
    const matrix = await tierMigration(db, from ?? '', to ?? '');
    return { from, to, days, matrix };
  }

  async function churn(request: Required<ChurnRequest>): Promise<ChurnAnswer> {
    const comparedWith = await snapshotOnOrBefore(db, dayIn(timeZone, clock() - request.days * DAY_MS));
    return { comparedWith, rows: await churnList(db, comparedWith, request.limit) };
  }

  async function list(request: ListRequest): Promise<CustomerListAnswer> {
    let plan: ReturnType<typeof planCustomerList>;
    try {
      const { sort, direction, after, limit, ...filter } = request;
      plan = planCustomerList(filter, { sort, direction, after, limit });
    } catch (error) {
      if (!(error instanceof ListCursorError)) throw error;
      throw refuse('invalid-payload', `${error.message}; start the list again from the first page.`, { issues: [{ path: 'after', message: error.message }] });
    }
    const page = await customerListPage(db, kind, plan);
    return { rows: page.rows, next: page.more && page.last ? encodeCursor(page.last) : null };
  }

  /** Every row of a filter, page by page, up to `max` (the export). */
  async function allRows(request: Omit<ListRequest, 'after' | 'limit'>, max: number): Promise<CustomerListRow[]> {
    const rows: CustomerListRow[] = [];
    let after: string | undefined;
    while (rows.length < max) {
      const page = await list({ ...request, after, limit: Math.min(500, max - rows.length) });
      rows.push(...page.rows);
      if (page.next === null) break;
      after = page.next;
    }
    return rows;
  }

  /** Daily at 03:00 in the hub's zone, and now when today's snapshot is missing. Answers the stop for shutdown. */
  function start(): () => Promise<void> {
    let running: Promise<unknown> = Promise.resolve();
    const run = () => {
      running = snapshot()
        .then((rows) => {
          if (rows > 0) log.info(`customer value snapshot ${today()}: ${rows} customers`);
        })
        .catch((error: unknown) => log.error('the daily customer value snapshot failed', error));
    };
    run();
    return startNightly({ hour: SNAPSHOT_HOUR, timeZone, clock, run, inProgress: () => running });
  }

  return {
    pyramid: (): Promise<PyramidAnswer> => pyramid(db),
    lifecycle: (): Promise<LifecycleAnswer> => lifecycle(db),
    migration,
    churn,
    list,
    allRows,
    snapshot,
    timeZone,
    start,
  };
}

export type AnalysisService = ReturnType<typeof createAnalysisService>;

/** A calendar day moved by whole days (UTC arithmetic on the date alone, so no zone or DST enters). */
export function shiftDay(day: string, days: number): string {
  const at = Date.parse(`${day}T00:00:00Z`) + days * DAY_MS;
  return new Date(at).toISOString().slice(0, 10);
}
