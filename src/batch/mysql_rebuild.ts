import type { Dialect } from "../dialect/dialect.ts";
import type { Row, Session } from "../driver/connection.ts";
import type { BatchAlterTableOp } from "../ops/op.ts";
import { BatchError } from "./batch_error.ts";
import type { ServerConstraint, ServerIndex, ServerStyle, ServerTable } from "./server_table.ts";
import {
  applyServerOps,
  columnClause,
  listedColumns,
  newTableName,
  parseColumnClause,
  renameInServerTable,
  splitServerRenames,
} from "./server_table.ts";
import { mentionedNames, renameIdentifiers } from "../dialect/sqlite/sql_mentions.ts";
import type { Token } from "../dialect/sqlite/sql_tokens.ts";
import {
  closingParen,
  isWord,
  namesIdentifier,
  splitTopLevel,
  tokenize,
} from "../dialect/sqlite/sql_tokens.ts";
import { sameName } from "../dialect/sqlite/table_definition.ts";

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
export type MysqlStepName = (typeof mysqlStepNames)[number];

const quote = (name: string) => `\`${name.replaceAll("`", "``")}\``;

/** A MySQL table as its rebuild reads it: the model, and what is around it. */
export interface MysqlTable {
  readonly table: ServerTable;
  /** Table options after the column list (`ENGINE=... AUTO_INCREMENT=n ...`), as written. */
  readonly options: string;
  /** `CREATE TRIGGER` statements of the table's triggers (without DEFINER), in firing order. */
  readonly triggers: readonly { name: string; sql: string }[];
  /** Views that mention the table: name (qualified) and definition. */
  readonly views: readonly { name: string; sql: string; checkOption: string; security: string }[];
  /** Foreign keys of other tables that reference this one. */
  readonly referencing: readonly ReferencingKey[];
  readonly mariadb: boolean;
}

/** A foreign key of another table that points at the rebuilt one. */
export interface ReferencingKey {
  readonly table: string;
  readonly name: string;
  readonly columns: readonly string[];
  readonly referencedColumns: readonly string[];
  readonly onDelete: string;
  readonly onUpdate: string;
}

/**
 * Rebuilds a MySQL/MariaDB table for `recreate: "always"`. MySQL commits every DDL
 * statement, so the rebuild is ordered around one point of no return: it creates
 * `_retort_new_<table>` with the batch applied (keys, indexes and CHECKs inline, the
 * `AUTO_INCREMENT=` position kept), copies the rows, and checks the views and triggers
 * against the copy; a failure up to there drops the copy and leaves everything as it was.
 * Then it drops the foreign keys of other tables that reference the table, drops the old
 * table, renames the copy, and adds the foreign keys, triggers and those references again;
 * a failure there says exactly what ran and what is left to run (`BATCH_INCOMPLETE`).
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
  const old = `${quote(schema)}.${quote(op.table)}`;
  const freshName = newTableName(op.table, dialect.capabilities.maxIdentifierLength);
  const fresh = `${quote(schema)}.${quote(freshName)}`;

  let step: MysqlStepName = "read table";
  const read = await readMysqlTable(session, schema, op.table);
  const { renames, ops } = splitServerRenames(op.ops);
  const style: ServerStyle = {
    dialect,
    keepsCollation: (type) => /char|text|enum|set\b/i.test(type),
    index: (index) => {
      dialect.createIndex({ ...index, schema: undefined }); // the same refusals as op.createIndex
      const parts = index.columns.map((c) => typeof c === "string" ? quote(c) : `(${c.sql})`);
      return {
        name: index.name,
        columns: index.columns.flatMap((c) =>
          typeof c === "string" ? [c] : mentionedNames(tokenize(("sql" in c && c.sql) || ("column" in c && c.column) || ""))
        ),
        sql: `${index.unique ? "UNIQUE " : ""}KEY ${quote(index.name)} (${parts.join(", ")})`,
      };
    },
  };
  const renamed = renameInServerTable(read.table, renames, quote);
  const rebuilt = applyServerOps(style, renamed, ops);
  const map = new Map(renames.map(([from, to]) => [from, to]));
  const renameIn = (sql: string, skip: (t: Token, i: number, all: readonly Token[]) => boolean) =>
    map.size === 0 ? sql : renamesChained(sql, renames, skip);
  const triggers = read.triggers.map((t) => ({
    ...t,
    sql: renameIn(t.sql, (_t, i, all) => isWord(all[i - 1], "TRIGGER", "ON")),
  }));
  const views = read.views.map((v) => ({
    ...v,
    renamedSql: renameIn(v.sql, (_t, i, all) => isWord(all[i - 1], "AS")),
  }));
  const referencing = read.referencing.map((fk) => ({
    ...fk,
    referencedColumns: fk.referencedColumns.map((c) =>
      renames.reduce((n, [from, to]) => (sameName(n, from) ? to : n), c)
    ),
  }));

  // Before the point of no return: everything happens on the copy.
  const foreignKeys = rebuilt.constraints.filter((c) => c.kind === "foreignKey");
  const lateChecks = read.mariadb ? [] : rebuilt.constraints.filter((c) => c.kind === "check");
  const inline = [
    ...rebuilt.columns.map((c) => columnClause(c, quote)),
    ...rebuilt.constraints.filter((c) => !foreignKeys.includes(c) && !lateChecks.includes(c))
      .sort(keyOrder).map((c) => c.text),
    ...rebuilt.indexes.map((ix) => ix.sql),
  ];
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
    await session.execute(`CREATE TABLE ${fresh} (\n  ${inline.join(",\n  ")}\n) ${read.options}`);
    done(step);
    step = "copy rows";
    const copied = rebuilt.columns.filter((c) => c.source !== undefined && !c.generated);
    if (copied.length > 0) {
      const [mode] = await session.query("SELECT @@SESSION.sql_mode AS mode");
      await session.execute(
        "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'NO_AUTO_VALUE_ON_ZERO')",
      );
      try {
        await session.execute(
          `INSERT INTO ${fresh} (${copied.map((c) => quote(c.name)).join(", ")}) SELECT ${
            copied.map((c) => c.source).join(", ")
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
        `SELECT 1 FROM ${fresh} WHERE NOT (${checkCondition(check.text)}) LIMIT 1`,
      );
      if (bad.length > 0) throw new Error(`rows break CHECK constraint ${check.name}`);
    }
    for (const [i, view] of views.entries()) {
      const probe = `${quote(schema)}.${quote(`_retort_check_${i}`)}`;
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
      await session.execute(`DROP TRIGGER ${quote(schema)}.${quote(probe)}`);
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
  const late: { step: MysqlStepName; sql: string }[] = [];
  const byTable = groupBy(referencing, (fk) => fk.table);
  for (const [table, keys] of byTable) {
    late.push({
      step: "drop referencing foreign keys",
      sql: `ALTER TABLE ${table} ${
        keys.map((k) => `DROP FOREIGN KEY ${quote(k.name)}`).join(", ")
      }`,
    });
  }
  late.push({ step: "drop old table", sql: `DROP TABLE ${old}` });
  late.push({ step: "rename new table", sql: `RENAME TABLE ${fresh} TO ${old}` });
  const added = [...foreignKeys, ...lateChecks];
  if (added.length > 0) {
    late.push({
      step: "add foreign keys",
      sql: `ALTER TABLE ${old} ${added.map((c) => `ADD ${c.text}`).join(", ")}`,
    });
  }
  for (const trigger of triggers) late.push({ step: "create triggers", sql: trigger.sql });
  for (const view of views.filter((v) => v.renamedSql !== v.sql)) {
    late.push({
      step: "replace views",
      sql:
        `CREATE OR REPLACE SQL SECURITY ${view.security} VIEW ${view.name} AS ${view.renamedSql}${
          view.checkOption === "NONE" ? "" : ` WITH ${view.checkOption} CHECK OPTION`
        }`,
    });
  }
  for (const [table, keys] of byTable) {
    late.push({
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
  for (const [i, statement] of late.entries()) {
    step = statement.step;
    try {
      await session.execute(statement.sql);
      ran = i + 1;
      if (late[i + 1]?.step !== step) done(step);
    } catch (error) {
      const past = (name: MysqlStepName) => late.slice(0, ran).some((s) => s.step === name);
      const state = past("rename new table")
        ? `the table is rebuilt and holds every row`
        : past("drop old table")
        ? `the old table is dropped and every row is in ${freshName}`
        : `the old table and its rows are intact, and the rebuilt copy is ${freshName}`;
      throw new BatchError(
        "BATCH_INCOMPLETE",
        `batchAlterTable ${where}: rebuild failed at "${step}": ${firstLine(error)}; ` +
          `MySQL commits each DDL statement, so ${ran} of ${late.length} final statements ran: ${state}; ` +
          `to finish, fix the cause and run: ${late.slice(ran).map((s) => s.sql).join("; ")}`,
        { cause: error },
      );
    }
  }
}

/** PRIMARY KEY first, then unique keys, then CHECKs, as MySQL writes them. */
function keyOrder(a: ServerConstraint, b: ServerConstraint): number {
  const order = ["primaryKey", "unique", "check", "exclude", "foreignKey"];
  return order.indexOf(a.kind) - order.indexOf(b.kind);
}

function renamesChained(
  sql: string,
  renames: readonly (readonly [string, string])[],
  skip: (t: Token, i: number, all: readonly Token[]) => boolean,
): string {
  let out = sql;
  for (const [from, to] of renames) {
    out = renameIdentifiers(out, new Map([[from, to]]), quote, skip);
  }
  return out;
}

/** A view's definition with `schema.table` pointing at the rebuilt copy. */
function pointAt(sql: string, schema: string, table: string, to: string): string {
  const tokens = tokenize(sql);
  let out = "";
  let at = 0;
  tokens.forEach((token, i) => {
    const qualified = tokens[i + 1]?.text === "." && namesIdentifier(token, schema) &&
      namesIdentifier(tokens[i + 2], table);
    const bare = namesIdentifier(token, table) && tokens[i - 1]?.text !== "." &&
      tokens[i + 1]?.text !== ".";
    if (qualified) {
      out += sql.slice(at, tokens[i + 2].start) + quote(to);
      at = tokens[i + 2].end;
    } else if (bare && isWord(tokens[i - 1], "FROM", "JOIN")) {
      out += sql.slice(at, token.start) + quote(to);
      at = token.end;
    }
  });
  return out + sql.slice(at);
}

/** The trigger's CREATE statement under another name, on the rebuilt copy. */
function probeTrigger(sql: string, name: string, table: string): string {
  const tokens = tokenize(sql);
  const at = tokens.findIndex((t) => isWord(t, "TRIGGER"));
  const on = tokens.findIndex((t, i) => i > at && isWord(t, "ON"));
  let end = on + 2;
  while (tokens[end]?.text === ".") end += 2;
  return sql.slice(0, tokens[at + 1].start) + quote(name) +
    sql.slice(tokens[at + 1].end, tokens[on + 1].start) + table + sql.slice(tokens[end - 1].end);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

function field(row: Row, name: string): unknown {
  return row[name] ?? row[name.toUpperCase()] ?? row[name.toLowerCase()];
}

/**
 * Reads a MySQL/MariaDB table: `SHOW CREATE TABLE` split into column clauses (in pieces) and
 * key/constraint clauses (as written), its triggers (`SHOW CREATE TRIGGER`, without DEFINER),
 * the views that mention it, and the foreign keys of other tables that reference it.
 */
export async function readMysqlTable(
  session: Session,
  schema: string,
  name: string,
): Promise<MysqlTable> {
  const where = `${schema}.${name}`;
  const exists = await session.query(
    "SELECT TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
    [schema, name],
  );
  if (exists.length === 0 || String(field(exists[0], "type")) !== "BASE TABLE") {
    throw new BatchError(
      "BATCH_NO_TABLE",
      `batchAlterTable ${where}: no such table; check the name (or create it first)`,
    );
  }
  const [shown] = await session.query(`SHOW CREATE TABLE ${quote(schema)}.${quote(name)}`);
  const sql = String(shown["Create Table"]);
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.text === "(");
  const close = closingParen(tokens, open);
  const table: ServerTable = { name, columns: [], constraints: [], indexes: [], before: [] };
  for (const item of splitTopLevel(tokens.slice(open + 1, close))) {
    const text = sql.slice(item[0].start, item[item.length - 1].end);
    const first = item[0];
    const named = item.find((t, i) => i > 0 && t.kind === "name")?.value ?? "";
    if (isWord(first, "PRIMARY")) {
      table.constraints.push({
        kind: "primaryKey",
        name: "PRIMARY",
        columns: listedColumns(text),
        text,
      });
    } else if (isWord(first, "UNIQUE")) {
      table.constraints.push({ kind: "unique", name: named, columns: listedColumns(text), text });
    } else if (isWord(first, "KEY", "INDEX", "FULLTEXT", "SPATIAL")) {
      const index: ServerIndex = { name: named, columns: listedColumns(text), sql: text };
      table.indexes.push(index);
    } else if (isWord(first, "CONSTRAINT", "CHECK", "FOREIGN")) {
      const foreign = item.some((t) => isWord(t, "FOREIGN"));
      const checkAt = item.findIndex((t) => isWord(t, "CHECK"));
      table.constraints.push({
        kind: foreign ? "foreignKey" : "check",
        name: named,
        columns: foreign ? listedColumns(text) : mentionedNames(item.slice(checkAt + 1)),
        text,
      });
    } else {
      const column = parseColumnClause(text);
      if (!column.generated) column.source = quote(column.name);
      table.columns.push(column);
    }
  }
  const options = sql.slice(tokens[close].end).trim();
  const [version] = await session.query("SELECT VERSION() AS v");
  const mariadb = /mariadb/i.test(String(field(version, "v")));
  const triggerRows = await session.query(
    `SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS
      WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ?
      ORDER BY ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER`,
    [schema, name],
  );
  const triggers = [];
  for (const row of triggerRows) {
    const trigger = String(field(row, "name"));
    const [created] = await session.query(
      `SHOW CREATE TRIGGER ${quote(schema)}.${quote(trigger)}`,
    );
    const text = String(created["SQL Original Statement"])
      .replace(
        /^CREATE\s+DEFINER\s*=\s*(`[^`]*`|'[^']*'|\S+?)@(`[^`]*`|'[^']*'|\S+)\s+/i,
        "CREATE ",
      );
    triggers.push({ name: trigger, sql: text });
  }
  const viewRows = await session.query(
    `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS name, VIEW_DEFINITION AS def, CHECK_OPTION AS chk,
            SECURITY_TYPE AS sec
       FROM information_schema.VIEWS WHERE VIEW_DEFINITION LIKE ?`,
    [`%${name}%`],
  );
  const views = viewRows.filter((row) => {
    const t = tokenize(String(field(row, "def")));
    return t.some((tok, i) =>
      namesIdentifier(tok, name) && t[i - 1]?.text === "." && namesIdentifier(t[i - 2], schema)
    );
  }).map((row) => ({
    name: `${quote(String(field(row, "s")))}.${quote(String(field(row, "name")))}`,
    sql: String(field(row, "def")),
    checkOption: String(field(row, "chk")),
    security: String(field(row, "sec")),
  }));
  const keyRows = await session.query(
    `SELECT rc.CONSTRAINT_SCHEMA AS s, rc.TABLE_NAME AS t, rc.CONSTRAINT_NAME AS name,
            rc.DELETE_RULE AS del, rc.UPDATE_RULE AS upd, k.COLUMN_NAME AS col,
            k.REFERENCED_COLUMN_NAME AS ref
       FROM information_schema.REFERENTIAL_CONSTRAINTS rc
       JOIN information_schema.KEY_COLUMN_USAGE k
         ON k.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA AND k.TABLE_NAME = rc.TABLE_NAME
        AND k.CONSTRAINT_NAME = rc.CONSTRAINT_NAME
      WHERE rc.UNIQUE_CONSTRAINT_SCHEMA = ? AND rc.REFERENCED_TABLE_NAME = ?
        AND NOT (rc.CONSTRAINT_SCHEMA = ? AND rc.TABLE_NAME = ?)
      ORDER BY rc.CONSTRAINT_SCHEMA, rc.TABLE_NAME, rc.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
    [schema, name, schema, name],
  );
  const referencing: ReferencingKey[] = [];
  for (const row of keyRows) {
    const table = `${quote(String(field(row, "s")))}.${quote(String(field(row, "t")))}`;
    const key = String(field(row, "name"));
    let fk = referencing.find((r) => r.table === table && r.name === key);
    if (!fk) {
      fk = {
        table,
        name: key,
        columns: [],
        referencedColumns: [],
        onDelete: String(field(row, "del")),
        onUpdate: String(field(row, "upd")),
      };
      referencing.push(fk);
    }
    (fk.columns as string[]).push(String(field(row, "col")));
    (fk.referencedColumns as string[]).push(String(field(row, "ref")));
  }
  return { table, options, triggers, views, referencing, mariadb };
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0];
}

/** The condition inside `CHECK (...)`, as written. */
function checkCondition(text: string): string {
  const tokens = tokenize(text);
  const open = tokens.findIndex((t) => t.text === "(");
  if (open < 0) return text;
  return text.slice(tokens[open].end, tokens[closingParen(tokens, open)].start).trim();
}
