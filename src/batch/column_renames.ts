import type { BatchSubOp } from "../ops/op.ts";
import { renameIdentifiers } from "../dialect/sqlite/sql_mentions.ts";
import type { Token } from "../dialect/sqlite/sql_tokens.ts";
import { isWord } from "../dialect/sqlite/sql_tokens.ts";
import type { TableDefinition } from "../dialect/sqlite/table_definition.ts";
import { sameName } from "../dialect/sqlite/table_definition.ts";

/** A column rename in a batch: `[old, new]`. */
export type ColumnRename = readonly [string, string];

/**
 * The renames a batch asks for (`alterColumn(..., { newName })`), in order, and its other
 * operations with every column name written as it is after the renames; an `alterColumn`
 * that only renamed (or set a comment, which SQLite does not keep) is left out.
 *
 * @example
 * ```ts
 * splitRenames([{ kind: "alterColumn", table: "t", column: "a", newName: "b", nullable: false }]);
 * // { renames: [["a", "b"]], ops: [{ kind: "alterColumn", table: "t", column: "b", nullable: false }] }
 * ```
 */
export function splitRenames(ops: readonly BatchSubOp[]): {
  renames: ColumnRename[];
  ops: BatchSubOp[];
} {
  const renames: ColumnRename[] = [];
  const now = (name: string) =>
    renames.reduce((n, [from, to]) => (sameName(n, from) ? to : n), name);
  const rest: BatchSubOp[] = [];
  for (const op of ops) {
    if (op.kind === "alterColumn") {
      const { newName, comment: _comment, existingComment: _existing, ...change } = op;
      const column = now(op.column);
      if (newName !== undefined && !sameName(newName, column)) renames.push([column, newName]);
      const changes = change.type !== undefined || change.nullable !== undefined ||
        change.serverDefault !== undefined;
      if (changes) rest.push({ ...change, column: newName ?? column });
      continue;
    }
    if (op.kind === "dropColumn") rest.push({ ...op, column: now(op.column) });
    else if ("columns" in op && op.kind !== "createIndex") {
      rest.push({ ...op, columns: op.columns.map(now) } as BatchSubOp);
    } else if (op.kind === "createIndex") {
      rest.push({ ...op, columns: op.columns.map((c) => (typeof c === "string" ? now(c) : c)) });
    } else rest.push(op);
  }
  return { renames, ops: rest };
}

/**
 * The definition as SQLite's `RENAME COLUMN` would leave it, for `--sql` mode: each renamed
 * name is rewritten wherever it appears as an identifier in the table, its indexes,
 * triggers and views (a name of another table's column that happens to match is rewritten
 * too: check the script).
 */
export function renameInDefinition(
  table: TableDefinition,
  renames: readonly ColumnRename[],
  quote: (name: string) => string,
): TableDefinition {
  if (renames.length === 0) return table;
  let current = table;
  for (const [from, to] of renames) {
    const map = new Map([[from, to]]);
    const notTable = (_t: Token, i: number, tokens: readonly Token[]) =>
      isWord(tokens[i - 1], "REFERENCES", "ON", "TABLE", "INDEX", "VIEW", "TRIGGER");
    const rename = (sql: string) => renameIdentifiers(sql, map, quote, notTable);
    current = {
      ...current,
      columns: current.columns.map((c) => ({
        ...c,
        ...(sameName(c.name, from) ? { name: to, nameText: quote(to) } : {}),
        clauses: c.clauses.map((k) => ({
          ...k,
          text: k.kind === "references" ? k.text : rename(k.text),
        })),
      })),
      constraints: current.constraints.map((c) => ({
        ...c,
        columns: c.columns.map((x) => (sameName(x, from) ? to : x)),
        text: c.kind === "foreignKey"
          ? renameForeignKeyColumns(c.text, map, quote)
          : rename(c.text),
      })),
      indexes: current.indexes.map((o) => ({ ...o, sql: rename(o.sql) })),
      triggers: current.triggers.map((o) => ({ ...o, sql: rename(o.sql) })),
      views: current.views.map((o) => ({ ...o, sql: rename(o.sql) })),
    };
  }
  return current;
}

/** Renames only the local columns of `FOREIGN KEY (...) REFERENCES t (...)`. */
function renameForeignKeyColumns(
  text: string,
  map: ReadonlyMap<string, string>,
  quote: (name: string) => string,
): string {
  const at = text.search(/\bREFERENCES\b/i);
  if (at < 0) return renameIdentifiers(text, map, quote);
  return renameIdentifiers(text.slice(0, at), map, quote) + text.slice(at);
}
