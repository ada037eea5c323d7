import type { Session } from "../driver/connection.ts";
import { BatchError } from "./batch_error.ts";
import { parseTable } from "./parse_table.ts";
import { mentions } from "../dialect/sqlite/sql_mentions.ts";
import type { SchemaObject, TableDefinition } from "../dialect/sqlite/table_definition.ts";
import { sameName } from "../dialect/sqlite/table_definition.ts";

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Reads a table's full definition from a SQLite database: its CREATE TABLE (parsed, checked
 * against `PRAGMA table_xinfo`), its indexes (partial and expression ones included), the
 * triggers on it or mentioning it, and the views that mention it or are built on such
 * views, in creation order.
 *
 * @example
 * ```ts
 * const users = await readTable(session, "users");
 * users.indexes.map((ix) => ix.name);
 * ```
 */
export async function readTable(
  session: Session,
  table: string,
  schema?: string,
): Promise<TableDefinition> {
  const master = `${schema ? `${quote(schema)}.` : ""}sqlite_master`;
  const objects = await session.query(
    `SELECT type, name, tbl_name, sql FROM ${master} WHERE sql IS NOT NULL ORDER BY rowid`,
  );
  const own = objects.find((o) => o.type === "table" && sameName(String(o.name), table));
  if (!own) {
    throw new BatchError(
      "BATCH_NO_TABLE",
      `batchAlterTable ${
        schema ? `${schema}.` : ""
      }${table}: no such table; check the name (or create it first)`,
    );
  }
  const name = String(own.name);
  const parsed = parseTable(String(own.sql));
  const info = await session.query("SELECT name FROM pragma_table_xinfo(?, ?)", [
    name,
    schema ?? "main",
  ]);
  const parsedNames = parsed.columns.map((c) => c.name.toLowerCase()).join(",");
  if (info.map((r) => String(r.name).toLowerCase()).join(",") !== parsedNames) {
    throw new BatchError(
      "BATCH_UNREADABLE_TABLE",
      `batchAlterTable ${name}: its CREATE TABLE reads as columns (${parsedNames}) but SQLite lists ` +
        `(${info.map((r) => r.name).join(",")}); report it with the table's CREATE TABLE`,
    );
  }
  const of = (type: string) =>
    objects.filter((o) => o.type === type).map((o) => ({
      name: String(o.name),
      table: String(o.tbl_name),
      sql: String(o.sql),
    }));
  const indexes: SchemaObject[] = of("index")
    .filter((ix) => sameName(ix.table, name))
    .map(({ name, sql }) => ({ name, sql }));
  const dependents = [name];
  const views: SchemaObject[] = [];
  for (let grew = true; grew;) {
    grew = false;
    for (const view of of("view")) {
      if (views.some((v) => v.name === view.name)) continue;
      if (dependents.some((d) => mentions(view.sql, d))) {
        views.push({ name: view.name, sql: view.sql });
        dependents.push(view.name);
        grew = true;
      }
    }
  }
  const order = of("view").map((v) => v.name);
  views.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  const triggers = of("trigger")
    .filter((t) => dependents.some((d) => sameName(t.table, d) || mentions(t.sql, d)))
    .map(({ name, sql }) => ({ name, sql }));
  return { ...parsed, name, indexes, triggers, views };
}
