import type { Table } from "../../schema/table.ts";
import { UnreadableTableError } from "./unreadable_table.ts";

/** A row of `pragma_table_xinfo`, as `columnsQuery` selects it. */
export interface ColumnRow {
  readonly name: string;
  readonly notNull: boolean;
  /** Position in the primary key from 1, or 0. */
  readonly pk: number;
  /** 0 plain, 1 hidden (virtual tables), 2 generated virtual, 3 generated stored. */
  readonly hidden: number;
}

/** One foreign key from `pragma_foreign_key_list`: its columns and the table it references. */
export interface ForeignKeyRow {
  readonly columns: readonly string[];
  readonly referencesTable: string;
}

/** One explicit index from `pragma_index_list` and `pragma_index_xinfo`. */
export interface IndexRow {
  readonly name: string;
  readonly unique: boolean;
  readonly partial: boolean;
  /** Key column names; null for an expression. */
  readonly columns: readonly (string | null)[];
}

const lower = (text: string) => text.toLowerCase();

/**
 * Checks a table read from its CREATE TABLE text (and its indexes read from theirs) against
 * what SQLite's pragmas say: the same columns in the same order, the same generated columns,
 * NOT NULL, primary key, foreign keys and index columns. A difference means the SQL was
 * misread; it fails with `UNREADABLE_TABLE` naming the table and what differs, rather than
 * return a wrong model.
 *
 * @example
 * ```ts
 * checkAgainstCatalog(table, columnRows, foreignKeyRows, indexRows);
 * ```
 */
export function checkAgainstCatalog(
  table: Table,
  columns: readonly ColumnRow[],
  foreignKeys: readonly ForeignKeyRow[],
  indexes: readonly IndexRow[],
): void {
  const visible = columns.filter((c) => c.hidden !== 1);
  const fail = (what: string, read: unknown, listed: unknown) => {
    throw new UnreadableTableError(
      `cannot read table ${table.schema ? `${table.schema}.` : ""}${table.table}: its CREATE ` +
        `TABLE reads as ${what} ${JSON.stringify(read)} but SQLite lists ${
          JSON.stringify(listed)
        }; report it with the table's CREATE TABLE`,
    );
  };
  const names = table.columns.map((c) => c.name);
  if (names.join("\0") !== visible.map((c) => c.name).join("\0")) {
    fail("columns", names, visible.map((c) => c.name));
  }
  const generated = table.columns.map((c) => c.computed ? (c.computed.stored ? 3 : 2) : 0);
  if (generated.join() !== visible.map((c) => c.hidden).join()) {
    fail(
      "generated columns (0 plain, 2 virtual, 3 stored)",
      generated,
      visible.map((c) => c.hidden),
    );
  }
  const key = table.primaryKey?.columns ?? [];
  const listedKey = visible.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  if (key.join("\0") !== listedKey.join("\0")) fail("primary key", key, listedKey);
  const withoutRowid = table.options?.withoutRowid === true;
  const notNull = table.columns.map((c) => !c.nullable);
  const listedNotNull = visible.map((c, i) =>
    c.notNull || (notNull[i] && !withoutRowid && key.length === 1 && key[0] === c.name)
  );
  if (notNull.join() !== listedNotNull.join()) fail("NOT NULL", notNull, listedNotNull);
  const fkText = (columns: readonly string[], target: string) =>
    `${columns.map(lower).join(",")}->${lower(target)}`;
  const fks = table.foreignKeys.map((fk) => fkText(fk.columns, fk.referencesTable)).sort();
  const listedFks = foreignKeys.map((fk) => fkText(fk.columns, fk.referencesTable)).sort();
  if (fks.join(" ") !== listedFks.join(" ")) fail("foreign keys", fks, listedFks);
  checkIndexes(table, indexes, fail);
}

function checkIndexes(
  table: Table,
  listed: readonly IndexRow[],
  fail: (what: string, read: unknown, listed: unknown) => never,
): void {
  const byName = new Map(listed.map((ix) => [ix.name, ix]));
  const read = table.indexes.map((ix) => ix.name).sort();
  const catalog = [...byName.keys()].sort();
  if (read.join("\0") !== catalog.join("\0")) fail("indexes", read, catalog);
  for (const index of table.indexes) {
    const row = byName.get(index.name)!;
    const columns = index.columns.map((c) => (typeof c === "string" ? lower(c) : "(expression)"));
    const rowColumns = row.columns.map((c, i) =>
      typeof index.columns[i] === "string" ? lower(c ?? "(expression)") : "(expression)"
    );
    const shape = (unique: boolean, partial: boolean, list: string[]) =>
      `${unique ? "UNIQUE " : ""}INDEX ${index.name} (${list.join(", ")})${
        partial ? " WHERE" : ""
      }`;
    const mine = shape(index.unique === true, index.where !== undefined, columns);
    const theirs = shape(row.unique, row.partial, rowColumns);
    if (mine !== theirs) fail("index", mine, theirs);
  }
}
