import type { Dialect } from "../dialect/dialect.ts";
import { sameName } from "../dialect/sqlite/same_name.ts";
import { isWord } from "../dialect/sqlite/sql_tokens.ts";
import type { Session } from "../driver/connection.ts";
import type { BatchAlterTableOp } from "../ops/op.ts";
import type { Table } from "../schema/table.ts";
import { applyBatchOps } from "./apply_batch_ops.ts";
import { BatchError } from "./batch_error.ts";
import { renameInSql, renameOps, splitRenames } from "./column_renames.ts";
import { addConstraint, namedConstraints } from "./constraint_names.ts";
import { pointAt, probeTrigger } from "./mysql_probes.ts";
import type { MysqlSurroundings } from "./mysql_surroundings.ts";
import { readMysqlSurroundings } from "./mysql_surroundings.ts";
import { newTableName, readServerTable } from "./read_server_table.ts";

/** The steps of a MySQL rebuild, as named in its errors (and for tests' failAfter). */
export const mysqlStepNames = [
  "read table",
  "create new table",
  "copy rows",
  "check views and triggers",
  "drop referencing foreign keys",
  "drop old table",
  "rename new table",
  "add foreign keys",
  "create triggers",
  "replace views",
  "add referencing foreign keys",
] as const;
/** The name of one step of a MySQL rebuild. */
export type MysqlStepName = (typeof mysqlStepNames)[number];

const quote = (name: string) => `\`${name.replaceAll("`", "``")}\``;

/**
 * Rebuilds a MySQL/MariaDB table for `recreate: "always"`. MySQL commits every DDL
 * statement, so the rebuild is ordered around one point of no return: it reads the table
 * with the dialect's introspector, creates `_retort_new_<table>` from the model with the
 * batch applied (keys, indexes and, on MariaDB, CHECKs in it; the `AUTO_INCREMENT=` position
 * kept), copies the rows, and checks the views and triggers against the copy; a failure up
 * to there drops the copy and leaves everything as it was. Then it drops the foreign keys of
 * other tables that reference the table, drops the old table, renames the copy, and adds
 * the foreign keys, triggers and those references again; a failure there says exactly what
 * ran and what is left to run (`BATCH_INCOMPLETE`).
 *
 * @example
 * ```ts
 * await rebuildMysqlTable(dialect, connection, op);
 * ```
 */
export async function rebuildMysqlTable(
  dialect: Dialect,
  session: Session,
  op: BatchAlterTableOp,
  options: { failAfter?: MysqlStepName } = {},
): Promise<void> {
  const done = (name: MysqlStepName) => {
    if (options.failAfter === name) throw new Error(`injected failure after ${name}`);
  };
  const where = op.schema ? `${op.schema}.${op.table}` : op.table;
  const schema = op.schema ?? String((await session.query("SELECT DATABASE() AS db"))[0].db);
  const old = dialect.qualify(op.table, schema);
  const freshName = newTableName(
    op.table,
    dialect.capabilities.maxIdentifierLength,
    dialect.capabilities.identifierUnit,
  );
  const fresh = dialect.qualify(freshName, schema);

  let step: MysqlStepName = "read table";
  const table = await readServerTable(dialect, session, op.table, schema);
  const around = await readMysqlSurroundings(session, schema, op.table, where);
  const { renames, ops } = splitRenames(op.ops, sameName);
  const rebuilt = applyBatchOps(dialect, table, [...renameOps(op.table, renames), ...ops], {
    naming: op.namingConvention,
  });
  const triggers = around.triggers.map((t) => ({
    ...t,
    sql: renameInSql(t.sql, renames, quote, (_t, i, all) => isWord(all[i - 1], "TRIGGER", "ON")),
  }));
  const views = around.views.map((v) => ({
    ...v,
    renamedSql: renameInSql(v.sql, renames, quote, (_t, i, all) => isWord(all[i - 1], "AS")),
  }));
  const referencing = around.referencing.map((fk) => ({
    ...fk,
    referencedColumns: fk.referencedColumns.map((c) =>
      renames.reduce((n, [from, to]) => (sameName(n, from) ? to : n), c)
    ),
  }));
  // Foreign key names are unique per schema, and so are CHECK names on MySQL 8: those are
  // added once the old table is gone.
  const late = namedConstraints(rebuilt.table, op.namingConvention ?? {})
    .filter((c) => c.type === "foreignkey" || (c.type === "check" && !around.mariadb));
  const lateChecks = late.flatMap((c) => (c.type === "check" ? [c] : []));
  const create = createStatements(dialect, rebuilt.table, freshName, schema, around);

  // Before the point of no return: everything happens on the copy.
  const scratch: string[] = [];
  try {
    step = "create new table";
    const leftover = await session.query(
      "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
      [schema, freshName],
    );
    if (leftover.length > 0) {
      throw new BatchError(
        "BATCH_LEFTOVER_TABLE",
        `batchAlterTable ${where}: ${freshName} exists already, probably left by an earlier rebuild that failed; ` +
          `look at it, drop it, and run again. Nothing was changed`,
      );
    }
    for (const sql of create) await session.execute(sql);
    done(step);
    step = "copy rows";
    const copied = rebuilt.table.columns.filter((c) => !c.computed && rebuilt.sources.has(c.name));
    if (copied.length > 0) {
      const [mode] = await session.query("SELECT @@SESSION.sql_mode AS mode");
      // A 0 id stays 0 instead of taking the next AUTO_INCREMENT value.
      await session.execute(
        "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'NO_AUTO_VALUE_ON_ZERO')",
      );
      try {
        await session.execute(
          `INSERT INTO ${fresh} (${copied.map((c) => quote(c.name)).join(", ")}) SELECT ${
            copied.map((c) => rebuilt.sources.get(c.name)).join(", ")
          } FROM ${old}`,
        );
      } finally {
        await session.execute("SET SESSION sql_mode = ?", [String(mode.mode)]);
      }
    }
    done(step);
    step = "check views and triggers";
    for (const check of lateChecks) {
      const bad = await session.query(
        `SELECT 1 FROM ${fresh} WHERE NOT (${check.constraint.condition}) LIMIT 1`,
      );
      if (bad.length > 0) throw new Error(`rows break CHECK constraint ${check.name}`);
    }
    for (const [i, view] of views.entries()) {
      const probe = dialect.qualify(`_retort_check_${i}`, schema);
      scratch.push(`DROP VIEW IF EXISTS ${probe}`);
      await session.execute(
        `CREATE OR REPLACE VIEW ${probe} AS ${
          pointAt(view.renamedSql, schema, op.table, freshName)
        }`,
      );
      await session.query(`SELECT * FROM ${probe} LIMIT 0`);
      await session.execute(`DROP VIEW ${probe}`);
    }
    for (const [i, trigger] of triggers.entries()) {
      const probe = `_retort_check_${i}`;
      await session.execute(probeTrigger(trigger.sql, probe, fresh));
      await session.execute(`DROP TRIGGER ${dialect.qualify(probe, schema)}`);
    }
    done(step);
  } catch (error) {
    for (const sql of [...scratch, `DROP TABLE IF EXISTS ${fresh}`]) {
      await session.execute(sql).catch(() => {});
    }
    if (error instanceof BatchError) throw error;
    throw new BatchError(
      "BATCH_FAILED",
      `batchAlterTable ${where}: rebuild failed at "${step}": ${firstLine(error)}; ` +
        `the rebuilt copy was dropped, the table and its rows are unchanged`,
      { cause: error },
    );
  }

  // The point of no return: each statement commits on its own.
  const final: { step: MysqlStepName; sql: string }[] = [];
  const byTable = Map.groupBy(referencing, (fk) => fk.table);
  for (const [table, keys] of byTable) {
    final.push({
      step: "drop referencing foreign keys",
      sql: `ALTER TABLE ${table} ${
        keys.map((k) => `DROP FOREIGN KEY ${quote(k.name)}`).join(", ")
      }`,
    });
  }
  final.push({ step: "drop old table", sql: `DROP TABLE ${old}` });
  final.push({ step: "rename new table", sql: `RENAME TABLE ${fresh} TO ${old}` });
  if (late.length > 0) {
    // One ALTER for all of them: each adds a foreign key by copying the table.
    const prefix = `ALTER TABLE ${old} `;
    const place = { table: op.table, schema };
    final.push({
      step: "add foreign keys",
      sql: prefix + late.map((c) => addConstraint(dialect, place, c).slice(prefix.length))
        .join(", "),
    });
  }
  for (const trigger of triggers) final.push({ step: "create triggers", sql: trigger.sql });
  for (const view of views.filter((v) => v.renamedSql !== v.sql)) {
    final.push({
      step: "replace views",
      sql:
        `CREATE OR REPLACE SQL SECURITY ${view.security} VIEW ${view.name} AS ${view.renamedSql}${
          view.checkOption === "NONE" ? "" : ` WITH ${view.checkOption} CHECK OPTION`
        }`,
    });
  }
  for (const [table, keys] of byTable) {
    final.push({
      step: "add referencing foreign keys",
      sql: `ALTER TABLE ${table} ${
        keys.map((k) =>
          `ADD CONSTRAINT ${quote(k.name)} FOREIGN KEY (${k.columns.map(quote).join(", ")}) ` +
          `REFERENCES ${old} (${k.referencedColumns.map(quote).join(", ")}) ` +
          `ON DELETE ${k.onDelete} ON UPDATE ${k.onUpdate}`
        ).join(", ")
      }`,
    });
  }
  let ran = 0;
  for (const [i, statement] of final.entries()) {
    step = statement.step;
    try {
      await session.execute(statement.sql);
      ran = i + 1;
      if (final[i + 1]?.step !== step) done(step);
    } catch (error) {
      const past = (name: MysqlStepName) => final.slice(0, ran).some((s) => s.step === name);
      const state = past("rename new table")
        ? `the table is rebuilt and holds every row`
        : past("drop old table")
        ? `the old table is dropped and every row is in ${freshName}`
        : `the old table and its rows are intact, and the rebuilt copy is ${freshName}`;
      throw new BatchError(
        "BATCH_INCOMPLETE",
        `batchAlterTable ${where}: rebuild failed at "${step}": ${firstLine(error)}; ` +
          `MySQL commits each DDL statement, so ${ran} of ${final.length} final statements ran: ${state}; ` +
          `to finish, fix the cause and run: ${final.slice(ran).map((s) => s.sql).join("; ")}`,
        { cause: error },
      );
    }
  }
}

/**
 * The copy with its columns, primary key, unique keys, indexes and (on MariaDB, whose CHECK
 * names are per table) CHECKs; the table's options, its `CREATE_OPTIONS`, and the
 * `AUTO_INCREMENT=` position, so the next id continues where it was.
 */
function createStatements(
  dialect: Dialect,
  table: Table,
  freshName: string,
  schema: string,
  around: MysqlSurroundings,
): string[] {
  const start = around.autoIncrement;
  const columns = table.columns.map((c) =>
    c.autoincrement && start !== undefined ? { ...c, identity: { ...c.identity, start } } : c
  );
  const [create, ...rest] = dialect.createTable({
    ...table,
    table: freshName,
    schema,
    columns,
    foreignKeys: [],
    checks: around.mariadb ? table.checks : [],
  });
  return [around.createOptions ? `${create} ${around.createOptions}` : create, ...rest];
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0];
}
