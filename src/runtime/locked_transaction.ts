import type { Session } from "../driver/connection.ts";
import { RetortError } from "../errors.ts";
import type { LockHolder, StepInProgress } from "./lock_report.ts";
import { describeHolder } from "./lock_report.ts";
import { RunLock } from "./run_lock.ts";
import type { RunContext } from "./run_steps.ts";

/**
 * Runs `work` in a transaction that first takes the database-wide migration lock: on
 * PostgreSQL a transaction-level advisory lock (released by commit or rollback, so it holds
 * behind a pooler that hands each transaction another session), on SQLite the write lock of
 * `BEGIN IMMEDIATE`. Both wait up to `lockTimeoutMs`.
 */
export async function lockedTransaction<T>(
  context: Pick<RunContext, "connection" | "dialect" | "versionTable" | "lockTimeoutMs">,
  work: (tx: Session) => Promise<T>,
): Promise<T> {
  try {
    return await context.connection.transaction(async (tx) => {
      if (context.dialect.name === "postgres") {
        await tx.execute(
          `SET LOCAL lock_timeout = ${Math.max(1, Math.floor(context.lockTimeoutMs))}`,
        );
        await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [
          `retort:${context.versionTable.schema ?? ""}.${context.versionTable.name}`,
        ]);
      }
      return await work(tx);
    });
  } catch (error) {
    const message = String((error as Error)?.message ?? "");
    if (
      /lock timeout|SQLITE_BUSY|database is locked/i.test(message) &&
      !(error instanceof RetortError && error.code === "MIGRATION_FAILED")
    ) {
      throw new RetortError(
        "LOCK_TIMEOUT",
        `another retort run held the migration lock for more than ${context.lockTimeoutMs} ms; wait for it, or raise lockTimeoutMs`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Runs `work` in a transaction holding the migration lock, after any run that holds the lock
 * row has finished (waiting for a live holder, saying so, never clearing its lease). Where DDL
 * is transactional that is the locked transaction, in which the lock row is only read; on
 * MySQL the lock row is taken around a plain transaction. A step a dead run left unfinished
 * is handed to `work`; `clear()` deletes its record in the same transaction (stamp does).
 */
export async function underMigrationLock<T>(
  context: Pick<
    RunContext,
    "connection" | "dialect" | "versionTable" | "lockTimeoutMs" | "reconnect"
  >,
  work: (
    tx: Session,
    unfinished: StepInProgress | undefined,
    clear: () => Promise<void>,
  ) => Promise<T>,
  options: { log?: (message: string) => void } = {},
): Promise<T> {
  const lock = RunLock.of(context.versionTable);
  await context.versionTable.ensure(context.connection);
  if (context.dialect.capabilities.transactionalDdl) {
    const deadline = Date.now() + context.lockTimeoutMs;
    let told = false;
    for (;;) {
      const outcome = await lockedTransaction<
        { value: T; holder?: undefined } | { holder: LockHolder }
      >(context, async (tx) => {
        const holder = await lock.read(tx);
        if (holder?.alive) return { holder };
        const clear = async () => {
          if (holder) await lock.clearUnfinished(tx, holder);
        };
        return { value: await work(tx, holder?.step, clear) };
      });
      if (!outcome.holder) return outcome.value;
      if (!told) {
        options.log?.(`waiting for the migration lock held by ${describeHolder(outcome.holder)}`);
      }
      told = true;
      if (Date.now() > deadline) {
        throw new RetortError(
          "LOCK_TIMEOUT",
          `another retort run (${
            describeHolder(outcome.holder)
          }) holds the migration lock and did not finish within ${context.lockTimeoutMs} ms; ` +
            "wait for it, or raise lockTimeoutMs; if that run is gone, `retort unlock --force` clears its lock",
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const unfinished = await lock.acquire(
    context.connection,
    context.reconnect,
    context.lockTimeoutMs,
    { ...options, takeOverDirty: true },
  );
  try {
    return await context.connection.transaction((tx) =>
      work(tx, unfinished, () => lock.clearStep(tx))
    );
  } finally {
    await lock.release(context.connection);
  }
}
