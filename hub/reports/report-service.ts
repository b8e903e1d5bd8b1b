import type { Kysely } from 'kysely';
import type { ReportRequest, ReportResult } from '../../shared/protocol/reports';
import type { CsatSource } from '../../shared/reports/csat';
import { FCR_WINDOW_MS } from '../../shared/reports/figures';
import { type ArrivalsByCustomer, arrivalsByCustomer, markFirstContact } from '../../shared/reports/first-contact';
import { dayRange, intervalStarts } from '../../shared/reports/range';
import { addRows, buildReport, mergeSums } from '../../shared/reports/report';
import { bucketOf, type RollupRow, rollUp } from '../../shared/reports/rollup';
import { foldTask, type TaskFacts } from '../../shared/reports/task-facts';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { listQueues } from '../db/routing-queries';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import { arrivalsIn, eventsOfArrivals, firstArrival, groupNames, insertRollups, readRolledUpTo, saveRolledUpTo, sumRollups } from './report-queries';

const DAY = 86_400_000;
/**
 * A period is rolled up once its tasks have had a day to finish and the FCR
 * window after that has passed, so its sums never change again. Anything
 * newer is folded from task events when a report asks.
 */
export const ROLL_UP_AFTER_MS = DAY + FCR_WINDOW_MS;
/** One transaction per day of arrivals keeps routing's writes from waiting behind a long catch-up. */
const ROLL_UP_STEP_MS = DAY;
const ARRIVALS_CHUNK_MS = 30 * DAY;

/** How often the hub rolls up newly finished periods by itself, so a report seldom waits for a catch-up. */
const ROLL_UP_EVERY_MS = 3_600_000;

export type ReportServiceDeps = { db: Kysely<Database>; writeQueue: WriteQueue; clock: Clock; csat: CsatSource; log: Logger };

export type ReportService = {
  run(request: ReportRequest): Promise<ReportResult>;
  /** Rolls up every finished period not rolled up yet; reports call it first. */
  rollUpFinished(): Promise<void>;
  /** Rolls up now and then every hour; the returned stop waits for a catch-up under way. */
  start(): () => Promise<void>;
};

export function createReportService({ db, writeQueue, clock, csat, log }: ReportServiceDeps): ReportService {
  let rolling: Promise<void> | null = null;

  async function thresholds(): Promise<(queueId: string) => number> {
    const byQueue = new Map((await listQueues(db)).map((q) => [q.id, q.serviceLevel.seconds * 1000]));
    return (queueId) => byQueue.get(queueId) ?? 0;
  }

  /** Customers' arrivals in [start, until), for first-contact resolution. */
  async function arrivals(start: number, until: number): Promise<ArrivalsByCustomer> {
    return arrivalsByCustomer(await arrivalsIn(db, start, until));
  }

  /**
   * Facts of the tasks that arrived in [start, end); `returns` must hold every
   * arrival up to FCR_WINDOW_MS after their done (a promise, so that Postgres reads both at once).
   */
  async function factsOf(start: number, end: number, returns: ArrivalsByCustomer | Promise<ArrivalsByCustomer>): Promise<{ facts: TaskFacts[]; events: number }> {
    const [tasks, threshold, byCustomer] = await Promise.all([eventsOfArrivals(db, start, end), thresholds(), returns]);
    const facts: TaskFacts[] = [];
    let events = 0;
    for (const list of tasks) {
      events += list.length;
      const folded = foldTask(list, threshold);
      if (folded) facts.push(folded);
    }
    markFirstContact(facts, byCustomer);
    return { facts, events };
  }

  async function catchUp(): Promise<void> {
    const target = bucketOf(clock() - ROLL_UP_AFTER_MS);
    let from = (await readRolledUpTo(db)) ?? bucketOf((await firstArrival(db)) ?? target);
    // Arrivals are read a month at a time (plus the window after it), not once per day rolled up.
    let returns: { until: number; byCustomer: ArrivalsByCustomer } | null = null;
    while (from < target) {
      const to = Math.min(target, from + ROLL_UP_STEP_MS);
      if (!returns || returns.until < to + ROLL_UP_AFTER_MS) {
        const until = Math.min(target, from + ARRIVALS_CHUNK_MS) + ROLL_UP_AFTER_MS;
        returns = { until, byCustomer: await arrivals(from, until) };
      }
      const { facts } = await factsOf(from, to, returns.byCustomer);
      const rows: RollupRow[] = rollUp(facts);
      const stepFrom = from;
      await writeQueue(() =>
        db.transaction().execute(async (tx) => {
          // Another hub on the same Postgres may have rolled this step up meanwhile.
          const now = await readRolledUpTo(tx);
          if (now !== null && now >= to) return;
          if (now !== null && now !== stepFrom) throw new Error(`rollups moved to ${now} while rolling up from ${stepFrom}`);
          await insertRollups(tx, rows);
          await saveRolledUpTo(tx, to);
        }),
      );
      from = (await readRolledUpTo(db)) ?? to;
    }
  }

  function rollUpFinished(): Promise<void> {
    // One catch-up at a time in this hub; reports asking meanwhile wait for the same one.
    rolling ??= catchUp().finally(() => {
      rolling = null;
    });
    return rolling;
  }

  async function run(request: ReportRequest): Promise<ReportResult> {
    await rollUpFinished();
    const { start, end } = dayRange(request.from, request.to, request.timeZone);
    const rolledUpTo = (await readRolledUpTo(db)) ?? bucketOf(clock() - ROLL_UP_AFTER_MS);
    // The range's ends are whole quarter hours in every zone, so rollups and live facts meet without overlap.
    const liveStart = Math.max(start, rolledUpTo);
    const [rolled, live, names, scores] = await Promise.all([
      sumRollups(db, start, Math.min(end, rolledUpTo), request.groupBy),
      liveStart < end ? factsOf(liveStart, end, arrivals(liveStart, end + ROLL_UP_AFTER_MS)) : Promise.resolve({ facts: [], events: 0 }),
      groupNames(db, request.groupBy),
      csat.scores({ start, end }, request.groupBy),
    ]);
    const sums = mergeSums(rolled, addRows({ byGroup: new Map(), byBucket: new Map() }, rollUp(live.facts), request.groupBy));
    const report = buildReport({
      sums,
      label: (key) => names.get(key) ?? null,
      intervals: intervalStarts(start, end, request.interval, request.timeZone),
      csat: scores,
    });
    return { request, start, end, ...report, csatCollected: csat.collected, liveEvents: live.events };
  }

  function start(): () => Promise<void> {
    const roll = () => {
      rollUpFinished().catch((error: unknown) => log.error('rolling up finished report periods failed', error));
    };
    roll();
    const timer = setInterval(roll, ROLL_UP_EVERY_MS);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await rolling?.catch(() => undefined);
    };
  }

  return { run, rollUpFinished, start };
}
