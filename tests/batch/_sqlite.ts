// Helpers for batch tests on real SQLite files: a fresh file per test, the batch recorded by
// the real `op` facade and executed as the runner does (inside BEGIN IMMEDIATE by default).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { executeBatch } from "../../src/batch/execute_batch.ts";
import type { BatchOptions } from "../../src/batch/execute_batch.ts";
import type { BatchAlterTableOptions, BatchOperations } from "../../src/ops/batch_recording.ts";
import { SqliteDialect } from "../../src/dialect/sqlite/sqlite_dialect.ts";
import type { Connection, Row, Session } from "../../src/driver/connection.ts";
import { openSqliteFile as openSqlite } from "../../src/driver/sqlite_file_connection.ts";
import type { BatchAlterTableOp, Op } from "../../src/ops/op.ts";
import { recordingOps } from "../_ops.ts";

export const dialect = new SqliteDialect();

/** A SQLite file in a fresh folder, with a connection; `close()` removes both. */
export async function sqliteFile(): Promise<
  { conn: Connection; path: string; close(): Promise<void> }
> {
  const dir = mkdtempSync(join(tmpdir(), "retort-batch-"));
  const path = join(dir, "test.db");
  const conn = await openSqlite(path);
  return {
    conn,
    path,
    close: async () => {
      await conn.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The `batchAlterTable` op that `op.batchAlterTable(table, build, options)` records. */
export async function batchOp(
  table: string,
  build: (batch: BatchOperations) => void,
  options: BatchAlterTableOptions = {},
): Promise<BatchAlterTableOp> {
  const ops: Op[] = [];
  await recordingOps(ops).batchAlterTable(
    table,
    build,
    options,
  );
  return ops[0] as BatchAlterTableOp;
}

/** Runs a batch as the runner does: in a write transaction (unless `inTransaction: false`). */
export async function runBatch(
  conn: Connection,
  table: string,
  build: (batch: BatchOperations) => void,
  options: BatchAlterTableOptions = {},
  run: BatchOptions & { inTransaction?: boolean } = {},
): Promise<void> {
  const op = await batchOp(table, build, options);
  const execute = (session: Session) =>
    executeBatch(dialect, session, op, { progress: false, ...run });
  if (run.inTransaction === false) await execute(conn);
  else await conn.transaction(execute);
}

/** Executes several statements. */
export async function exec(conn: Session, ...statements: string[]): Promise<void> {
  for (const s of statements) await conn.execute(s);
}

/** Every row of `table` in rowid order (or `order`), as plain objects. */
export function rows(conn: Session, table: string, order = "rowid"): Promise<Row[]> {
  return conn.query(`SELECT * FROM "${table}" ORDER BY ${order}`);
}

/** The schema as SQLite stores it: every object's type, name and SQL, by name. */
export async function schema(conn: Session): Promise<Row[]> {
  return await conn.query(
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
  );
}

/** The CREATE statement of one object. */
export async function createSql(conn: Session, name: string): Promise<string> {
  const [row] = await conn.query("SELECT sql FROM sqlite_master WHERE name = ?", [name]);
  return String(row?.sql);
}
