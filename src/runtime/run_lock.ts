import type { Dialect } from "../dialect/dialect.ts";
import type { Connection, Session } from "../driver/connection.ts";
import { RetortError } from "../errors.ts";
import type { VersionTable } from "./version_table.ts";

/** A step that was started outside a transaction and has not finished. */
export interface StepInProgress {
  readonly revision: string;
  readonly direction: string;
  readonly owner: string;
  /** When the owner last showed it was alive (ms since epoch). */
  readonly renewedAt: number;
  /** Whether the owner stopped renewing its lease: it died part-way. */
  readonly stale: boolean;
}

/** How long a lease lasts without renewal, and how often the holder renews it. */
export const leaseMs = 30_000;
const renewEveryMs = 10_000;

/**
 * The lock row of a run: one row in `<versionTable>_lock`, held with a lease that the holder
 * renews from a second connection. Because it is plain data it holds across connection
 * poolers. It also records a step that runs outside a transaction (every step on MySQL), so a
 * run that dies part-way leaves a trace that `current` and `upgrade` report as dirty.
 *
 * @example
 * ```ts
 * const lock = RunLock.of(versionTable);
 * await lock.acquire(connection, openHeartbeat, 60_000);
 * try { ... } finally { await lock.release(connection); }
 * ```
 */
export class RunLock {
  readonly owner = crypto.randomUUID().replaceAll("-", "");
  private heartbeat?: { connection: Connection; timer: ReturnType<typeof setInterval> };

  constructor(readonly dialect: Dialect, readonly versionTable: string, readonly schema?: string) {}

  /** The lock row that goes with a version table. */
  static of(table: VersionTable): RunLock {
    return new RunLock(table.dialect, table.name, table.schema);
  }

  get table(): string {
    return this.dialect.qualify(`${this.versionTable}_lock`, this.schema);
  }

  /** Creates the lock table if it is missing (tolerating a concurrent creator). */
  async ensure(session: Session): Promise<void> {
    const bigint = this.dialect.name === "sqlite" ? "INTEGER" : "BIGINT";
    const sql = `CREATE TABLE IF NOT EXISTS ${this.table} (id INTEGER NOT NULL PRIMARY KEY, ` +
      `owner VARCHAR(64) NOT NULL, revision VARCHAR(64), direction VARCHAR(16), renewed_at ${bigint} NOT NULL)`;
    try {
      await session.execute(sql);
    } catch (error) {
      // Two creators at once: PostgreSQL reports the loser as a duplicate type or key.
      if (!/duplicate|already exists/i.test(String((error as Error).message))) throw error;
    }
  }

  /** The unfinished step recorded in the lock row, if any. */
  async inProgress(session: Session): Promise<StepInProgress | undefined> {
    const exists = this.dialect.tableExists(`${this.versionTable}_lock`, this.schema);
    if ((await session.query(exists.sql, exists.params)).length === 0) return undefined;
    const rows = await session.query(
      `SELECT owner, revision, direction, renewed_at FROM ${this.table} WHERE id = 1`,
    );
    const row = rows[0];
    if (!row || row.revision === null || row.revision === undefined) return undefined;
    const renewedAt = Number(row.renewed_at);
    return {
      revision: String(row.revision),
      direction: String(row.direction),
      owner: String(row.owner),
      renewedAt,
      stale: Date.now() - renewedAt > leaseMs,
    };
  }

  /**
   * Takes the lock row, waiting up to `timeoutMs` for another holder. A holder whose lease ran
   * out with a step in progress is not taken over: that is a dirty database, reported with the
   * way to repair it.
   */
  async acquire(
    connection: Connection,
    openHeartbeat: () => Promise<Connection>,
    timeoutMs: number,
  ): Promise<void> {
    await this.ensure(connection);
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0;; attempt++) {
      if (await this.tryTake(connection)) break;
      const step = await this.inProgress(connection);
      if (step?.stale) throw dirtyError(step);
      if (Date.now() > deadline) {
        throw new RetortError(
          "LOCK_TIMEOUT",
          `another retort run holds the migration lock (${this.table}) and did not finish within ${timeoutMs} ms; ` +
            "wait for it, or raise lockTimeoutMs",
        );
      }
      await sleep(Math.min(50 * 2 ** Math.min(attempt, 4), 500) * (0.5 + Math.random()));
    }
    const heartbeat = await openHeartbeat();
    const timer = setInterval(() => {
      heartbeat.execute(
        `UPDATE ${this.table} SET renewed_at = ${Date.now()} WHERE id = 1 AND owner = '${this.owner}'`,
      )
        .catch(() => {});
    }, renewEveryMs);
    (timer as { unref?: () => void }).unref?.();
    this.heartbeat = { connection: heartbeat, timer };
  }

  /** Records that `revision` is about to run outside a transaction. */
  async markStep(session: Session, revision: string, direction: string): Promise<void> {
    await session.execute(
      `UPDATE ${this.table} SET revision = ${this.dialect.literal(revision)}, direction = ${
        this.dialect.literal(direction)
      }, renewed_at = ${Date.now()} WHERE id = 1 AND owner = '${this.owner}'`,
    );
  }

  /** Clears the step record once the step and its version write are done. */
  async clearStep(session: Session): Promise<void> {
    await session.execute(
      `UPDATE ${this.table} SET revision = NULL, direction = NULL WHERE id = 1 AND owner = '${this.owner}'`,
    );
  }

  /** Gives the lock up; a step still recorded (it failed) stays, marking the database dirty. */
  async release(connection: Connection): Promise<void> {
    if (this.heartbeat) {
      clearInterval(this.heartbeat.timer);
      await this.heartbeat.connection.close().catch(() => {});
      this.heartbeat = undefined;
    }
    await connection.execute(
      `DELETE FROM ${this.table} WHERE id = 1 AND owner = '${this.owner}' AND revision IS NULL`,
    );
    // A step still recorded here failed part-way: let it show as dirty at once, not in 30 s.
    await connection.execute(
      `UPDATE ${this.table} SET renewed_at = 0 WHERE id = 1 AND owner = '${this.owner}'`,
    );
  }

  /**
   * Removes the lock row of a run that died (its lease ran out), with the step it left
   * unfinished: `stamp` does this, since stamping is how the user says the schema is repaired.
   */
  async clearStale(session: Session): Promise<StepInProgress | undefined> {
    const step = await this.inProgress(session);
    if (step && !step.stale) return undefined;
    const exists = this.dialect.tableExists(`${this.versionTable}_lock`, this.schema);
    if ((await session.query(exists.sql, exists.params)).length > 0) {
      await session.execute(
        `DELETE FROM ${this.table} WHERE id = 1 AND renewed_at < ${Date.now() - leaseMs}`,
      );
    }
    return step;
  }

  private async tryTake(connection: Connection): Promise<boolean> {
    const now = Date.now();
    try {
      await connection.execute(
        `INSERT INTO ${this.table} (id, owner, renewed_at) VALUES (1, '${this.owner}', ${now})`,
      );
      return true;
    } catch (error) {
      if (!/duplicate|unique|constraint/i.test(String((error as Error).message))) throw error;
    }
    // A holder that stopped renewing without a step in progress died cleanly enough: take over.
    const taken = await connection.execute(
      `UPDATE ${this.table} SET owner = '${this.owner}', renewed_at = ${now} ` +
        `WHERE id = 1 AND revision IS NULL AND renewed_at < ${now - leaseMs}`,
    );
    return taken === 1;
  }
}

/** The error for a step that died part-way, with the way to repair it. */
export function dirtyError(step: StepInProgress): RetortError {
  return dirtyMessage({
    revision: step.revision,
    direction: step.direction,
    // A run that failed part-way marks its lease expired at once (renewed_at 0): no time to show.
    lastSeen: step.renewedAt > 0 ? new Date(step.renewedAt).toISOString() : null,
  });
}

/** The error for a dirty database as `current` reports it. */
export function dirtyMessage(
  step: { revision: string; direction: string; lastSeen: string | null },
): RetortError {
  const when = step.lastSeen ? ` (last seen ${step.lastSeen})` : "";
  return new RetortError(
    "DIRTY_DATABASE",
    `the database is dirty: ${step.direction} ${step.revision} started outside a transaction and did not finish${when}; ` +
      "check the schema by hand, then `retort stamp REV` with the revision it matches",
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
