import type { Dialect } from "../dialect/dialect.ts";
import type { Session } from "../driver/connection.ts";
import { byteLength, shortHash } from "../schema/naming.ts";
import type { Table } from "../schema/table.ts";
import { BatchError } from "./batch_error.ts";

/**
 * A PostgreSQL or MySQL table, read for a rebuild with the dialect's introspector.
 *
 * @example
 * ```ts
 * const teams = await readServerTable(dialect, session, "teams", "public");
 * ```
 */
export async function readServerTable(
  dialect: Dialect,
  session: Session,
  table: string,
  schema: string,
): Promise<Table> {
  const read = await dialect.introspect((sql, params) => session.query(sql, params), {
    schemas: [schema],
    tables: [table],
  });
  const found = read.tables.find((t) => t.table === table);
  if (!found) {
    throw new BatchError(
      "BATCH_NO_TABLE",
      `batchAlterTable ${schema}.${table}: no such table; check the name (or create it first)`,
    );
  }
  return found;
}

/**
 * The rebuilt table's name while it is built, shortened by a hash when it would be too long
 * (in the database's own unit: PostgreSQL counts bytes, MySQL characters).
 *
 * @example
 * ```ts
 * newTableName("teams", 63, "bytes"); // "_retort_new_teams"
 * ```
 */
export function newTableName(
  table: string,
  maxLength: number,
  unit: "bytes" | "characters" = "bytes",
): string {
  const name = `_retort_new_${table}`;
  const length = unit === "bytes" ? byteLength(name) : [...name].length;
  return length <= maxLength ? name : `_retort_new_${shortHash(table)}`;
}
