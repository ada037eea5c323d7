import { parseCreateTable } from "../dialect/sqlite/parse_create_table.ts";
import type { TableDefinition } from "../dialect/sqlite/table_definition.ts";
import { UnreadableTableError } from "../dialect/sqlite/unreadable_table.ts";
import { BatchError } from "./batch_error.ts";

/**
 * The dialect's `parseCreateTable` for a batch: a statement it cannot read fails as a
 * `BatchError` (`BATCH_UNREADABLE_TABLE`), as every other batch failure does, so a rebuild
 * reports it as it is and does not wrap it as a failed step.
 *
 * @example
 * ```ts
 * parseTable(`CREATE TABLE t (a INTEGER)`).columns.map((c) => c.name); // ["a"]
 * ```
 */
export function parseTable(sql: string): TableDefinition {
  try {
    return parseCreateTable(sql);
  } catch (error) {
    if (!(error instanceof UnreadableTableError)) throw error;
    throw new BatchError("BATCH_UNREADABLE_TABLE", error.message);
  }
}
