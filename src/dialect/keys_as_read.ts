import type { Table } from "../schema/table.ts";
import { implicitAutoincrement } from "./ddl_renderer.ts";

/**
 * A table read back from a database, with `autoincrement: false` on a lone integer primary
 * key that does not number its rows: `createTable` would otherwise give it the default
 * autoincrement a declared key gets, and a rebuild or a round trip would change the table.
 * `numbersRows` says whether such a key numbers rows without saying so (SQLite's rowid).
 *
 * @example
 * ```ts
 * const tables = reflected.map((table) => keysAsRead(table, () => false));
 * ```
 */
export function keysAsRead(
  table: Table,
  numbersRows: (column: Table["columns"][number]) => boolean,
): Table {
  const keys = table.primaryKey?.columns ?? [];
  const plain = implicitAutoincrement(table, keys);
  if (!plain || numbersRows(plain)) return table;
  return {
    ...table,
    columns: table.columns.map((c) => (c === plain ? { ...c, autoincrement: false } : c)),
  };
}
