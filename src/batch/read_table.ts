import type { Dialect } from "../dialect/dialect.ts";
import { sameName } from "../dialect/sqlite/same_name.ts";
import { mentions } from "../dialect/sqlite/sql_mentions.ts";
import { UnreadableTableError } from "../dialect/sqlite/unreadable_table.ts";
import type { Session } from "../driver/connection.ts";
import type { Table } from "../schema/table.ts";
import { BatchError } from "./batch_error.ts";

/** An index, trigger or view: its name and the SQL that creates it. */
export interface SchemaObject {
  readonly name: string;
  readonly sql: string;
}

/** A SQLite table as a rebuild sees it: the model, and the SQL of what is around it. */
export interface SqliteTable {
  readonly table: Table;
  /** Its CREATE TABLE as SQLite stores it. */
  readonly createSql: string;
  /** Its indexes' CREATE INDEX, by name: one the batch leaves alone is created again from it. */
  readonly indexSql: ReadonlyMap<string, string>;
  /** The views that use the table, and the views on those, in creation order. */
  readonly views: readonly SchemaObject[];
  /** The triggers on the table or on those views, or mentioning them, in creation order. */
  readonly triggers: readonly SchemaObject[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Reads a SQLite table for a rebuild: the model from the dialect's introspector (with the
 * views on the table and the triggers on those), and from `sqlite_master` the SQL of the
 * table and its indexes, the order the views and triggers were created in, and the triggers
 * of other tables whose body mentions the table or its views.
 *
 * @example
 * ```ts
 * const users = await readTable(dialect, session, "users");
 * users.table.columns.map((c) => c.name);
 * ```
 */
export async function readTable(
  dialect: Dialect,
  session: Session,
  table: string,
  schema?: string,
): Promise<SqliteTable> {
  const read = await readable(() =>
    dialect.introspect((sql, params) => session.query(sql, params), {
      tables: [table],
      ...(schema ? { schemas: [schema] } : {}),
    })
  );
  const model = read.tables[0];
  if (!model) {
    throw new BatchError(
      "BATCH_NO_TABLE",
      `batchAlterTable ${
        schema ? `${schema}.` : ""
      }${table}: no such table; check the name (or create it first)`,
    );
  }
  const master = `${schema ? `${quote(schema)}.` : ""}sqlite_master`;
  const objects = await session.query(
    `SELECT type, name, tbl_name, sql FROM ${master} WHERE sql IS NOT NULL ORDER BY rowid`,
  );
  const of = (type: string) =>
    objects.filter((o) => o.type === type).map((o) => ({
      name: String(o.name),
      on: String(o.tbl_name),
      sql: String(o.sql),
    }));
  const named = new Set(read.views.map((v) => v.name));
  const views = of("view").filter((v) => named.has(v.name));
  const around = [model.table, ...views.map((v) => v.name)];
  const triggers = of("trigger").filter((t) =>
    around.some((name) => sameName(t.on, name) || mentions(t.sql, name))
  );
  const own = objects.find((o) => o.type === "table" && sameName(String(o.name), model.table));
  const plain = ({ name, sql }: SchemaObject) => ({ name, sql });
  return {
    table: model,
    createSql: String(own?.sql ?? ""),
    indexSql: new Map(
      of("index").filter((ix) => sameName(ix.on, model.table)).map((ix) => [ix.name, ix.sql]),
    ),
    views: views.map(plain),
    triggers: triggers.map(plain),
  };
}

/**
 * The reader's result; SQL it cannot read fails as `BATCH_UNREADABLE_TABLE`, as every other
 * batch failure is a `BatchError`.
 *
 * @example
 * ```ts
 * const table = await readable(() => tableFromCreate(sql));
 * ```
 */
export async function readable<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof UnreadableTableError)) throw error;
    throw new BatchError("BATCH_UNREADABLE_TABLE", error.message);
  }
}
