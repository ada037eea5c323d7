import type { Session } from "../driver/connection.ts";
import { RetortError } from "../errors.ts";
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
 * Runs `work` holding the migration lock, in a transaction: the locked transaction where DDL
 * is transactional, else the lock row around a plain transaction (MySQL).
 */
export async function underMigrationLock<T>(
  context: Pick<
    RunContext,
    "connection" | "dialect" | "versionTable" | "lockTimeoutMs" | "reconnect"
  >,
  work: (tx: Session) => Promise<T>,
): Promise<T> {
  if (context.dialect.capabilities.transactionalDdl) return lockedTransaction(context, work);
  const lock = RunLock.of(context.versionTable);
  await context.versionTable.ensure(context.connection);
  await lock.acquire(context.connection, context.reconnect, context.lockTimeoutMs);
  try {
    return await context.connection.transaction(work);
  } finally {
    await lock.release(context.connection);
  }
}
