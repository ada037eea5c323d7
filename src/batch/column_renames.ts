import { renameIdentifiers } from "../dialect/sqlite/sql_mentions.ts";
import type { Token } from "../dialect/sqlite/sql_tokens.ts";
import type { AlterColumnOp, BatchSubOp } from "../ops/op.ts";

/** A column rename in a batch: `[old, new]`. */
export type ColumnRename = readonly [string, string];

/**
 * The renames a batch asks for (`alterColumn(..., { newName })`), in order, and its other
 * operations with every column written as it is named after the renames; an alterColumn
 * that only renamed is left out. `same` compares names as the database does.
 *
 * @example
 * ```ts
 * splitRenames([{ kind: "alterColumn", table: "t", column: "a", newName: "b", nullable: false }]);
 * // { renames: [["a", "b"]], ops: [{ kind: "alterColumn", table: "t", column: "b", nullable: false }] }
 * ```
 */
export function splitRenames(
  ops: readonly BatchSubOp[],
  same: (a: string, b: string) => boolean = (a, b) => a === b,
): { renames: ColumnRename[]; ops: BatchSubOp[] } {
  const renames: ColumnRename[] = [];
  const now = (name: string) => renames.reduce((n, [from, to]) => (same(n, from) ? to : n), name);
  const rest: BatchSubOp[] = [];
  for (const op of ops) {
    if (op.kind === "alterColumn") {
      const { newName, ...change } = op;
      const column = now(op.column);
      if (newName !== undefined && !same(newName, column)) renames.push([column, newName]);
      const changes = change.type !== undefined || change.nullable !== undefined ||
        change.serverDefault !== undefined || change.comment !== undefined;
      if (changes) rest.push({ ...change, column: newName ?? column });
    } else if (op.kind === "dropColumn") rest.push({ ...op, column: now(op.column) });
    else if (op.kind === "createIndex") {
      rest.push({ ...op, columns: op.columns.map((c) => (typeof c === "string" ? now(c) : c)) });
    } else if ("columns" in op) {
      rest.push({ ...op, columns: op.columns.map(now) } as BatchSubOp);
    } else rest.push(op);
  }
  return { renames, ops: rest };
}

/**
 * The renames as alterColumn operations of `table`, for a model renamed in place.
 *
 * @example
 * ```ts
 * renameOps("t", [["a", "b"]]); // [{ kind: "alterColumn", table: "t", column: "a", newName: "b" }]
 * ```
 */
export function renameOps(table: string, renames: readonly ColumnRename[]): AlterColumnOp[] {
  return renames.map(([column, newName]) => ({ kind: "alterColumn", table, column, newName }));
}

/**
 * A trigger's or view's SQL with the renamed columns renamed, as the database's own `RENAME
 * COLUMN` would leave it (`skip` keeps names that are not columns, such as the trigger's
 * own). Every identifier that matches is renamed, also one of another table: read the result.
 *
 * @example
 * ```ts
 * renameInSql("SELECT a FROM t", [["a", "b"]], (n) => `"${n}"`); // 'SELECT "b" FROM t'
 * ```
 */
export function renameInSql(
  sql: string,
  renames: readonly ColumnRename[],
  quote: (name: string) => string,
  skip?: (token: Token, index: number, tokens: readonly Token[]) => boolean,
): string {
  return renames.reduce(
    (text, [from, to]) => renameIdentifiers(text, new Map([[from, to]]), quote, skip),
    sql,
  );
}
