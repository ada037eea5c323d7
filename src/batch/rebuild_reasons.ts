import { sameName } from "../dialect/sqlite/same_name.ts";
import { mentions } from "../dialect/sqlite/sql_mentions.ts";
import type { BatchAlterTableOp, BatchSubOp } from "../ops/op.ts";
import { isSqlFragment } from "../schema/sql_fragment.ts";
import { indexUses } from "./apply_batch_ops.ts";
import type { SqliteTable } from "./read_table.ts";

/** What SQLite can do in place besides its standard ALTER TABLE. */
export interface NativeAbilities {
  /**
   * Whether libSQL's `ALTER TABLE ... ALTER COLUMN c TO <definition>` (schema only, no data
   * rewrite) can change this column.
   */
  alterColumn(column: string): boolean;
}

/**
 * Why SQLite's ALTER TABLE cannot carry out the batch in place, one reason per operation that
 * needs a rebuild; empty when plain ALTERs do it all. `known` (the table before the batch)
 * lets a dropped column go in place when nothing else uses it; without it (`--sql` with no
 * copyFrom) a dropColumn is assumed to go in place.
 *
 * @example
 * ```ts
 * rebuildReasons(op, known, { alterColumn: () => false }); // ["alterColumn price: type"]
 * ```
 */
export function rebuildReasons(
  op: BatchAlterTableOp,
  known: SqliteTable | undefined,
  native: NativeAbilities,
): string[] {
  const reasons = op.ops.flatMap((sub) => reasonsFor(sub, known, native));
  if (op.partialReordering?.length) reasons.push("partialReordering");
  return reasons;
}

function reasonsFor(
  op: BatchSubOp,
  known: SqliteTable | undefined,
  native: NativeAbilities,
): string[] {
  switch (op.kind) {
    case "addColumn": {
      const c = op.column;
      const why = [
        c.primaryKey ? "primary key" : "",
        c.unique ? "unique" : "",
        c.autoincrement || c.identity ? "autoincrement" : "",
        c.nullable === false && c.serverDefault === undefined ? "NOT NULL without a default" : "",
        isSqlFragment(c.serverDefault) ? "expression default" : "",
        op.insertBefore !== undefined || op.insertAfter !== undefined ? "position" : "",
      ].filter(Boolean);
      return why.map((w) => `addColumn ${c.name}: ${w}`);
    }
    case "dropColumn":
      return known && columnInUse(known, op.column) ? [`dropColumn ${op.column}: in use`] : [];
    case "alterColumn": {
      const why = [
        op.type !== undefined ? "type" : "",
        op.nullable !== undefined ? "nullability" : "",
        op.serverDefault !== undefined ? "default" : "",
      ].filter(Boolean);
      // libSQL's ALTER COLUMN rewrites no data, so a type change (whose values need their new
      // affinity) still rebuilds; nullability (checked first) and defaults go in place.
      const rebuild = native.alterColumn(op.column) ? why.filter((w) => w === "type") : why;
      return rebuild.length ? [`alterColumn ${op.column}: ${rebuild.join(", ")}`] : [];
    }
    case "createIndex":
    case "dropIndex":
      return [];
    default:
      return [`${op.kind} ${"name" in op ? op.name : ""}`.trim()];
  }
}

/**
 * True when SQLite's `ALTER TABLE DROP COLUMN` would refuse: the column is in the primary
 * key, a UNIQUE, a foreign key, a CHECK, an index, a generated column, a trigger or a view.
 */
function columnInUse(known: SqliteTable, name: string): boolean {
  const { table } = known;
  const column = table.columns.find((c) => sameName(c.name, name));
  if (!column) return false;
  const has = (columns: readonly string[]) => columns.some((c) => sameName(c, name));
  return has(table.primaryKey?.columns ?? []) ||
    table.uniques.some((u) => has(u.columns)) ||
    table.foreignKeys.some((fk) => has(fk.columns)) ||
    table.checks.some((c) => mentions(c.condition, name)) ||
    table.indexes.some((ix) => indexUses(ix, name)) ||
    table.columns.some((c) => c !== column && c.computed && mentions(c.computed.sql, name)) ||
    [...known.triggers, ...known.views].some((o) => mentions(o.sql, name));
}
