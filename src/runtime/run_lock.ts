import { hostname } from "node:os";
import process from "node:process";
import type { Dialect } from "../dialect/dialect.ts";
import type { Connection, Row, Session } from "../driver/connection.ts";
import { RetortError } from "../errors.ts";
import type { LockHolder, StatementState, StepInProgress } from "./lock_report.ts";
import { describeHolder, dirtyError, lostLeaseError, statementStart } from "./lock_report.ts";
import { mysqlLockNames, serverNowMs } from "./lock_sql.ts";
import type { VersionTable } from "./version_table.ts";

/**
 * How long a lease lasts without renewal where liveness is told by time (PostgreSQL, SQLite,
 * and rows an older retort wrote on MySQL), and how often the holder renews it. A renewal
 * more than one lease ahead of the server's clock was not written by it, and counts as run out.
 */
export const leaseMs = 30_000;
const renewEveryMs = 2_000;
/**
 * A holder that missed this long of renewals and whose process is gone (on PostgreSQL its
 * heartbeat's server process; on SQLite its own process, when on this host) is dead without
 * waiting for the lease to run out. The margin keeps a pooler that swapped the heartbeat's
 * server process between two renewals from making a live holder look dead.
 */
const missedRenewalsMs = 2 * renewEveryMs;

/** The owner `unlock --force` writes into the row of the run it ended. */
const unlockedOwner = "unlocked";

/** Columns added after the first release of the lock table; an older table gets them. */
const addedColumns = [
  ["host", "VARCHAR(255)"],
  ["pid", "INTEGER"],
  ["acquired_at", "BIGINT"],
  ["statements_run", "INTEGER"],
  ["statements_hash", "VARCHAR(64)"],
  ["last_statement", "VARCHAR(255)"],
  ["last_statement_state", "VARCHAR(16)"],
  ["connection_id", "BIGINT"],
  ["work_connection_id", "BIGINT"],
] as const;

/**
 * The lock row of a run: one row in `<versionTable>_lock`, owned by one run at a time. It
 * records a step that runs outside a transaction (every step on MySQL) and how far it got,
 * statement by statement, so a run that dies part-way leaves a trace that `current` and
 * `upgrade` report as dirty and `upgrade --resume` continues from.
 *
 * Whether the holder is alive is told by the server, never by a client's clock. On MySQL
 * the holder's heartbeat connection holds a `GET_LOCK` that the server frees the moment that
 * connection dies, so a killed run shows as gone at once; elsewhere the holder renews a
 * lease with the server's clock. Every write the holder makes checks that it still owns the
 * row; a holder that lost it (its heartbeat failed, the row was deleted or taken over) stops.
 *
 * @example
 * ```ts
 * const lock = RunLock.of(versionTable);
 * await lock.acquire(connection, openHeartbeat, 60_000, { log });
 * try { ... } finally { await lock.release(connection); }
 * ```
 */
export class RunLock {
  readonly owner = crypto.randomUUID().replaceAll("-", "");
  private heartbeat?: {
    connection: Connection;
    own: boolean;
    timer: ReturnType<typeof setInterval>;
  };
  private lostError?: RetortError;
  /** This run's MySQL heartbeat connection, which holds the live lock. */
  private liveConnection?: number;
  private holding = false;
  /** The step this run has recorded as running, and how far it got. */
  private step?: { revision: string; direction: string; statementsRun: number; hash: string };

  constructor(readonly dialect: Dialect, readonly versionTable: string, readonly schema?: string) {}

  /** The lock row that goes with a version table. */
  static of(table: VersionTable): RunLock {
    return new RunLock(table.dialect, table.name, table.schema);
  }

  get table(): string {
    return this.dialect.qualify(`${this.versionTable}_lock`, this.schema);
  }

  private get now(): string {
    return serverNowMs(this.dialect);
  }

  private get names(): { live: string; work: string } {
    return mysqlLockNames(this.dialect, `${this.versionTable}_lock`, this.schema);
  }

  /**
   * Creates the lock table if it is missing (tolerating a concurrent creator), and adds the
   * columns a table made by an older retort lacks.
   */
  async ensure(session: Session): Promise<void> {
    const bigint = this.dialect.name === "sqlite" ? "INTEGER" : "BIGINT";
    const columns = addedColumns.map(([name, type]) =>
      `, ${name} ${type === "BIGINT" ? bigint : type}`
    ).join("");
    const sql = `CREATE TABLE IF NOT EXISTS ${this.table} (id INTEGER NOT NULL PRIMARY KEY, ` +
      `owner VARCHAR(64) NOT NULL, revision VARCHAR(64), direction VARCHAR(16), renewed_at ${bigint} NOT NULL${columns})`;
    await tolerateConcurrent(() => session.execute(sql));
    const names = addedColumns.map(([name]) => name).join(", ");
    try {
      await session.query(`SELECT ${names} FROM ${this.table} WHERE 1 = 0`);
    } catch {
      for (const [name, type] of addedColumns) {
        await tolerateConcurrent(() =>
          session.execute(
            `ALTER TABLE ${this.table} ADD COLUMN ${name} ${type === "BIGINT" ? bigint : type}`,
          )
        );
      }
    }
  }

  /** The holder of the lock row, if there is one, and whether it is alive. */
  async read(session: Session): Promise<LockHolder | undefined> {
    const exists = this.dialect.tableExists(`${this.versionTable}_lock`, this.schema);
    if ((await session.query(exists.sql, exists.params)).length === 0) return undefined;
    const mysql = this.dialect.name === "mysql"
      ? `, IS_USED_LOCK(${this.names.live}) AS live_connection, IS_USED_LOCK(${this.names.work}) AS work_connection`
      : "";
    // `*`: a table an older retort made lacks the newer columns, and `current` only reads.
    const rows = await session.query(
      `SELECT *, ${this.now} AS server_now${mysql} FROM ${this.table} WHERE id = 1`,
    );
    return rows[0] ? this.holderOf(rows[0], await this.processes(session, rows[0])) : undefined;
  }

  /** Whether the holder's process is gone, and whether a statement of its still executes. */
  private async processes(
    session: Session,
    row: Row,
  ): Promise<{ gone: boolean; executing: boolean }> {
    const heartbeat = nullable(row.connection_id, Number);
    const work = nullable(row.work_connection_id, Number);
    if (this.dialect.name === "postgres" && heartbeat !== null) {
      const [found] = await session.query(
        "SELECT (SELECT count(*) FROM pg_stat_activity WHERE pid = $1) AS heartbeat, " +
          "(SELECT count(*) FROM pg_stat_activity WHERE pid = $2 AND state = 'active') AS work",
        [heartbeat, work ?? 0],
      );
      return { gone: Number(found.heartbeat) === 0, executing: Number(found.work) > 0 };
    }
    const pid = nullable(row.pid, Number);
    if (this.dialect.name === "sqlite" && row.host === hostname() && pid !== null) {
      return { gone: !processExists(pid), executing: false };
    }
    return { gone: false, executing: false };
  }

  /** The unfinished step recorded in the lock row, if any. */
  async inProgress(session: Session): Promise<StepInProgress | undefined> {
    return (await this.read(session))?.step;
  }

  /** The lease was lost (the heartbeat failed, or another run took the row): why, if so. */
  get lost(): RetortError | undefined {
    return this.lostError;
  }

  /** Throws if this run no longer holds the lock. */
  assertHeld(): void {
    if (this.lostError) throw this.lostError;
  }

  /**
   * Takes the lock row, waiting up to `timeoutMs` for a live holder (saying once that it
   * waits, and for whom). A holder that died with no step in progress is taken over; one that
   * died part-way through a step left a dirty database, reported with the way to repair it,
   * unless `takeOverDirty` (resume, stamp): then its step is taken over and returned.
   */
  async acquire(
    connection: Connection,
    openHeartbeat: () => Promise<Connection>,
    timeoutMs: number,
    options: { log?: (message: string) => void; takeOverDirty?: boolean } = {},
  ): Promise<StepInProgress | undefined> {
    await this.ensure(connection);
    const deadline = Date.now() + timeoutMs;
    const mysql = this.dialect.name === "mysql";
    // SQLite runs in this process: a second connection would only contend for the file.
    const own = this.dialect.name !== "sqlite";
    const heartbeat = own ? await openHeartbeat() : connection;
    let told = false;
    const wait = async (holder: LockHolder | undefined, attempt: number) => {
      if (!told && holder) {
        options.log?.(`waiting for the migration lock held by ${describeHolder(holder)}`);
        told = true;
      }
      if (Date.now() > deadline) throw this.timeoutError(holder, timeoutMs);
      if (!mysql) {
        await sleep(Math.min(50 * 2 ** Math.min(attempt, 4), 500) * (0.5 + Math.random()));
      }
    };
    let taken: StepInProgress | undefined;
    try {
      const ids = own
        ? {
          heartbeat: await this.connectionId(heartbeat),
          work: await this.connectionId(connection),
        }
        : {};
      for (let attempt = 0;; attempt++) {
        if (mysql && !(await this.takeLiveLock(heartbeat))) {
          await wait(await this.read(connection), attempt);
          continue;
        }
        const outcome = await this.tryTake(connection, {
          takeOverDirty: options.takeOverDirty ?? false,
          deadline,
          log: options.log,
          ids,
        });
        if (outcome.taken) {
          taken = outcome.step;
          break;
        }
        if (mysql) await this.releaseServerLocks(connection, heartbeat);
        if (outcome.dirty) throw dirtyError(outcome.dirty);
        await wait(outcome.holder, attempt);
        if (mysql) await sleep(200 * (0.5 + Math.random())); // an older retort's row: poll
      }
    } catch (error) {
      if (own) await heartbeat.close().catch(() => {});
      throw error;
    }
    this.holding = true;
    if (taken) {
      this.step = {
        revision: taken.revision,
        direction: taken.direction,
        statementsRun: taken.statementsRun ?? 0,
        hash: taken.statementsHash ?? "",
      };
    }
    let busy = false;
    const timer = setInterval(() => {
      if (busy || this.lostError) return;
      busy = true;
      this.renew(heartbeat).finally(() => (busy = false));
    }, renewEveryMs);
    (timer as { unref?: () => void }).unref?.();
    this.heartbeat = { connection: heartbeat, own, timer };
    return taken;
  }

  /** Records that `revision` is about to run outside a transaction. */
  async markStep(session: Session, revision: string, direction: string): Promise<void> {
    this.assertHeld();
    await this.guarded(
      session,
      `UPDATE ${this.table} SET revision = ${this.dialect.literal(revision)}, direction = ${
        this.dialect.literal(direction)
      }, statements_run = 0, statements_hash = '', last_statement = NULL, last_statement_state = NULL, ` +
        `renewed_at = ${this.now} WHERE id = 1 AND owner = '${this.owner}'`,
    );
    this.step = { revision, direction, statementsRun: 0, hash: "" };
  }

  /** Records that the step's next statement starts; `sql` is shortened to its start. */
  async statementStarting(session: Session, sql: string): Promise<void> {
    this.assertHeld();
    await this.guarded(
      session,
      `UPDATE ${this.table} SET last_statement = ${
        this.dialect.literal(statementStart(sql))
      }, last_statement_state = 'running' WHERE id = 1 AND owner = '${this.owner}'`,
    );
  }

  /** Records that the step's statement number `count` completed; `hash` covers 1..count. */
  async statementDone(session: Session, count: number, hash: string, sql?: string): Promise<void> {
    const last = sql === undefined
      ? ""
      : `last_statement = ${this.dialect.literal(statementStart(sql))}, `;
    // It did complete: should the write below find the row lost, the error says so.
    if (this.step) this.step = { ...this.step, statementsRun: count, hash };
    await this.guarded(
      session,
      `UPDATE ${this.table} SET statements_run = ${count}, statements_hash = '${hash}', ${last}` +
        `last_statement_state = 'done' WHERE id = 1 AND owner = '${this.owner}'`,
    );
  }

  /** Records that the statement the step started last failed (so it did not take effect). */
  async statementFailed(session: Session): Promise<void> {
    await session.execute(
      `UPDATE ${this.table} SET last_statement_state = 'failed' WHERE id = 1 AND owner = '${this.owner}'`,
    );
  }

  /** Clears the step record once the step and its version write are done. */
  async clearStep(session: Session): Promise<void> {
    this.assertHeld();
    await this.guarded(
      session,
      `UPDATE ${this.table} SET revision = NULL, direction = NULL, statements_run = NULL, statements_hash = NULL, ` +
        `last_statement = NULL, last_statement_state = NULL WHERE id = 1 AND owner = '${this.owner}'`,
    );
    this.step = undefined;
  }

  /**
   * Gives the lock up; a step still recorded (it failed) stays, marking the database dirty.
   * Never throws: a row it could not delete has no live holder, and the next run takes it over.
   */
  async release(connection: Connection): Promise<void> {
    const heartbeat = this.heartbeat;
    this.heartbeat = undefined;
    if (heartbeat) clearInterval(heartbeat.timer);
    try {
      if (this.holding) {
        await connection.execute(
          `DELETE FROM ${this.table} WHERE id = 1 AND owner = '${this.owner}' AND revision IS NULL`,
        );
        // A step still recorded here failed part-way: let it show as dirty at once, not later.
        await connection.execute(
          `UPDATE ${this.table} SET renewed_at = 0 WHERE id = 1 AND owner = '${this.owner}'`,
        );
      }
    } catch {
      // the connection is gone; see above
    }
    this.holding = false;
    if (this.dialect.name === "mysql" && heartbeat) {
      await this.releaseServerLocks(connection, heartbeat.connection);
    }
    if (heartbeat?.own) await heartbeat.connection.close().catch(() => {});
  }

  /**
   * `unlock --force`: ends a holder that looks alive. On MySQL the connections that hold its
   * server locks are killed; everywhere its ownership of the row is taken away, so a run that
   * was only stuck fails at its next write instead of carrying on.
   */
  async breakLease(session: Session, holder: LockHolder): Promise<void> {
    for (const id of this.dialect.name === "mysql" ? holder.connections : []) {
      try {
        await session.execute(`KILL CONNECTION ${Number(id)}`);
      } catch (error) {
        if (/unknown thread/i.test(String((error as Error).message))) continue; // ended already
        throw new RetortError(
          "UNLOCK_FAILED",
          `cannot end connection ${id}, which holds the migration lock: ${
            String((error as Error).message).split("\n")[0]
          }; ask an administrator to run KILL ${id}`,
        );
      }
    }
    await session.execute(
      `UPDATE ${this.table} SET owner = '${unlockedOwner}', renewed_at = 0 WHERE id = 1 AND owner = ${
        this.dialect.literal(holder.owner)
      }`,
    );
    if (this.dialect.name !== "mysql") return;
    // KILL returns before the server has ended the connection and freed its locks.
    for (let i = 0; i < 50; i++) {
      const rows = await session.query(
        `SELECT IS_USED_LOCK(${this.names.live}) AS a, IS_USED_LOCK(${this.names.work}) AS b`,
      );
      if (rows[0].a === null && rows[0].b === null) return;
      await sleep(100);
    }
  }

  /** Deletes the row of a holder that is gone and left no step unfinished. */
  async clearDead(session: Session, holder: LockHolder, force: boolean): Promise<boolean> {
    const owner = force ? unlockedOwner : holder.owner;
    return (await session.execute(
      `DELETE FROM ${this.table} WHERE id = 1 AND owner = ${
        this.dialect.literal(owner)
      } AND revision IS NULL`,
    )) === 1;
  }

  /** Deletes the row of a holder that is gone, with the step it left unfinished (stamp). */
  async clearUnfinished(session: Session, holder: LockHolder): Promise<void> {
    await session.execute(
      `DELETE FROM ${this.table} WHERE id = 1 AND owner = ${this.dialect.literal(holder.owner)}`,
    );
  }

  /** A write that must change this run's row: if it changes none, the lease is lost. */
  private async guarded(session: Session, sql: string): Promise<void> {
    if ((await session.execute(sql)) === 1) return;
    throw this.lose(await this.whyLost(session));
  }

  /** Renews the lease from the heartbeat connection; a failure means the lease is lost. */
  private async renew(heartbeat: Session): Promise<void> {
    try {
      // PostgreSQL: behind a pooler each renewal may run in another server process.
      const backend = this.dialect.name === "postgres" ? ", connection_id = pg_backend_pid()" : "";
      const changed = await heartbeat.execute(
        `UPDATE ${this.table} SET renewed_at = ${this.now}${backend} WHERE id = 1 AND owner = '${this.owner}'`,
      );
      if (changed !== 1) this.lose(await this.whyLost(heartbeat));
    } catch (error) {
      this.lose(
        `its heartbeat connection failed: ${String((error as Error).message).split("\n")[0]}`,
      );
    }
  }

  /** Remembers the lease as lost, with what state it leaves. */
  private lose(why: string): RetortError {
    this.lostError ??= lostLeaseError(why, this.step);
    return this.lostError;
  }

  /**
   * Why a guarded write changed nothing. A row someone deleted is written back with this
   * run's step, so the half-done step is not forgotten.
   */
  private async whyLost(session: Session): Promise<string> {
    let holder: LockHolder | undefined;
    try {
      holder = await this.read(session);
    } catch (error) {
      return `its lock row could not be read: ${String((error as Error).message).split("\n")[0]}`;
    }
    if (holder) {
      if (holder.owner === this.owner) return "its lock row changed under it";
      if (holder.owner === unlockedOwner) return "`retort unlock --force` ended it";
      return `the lock row was taken over by ${describeHolder(holder)}`;
    }
    if (!this.step) return "its lock row was deleted";
    try {
      const s = this.step;
      await session.execute(
        `INSERT INTO ${this.table} (id, owner, revision, direction, renewed_at, host, pid, acquired_at, statements_run, statements_hash) ` +
          `VALUES (1, '${this.owner}', ${this.dialect.literal(s.revision)}, ${
            this.dialect.literal(s.direction)
          }, 0, ${
            this.dialect.literal(hostname())
          }, ${process.pid}, ${this.now}, ${s.statementsRun}, '${s.hash}')`,
      );
      return "its lock row was deleted; it wrote the row back to record the unfinished step";
    } catch {
      return "its lock row was deleted, and another run has made a new one";
    }
  }

  /**
   * Takes the row once: insert it, or take over from a holder that is gone. Says why not
   * otherwise: a live holder (`holder`), or a dead one that left a step unfinished (`dirty`).
   */
  private async tryTake(
    connection: Connection,
    options: {
      takeOverDirty: boolean;
      deadline: number;
      log?: (message: string) => void;
      ids: { heartbeat?: number; work?: number };
    },
  ): Promise<
    { taken: true; step?: StepInProgress; holder?: undefined; dirty?: undefined } | {
      taken: false;
      holder?: LockHolder;
      dirty?: StepInProgress;
    }
  > {
    const mysql = this.dialect.name === "mysql";
    let holder = await this.read(connection);
    if (holder && !holder.alive && holder.step && !options.takeOverDirty) {
      return { taken: false, dirty: holder.step };
    }
    if (mysql && !(await this.takeWorkLock(connection, holder, options))) {
      return { taken: false, holder };
    }
    const ids = `${options.ids.heartbeat ?? "NULL"}, ${options.ids.work ?? "NULL"}`;
    const me = `${this.dialect.literal(hostname())}, ${process.pid}, ${this.now}, ${ids}`;
    if (!holder) {
      try {
        await connection.execute(
          `INSERT INTO ${this.table} (id, owner, renewed_at, host, pid, acquired_at, connection_id, work_connection_id) ` +
            `VALUES (1, '${this.owner}', ${this.now}, ${me})`,
        );
        return { taken: true };
      } catch (error) {
        if (!/duplicate|unique|constraint/i.test(String((error as Error).message))) throw error;
      }
      holder = await this.read(connection);
      if (!holder) return { taken: false };
    }
    if (holder.alive) return { taken: false, holder };
    if (holder.step && !options.takeOverDirty) return { taken: false, dirty: holder.step };
    if (holder.step && !mysql) {
      // PostgreSQL: a statement the dead run left executing ends first (MySQL's work lock).
      holder = await this.untilSettled(connection, holder, options);
      if (!holder) return { taken: false };
    }
    // The holder is gone: take its row over, its unfinished step too when asked to.
    const taken = await connection.execute(
      `UPDATE ${this.table} SET owner = '${this.owner}', renewed_at = ${this.now}, host = ${
        this.dialect.literal(hostname())
      }, pid = ${process.pid}, acquired_at = ${this.now}, connection_id = ${
        options.ids.heartbeat ?? "NULL"
      }, work_connection_id = ${options.ids.work ?? "NULL"} ` +
        `WHERE id = 1 AND owner = ${this.dialect.literal(holder.owner)}${
          holder.step ? "" : " AND revision IS NULL"
        }`,
    );
    if (taken !== 1) return { taken: false };
    return { taken: true, step: holder.step };
  }

  /** Waits while a statement of the dead holder still executes; the holder read again. */
  private async untilSettled(
    connection: Session,
    holder: LockHolder,
    options: { deadline: number; log?: (message: string) => void },
  ): Promise<LockHolder | undefined> {
    let current: LockHolder | undefined = holder;
    let told = false;
    while (current?.statementExecuting && Date.now() <= options.deadline) {
      if (!told) {
        options.log?.(
          `waiting for a statement that ${
            describeHolder(current)
          } left executing on the server to end`,
        );
        told = true;
      }
      await sleep(200);
      current = await this.read(connection);
    }
    return current?.statementExecuting ? undefined : current;
  }

  /** The server's id of each connection (PostgreSQL backend pid, MySQL connection id). */
  private async connectionId(session: Session): Promise<number | undefined> {
    const sql = this.dialect.name === "postgres"
      ? "SELECT pg_backend_pid() AS id"
      : this.dialect.name === "mysql"
      ? "SELECT CONNECTION_ID() AS id"
      : undefined;
    return sql ? Number((await session.query(sql))[0].id) : undefined;
  }

  /** MySQL: takes the live lock on the heartbeat connection, waiting up to a second. */
  private async takeLiveLock(heartbeat: Session): Promise<boolean> {
    const rows = await heartbeat.query(
      `SELECT GET_LOCK(${this.names.live}, 1) AS got, CONNECTION_ID() AS id`,
    );
    if (Number(rows[0].got) !== 1) return false;
    this.liveConnection = Number(rows[0].id);
    return true;
  }

  /**
   * MySQL: takes the work lock on the working connection. A dead holder's statement that
   * still executes on the server holds it: wait for that statement to end (saying so once).
   */
  private async takeWorkLock(
    connection: Session,
    holder: LockHolder | undefined,
    options: { deadline: number; log?: (message: string) => void },
  ): Promise<boolean> {
    let told = false;
    for (;;) {
      const rows = await connection.query(
        `SELECT GET_LOCK(${this.names.work}, 1) AS got, IS_USED_LOCK(${this.names.work}) AS holder`,
      );
      if (Number(rows[0].got) === 1) return true;
      if (!told) {
        options.log?.(
          `waiting for a statement that ${
            holder ? describeHolder(holder) : "a stopped run"
          } left executing on the server (connection ${rows[0].holder}) to end`,
        );
        told = true;
      }
      if (Date.now() > options.deadline) return false;
    }
  }

  private async releaseServerLocks(connection: Session, heartbeat: Session): Promise<void> {
    await connection.query(`SELECT RELEASE_LOCK(${this.names.work})`).catch(() => {});
    await heartbeat.query(`SELECT RELEASE_LOCK(${this.names.live})`).catch(() => {});
    this.liveConnection = undefined;
  }

  private holderOf(row: Row, found: { gone: boolean; executing: boolean }): LockHolder {
    const renewedAt = Number(row.renewed_at);
    const ageMs = Number(row.server_now) - renewedAt;
    const host = nullable(row.host, String);
    const legacy = host === null; // written by a retort that knew no server locks
    const connections = [row.live_connection, row.work_connection]
      .filter((id) => id !== null && id !== undefined).map(Number)
      .filter((id) => id !== this.liveConnection);
    const live = nullable(row.live_connection, Number);
    const work = nullable(row.work_connection, Number);
    const mysql = this.dialect.name === "mysql";
    const alive = mysql && !legacy
      ? live !== null && live !== this.liveConnection
      : ageMs <= leaseMs && ageMs >= -leaseMs && !(found.gone && ageMs > missedRenewalsMs);
    const statementExecuting = mysql ? work !== null && !alive : found.executing;
    const state = nullable(row.last_statement_state, String) as StatementState | null;
    const step: StepInProgress | undefined = row.revision === null || row.revision === undefined
      ? undefined
      : {
        revision: String(row.revision),
        direction: String(row.direction),
        owner: String(row.owner),
        renewedAt,
        stale: !alive,
        statementsRun: nullable(row.statements_run, Number),
        statementsHash: nullable(row.statements_hash, String),
        lastStatement: nullable(row.last_statement, String),
        lastStatementState: state,
      };
    return {
      owner: String(row.owner),
      host,
      pid: nullable(row.pid, Number),
      since: nullable(row.acquired_at, Number),
      renewedAt,
      ageMs,
      alive,
      connections,
      statementExecuting,
      ...(step ? { step } : {}),
    };
  }

  private timeoutError(holder: LockHolder | undefined, timeoutMs: number): RetortError {
    const who = holder ? ` (${describeHolder(holder)})` : "";
    return new RetortError(
      "LOCK_TIMEOUT",
      `another retort run${who} holds the migration lock (${this.table}) and did not finish within ${timeoutMs} ms; ` +
        "wait for it, or raise lockTimeoutMs; if that run is gone, `retort unlock --force` clears its lock",
    );
  }
}

/** Whether a process of this host runs under `pid` (one of another user's counts). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

function nullable<T>(value: unknown, as: (v: unknown) => T): T | null {
  return value === null || value === undefined ? null : as(value);
}

/** Runs DDL that a concurrent run may have run first: its "already exists" is success. */
async function tolerateConcurrent(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    // Two creators at once: PostgreSQL reports the loser as a duplicate type or key.
    if (!/duplicate|already exists/i.test(String((error as Error).message))) throw error;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
