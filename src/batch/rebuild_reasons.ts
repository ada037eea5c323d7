import type { BatchAlterTableOp, BatchSubOp } from "../ops/op.ts";
import { isSqlFragment } from "../schema/sql_fragment.ts";
import { indexBody } from "./apply_batch_ops.ts";
import { mentions } from "../dialect/sqlite/sql_mentions.ts";
import type { TableDefinition } from "../dialect/sqlite/table_definition.ts";
import { findColumn, sameName } from "../dialect/sqlite/table_definition.ts";

/** What SQLite can do in place besides its standard ALTER TABLE. */
export interface NativeAbilities {
  /** libSQL's `ALTER TABLE ... ALTER COLUMN c TO <definition>` (schema only, no data rewrite). */
  readonly alterColumn: boolean;
}

/**
 * Why SQLite's ALTER TABLE cannot carry out the batch in place, one reason per operation that
 * needs a rebuild; empty when plain ALTERs do it all. `table` (the definition before the
 * batch) lets a dropped column go in place when nothing else uses it; without it (`--sql`
 * with no copyFrom) a dropColumn is assumed to go in place.
 *
 * @example
 * ```ts
 * rebuildReasons(op, table, { alterColumn: false }); // ["alterColumn price: type"]
 * ```
 */
export function rebuildReasons(
  op: BatchAlterTableOp,
  table: TableDefinition | undefined,
  native: NativeAbilities,
): string[] {
  const reasons = op.ops.flatMap((sub) => reasonsFor(sub, table, native));
  if (op.partialReordering?.length) reasons.push("partialReordering");
  return reasons;
}

function reasonsFor(
  op: BatchSubOp,
  table: TableDefinition | undefined,
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
      return table && columnInUse(table, op.column) ? [`dropColumn ${op.column}: in use`] : [];
    case "alterColumn": {
      const why = [
        op.type !== undefined ? "type" : "",
        op.nullable !== undefined ? "nullability" : "",
        op.serverDefault !== undefined ? "default" : "",
      ].filter(Boolean);
      // libSQL's ALTER COLUMN rewrites no data, so a type change (whose values need their new
      // affinity) still rebuilds; nullability (checked first) and defaults go in place.
      const rebuild = native.alterColumn ? why.filter((w) => w === "type") : why;
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
 * True when SQLite's `ALTER TABLE DROP COLUMN` would refuse: the column is in a key, a
 * UNIQUE, an index, a foreign key, a CHECK of another column or of the table, a generated
 * column, a trigger or a view.
 */
export function columnInUse(table: TableDefinition, name: string): boolean {
  const column = findColumn(table, name);
  if (!column) return false;
  if (column.clauses.some((c) => ["primaryKey", "unique", "references"].includes(c.kind))) {
    return true;
  }
  if (table.constraints.some((c) => c.columns.some((x) => sameName(x, name)))) return true;
  if (table.indexes.some((ix) => mentions(indexBody(ix.sql), name))) return true;
  const others = table.columns.filter((c) => c !== column);
  if (others.some((c) => c.clauses.some((k) => mentions(k.text, name)))) return true;
  return [...table.triggers, ...table.views].some((o) => mentions(o.sql, name));
}
