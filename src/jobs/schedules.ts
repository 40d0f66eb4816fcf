/**
 * `sync_schedules`: what each scheduled sync is (upstream, token variable, interval), how its last
 * run went and when the next one is due. It is the truth the queue follows: a schedule whose job
 * went missing is queued again from here (jobs/sweep.ts).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { syncSchedules } from '../db/schema.js';
import type { SyncJob } from './queue.js';

export type Schedule = typeof syncSchedules.$inferSelect;
export type ScheduleSpec = Pick<Schedule, 'merchantId' | 'source' | 'baseUrl' | 'tokenEnv' | 'everySeconds' | 'perPage'>;

/** The first retry after a failure; each further failure in a row doubles it, up to the interval. */
export const FIRST_RETRY_S = 30;

export const backoffSeconds = (failures: number, everySeconds: number) =>
  Math.min(everySeconds, FIRST_RETRY_S * 2 ** Math.max(0, failures - 1));

const thisOne = ({ merchantId, source }: SyncJob) => and(eq(syncSchedules.merchantId, merchantId), eq(syncSchedules.source, source));

/** Creates or changes a schedule, due now; its history (last run, failures) is kept. */
export async function saveSchedule(db: Db, spec: ScheduleSpec): Promise<void> {
  const { merchantId, source, ...changes } = spec;
  await db
    .insert(syncSchedules)
    .values({ ...spec, nextRunAt: sql`now()` })
    .onConflictDoUpdate({
      target: [syncSchedules.merchantId, syncSchedules.source],
      set: { ...changes, updatedAt: sql`now()`, nextRunAt: sql`now()` },
    });
}

export async function removeSchedule(db: Db, job: SyncJob): Promise<boolean> {
  return (await db.delete(syncSchedules).where(thisOne(job)).returning({ merchantId: syncSchedules.merchantId })).length > 0;
}

export async function loadSchedule(db: Db, job: SyncJob): Promise<Schedule | undefined> {
  return (await db.select().from(syncSchedules).where(thisOne(job)))[0];
}

export async function listSchedules(db: Db, merchantId?: string): Promise<Schedule[]> {
  return db
    .select()
    .from(syncSchedules)
    .where(merchantId ? eq(syncSchedules.merchantId, merchantId) : undefined)
    .orderBy(asc(syncSchedules.merchantId), asc(syncSchedules.source));
}

export async function markStarted(db: Db, job: SyncJob): Promise<void> {
  await db.update(syncSchedules).set({ lastStartedAt: sql`now()` }).where(thisOne(job));
}

export type Outcome = { ok: true; rows: number } | { ok: false; error: string } | { busy: true };

/** How long a run that found another one going waits before it tries again. */
const BUSY_RETRY_S = 15;

/**
 * Records how a run ended and when the next one is due: the interval after a success, the
 * backoff after a failure, a short wait when another process held the sync. Null when the
 * schedule was removed meanwhile.
 */
export async function markFinished(db: Db, job: SyncJob, outcome: Outcome): Promise<Date | null> {
  return db.transaction(async (tx) => {
    const [schedule] = await tx.select().from(syncSchedules).where(thisOne(job)).for('update');
    if (!schedule) return null;
    let changes: PgUpdateSetSource<typeof syncSchedules>;
    let waitS: number;
    if ('busy' in outcome) {
      changes = {};
      waitS = BUSY_RETRY_S;
    } else if (outcome.ok) {
      changes = { lastOutcome: 'ok', lastRows: outcome.rows, lastError: null, failures: 0 };
      waitS = schedule.everySeconds;
    } else {
      changes = { lastOutcome: 'failed', lastRows: null, lastError: outcome.error, failures: schedule.failures + 1 };
      waitS = backoffSeconds(schedule.failures + 1, schedule.everySeconds);
    }
    if (!('busy' in outcome)) changes.lastFinishedAt = sql`now()`;
    const [row] = await tx
      .update(syncSchedules)
      .set({ ...changes, nextRunAt: sql`now() + make_interval(secs => ${waitS})` })
      .where(thisOne(job))
      .returning({ nextRunAt: syncSchedules.nextRunAt });
    return row?.nextRunAt ?? null;
  });
}
