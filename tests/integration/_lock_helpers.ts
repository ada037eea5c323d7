// Helpers for tests of the migration lock and of resuming: revisions that pause between
// statements (so a test can act while a step is part-way), and reads of the lock row.
import assert from "node:assert/strict";
import type { ThrowawayDatabase } from "./_databases.ts";
import type { TempProject } from "../_project.ts";

/** One thing a step does: create the table of that name, pause (ms), or run raw SQL. */
export type StepItem = string | number | { sql: string };

/** The body of an `upgrade()` that does `items` in order, one statement per table. */
export function stepBody(items: readonly StepItem[]): string {
  return items.map((item) =>
    typeof item === "number"
      ? `  await new Promise((resolve) => setTimeout(resolve, ${item}));`
      : typeof item === "string"
      ? `  await op.createTable("${item}", [t.column("id", t.integer(), { primaryKey: true })]);`
      : `  await op.execute(${JSON.stringify(item.sql)});`
  ).join("\n");
}

/** The body of a `downgrade()` that drops `tables`, last first. */
export function dropBody(tables: readonly string[]): string {
  return [...tables].reverse().map((name) => `  await op.dropTable("${name}");`).join("\n");
}

/** Writes revision `rev` (after `down`) whose upgrade does `items` and downgrade undoes them. */
export function writeSteps(
  project: TempProject,
  rev: string,
  down: string | null,
  items: readonly StepItem[],
  options: { transaction?: boolean; downItems?: readonly StepItem[] } = {},
): void {
  const tables = items.filter((i): i is string => typeof i === "string");
  project.write(rev, down, {
    ...(options.transaction === false ? { extra: "export const transaction = false;" } : {}),
    up: stepBody(items),
    down: options.downItems ? downBody(options.downItems) : dropBody(tables),
  });
}

/** A downgrade body: drop the named tables (in the order given), pause (ms), or run SQL. */
function downBody(items: readonly StepItem[]): string {
  return items.map((item) =>
    typeof item === "number"
      ? `  await new Promise((resolve) => setTimeout(resolve, ${item}));`
      : typeof item === "string"
      ? `  await op.dropTable("${item}");`
      : `  await op.execute(${JSON.stringify(item.sql)});`
  ).join("\n");
}

/** Rows of a query on a fresh connection. */
export async function rowsOf(
  database: ThrowawayDatabase,
  sql: string,
): Promise<Record<string, unknown>[]> {
  const connection = await database.connect();
  try {
    return await connection.query(sql);
  } finally {
    await connection.close();
  }
}

/** Runs a statement on a fresh connection. */
export async function execOn(database: ThrowawayDatabase, sql: string): Promise<number> {
  const connection = await database.connect();
  try {
    return await connection.execute(sql);
  } finally {
    await connection.close();
  }
}

/** The lock row of version table `versionTable`, or undefined (no row, or no table yet). */
export async function lockRow(
  database: ThrowawayDatabase,
  versionTable: string,
): Promise<Record<string, unknown> | undefined> {
  try {
    return (await rowsOf(database, `SELECT * FROM ${versionTable}_lock WHERE id = 1`))[0];
  } catch (error) {
    if (/no such table|does not exist|doesn't exist/i.test((error as Error).message)) {
      return undefined;
    }
    throw error;
  }
}

/** The version table's rows, sorted; none when it does not exist. */
export async function versionsOf(
  database: ThrowawayDatabase,
  versionTable: string,
): Promise<string[]> {
  try {
    return (await rowsOf(database, `SELECT version_num FROM ${versionTable}`))
      .map((r) => String(r.version_num)).sort();
  } catch (error) {
    if (/no such table|does not exist|doesn't exist/i.test((error as Error).message)) return [];
    throw error;
  }
}

/** The tables whose names start with `prefix`, sorted; retort's own tables left out. */
export async function tablesLike(database: ThrowawayDatabase, prefix: string): Promise<string[]> {
  const sql = database.kind === "sqlite"
    ? "SELECT name FROM sqlite_master WHERE type = 'table'"
    : database.kind === "postgres"
    ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
    : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()";
  return (await rowsOf(database, sql)).map((r) => String(r.name ?? r.NAME ?? r.TABLE_NAME))
    .filter((name) =>
      name.startsWith(prefix) && !/_(version|lock|history)$/.test(name)
    )
    .sort();
}

/** Polls `check` every 50 ms until it returns something truthy; fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The lines of a run's stderr that are not progress. */
export function errorLines(stderr: string): string[] {
  return stderr.trimEnd().split("\n").filter((line) =>
    line !== "" && !/^(\[\s*\d+\/\d+\] Running |Database: )/.test(line)
  );
}
