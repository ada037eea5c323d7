import type { Dialect } from "../dialect/dialect.ts";
import { keysAsRead } from "../dialect/keys_as_read.ts";
import { sameName } from "../dialect/sqlite/same_name.ts";
import { mentions, renameIdentifiers } from "../dialect/sqlite/sql_mentions.ts";
import type { AlterColumnOp, BatchAddColumnOp, BatchSubOp, ConstraintType } from "../ops/op.ts";
import type { Column } from "../schema/column.ts";
import type { ColumnType } from "../schema/column_type.ts";
import { isNullable } from "../schema/column.ts";
import type {
  CheckConstraint,
  ForeignKey,
  Index,
  IndexColumn,
  IndexKey,
  UniqueConstraint,
} from "../schema/constraint.ts";
import { definedOnly } from "../schema/defined_only.ts";
import type { NamingConvention } from "../schema/naming.ts";
import { conventionalName } from "../schema/naming.ts";
import type { Table } from "../schema/table.ts";
import { BatchError } from "./batch_error.ts";
import { namedConstraints } from "./constraint_names.ts";

/** The table a rebuild creates, and how each of its columns is filled from the old one. */
export interface RebuiltTable {
  readonly table: Table;
  /**
   * New column name -> SQL over the old table that fills it: the old column, quoted, or an
   * alterColumn's `using`. New and generated columns have none (they take their default, or
   * are computed).
   */
  readonly sources: ReadonlyMap<string, string>;
  /** Columns whose type changed with no `using`: the copy converts their values. */
  readonly retyped: ReadonlySet<string>;
}

/** What else `applyBatchOps` needs to know. */
export interface ApplyOptions {
  /** Names for unnamed constraints, and the names the table's unnamed ones answer to. */
  readonly naming?: NamingConvention;
  /** Column orders to keep, e.g. `[["id", "email", "name"]]`. */
  readonly partialReordering?: readonly (readonly string[])[];
}

type Draft = { -readonly [K in keyof Table]: Table[K] } & {
  columns: Column[];
  foreignKeys: ForeignKey[];
  uniques: UniqueConstraint[];
  checks: CheckConstraint[];
  indexes: Index[];
  sources: Map<string, string>;
  retyped: Set<string>;
};

/**
 * Applies a batch's column, index and constraint operations, in order, to a table read back
 * from the database, as the same ALTERs would: dropping a column drops the keys, constraints
 * and indexes that use it (as PostgreSQL's `DROP COLUMN` does), `alterColumn`'s `newName`
 * renames the column wherever the table uses it, and `dropConstraint` finds an unnamed
 * constraint by the name the naming convention gives it. Pure: no I/O.
 *
 * @example
 * ```ts
 * const { table, sources } = applyBatchOps(dialect, users, [
 *   { kind: "dropColumn", table: "users", column: "age" },
 * ]);
 * sources.get("email"); // '"email"'
 * ```
 */
export function applyBatchOps(
  dialect: Dialect,
  table: Table,
  ops: readonly BatchSubOp[],
  options: ApplyOptions = {},
): RebuiltTable {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const draft: Draft = {
    ...table,
    columns: [...table.columns],
    foreignKeys: [...table.foreignKeys],
    uniques: [...table.uniques],
    checks: [...table.checks],
    indexes: [...table.indexes],
    sources: new Map(table.columns.filter((c) => !c.computed).map((c) => [c.name, q(c.name)])),
    retyped: new Set(),
  };
  const naming = options.naming ?? {};
  for (const op of ops) {
    switch (op.kind) {
      case "addColumn":
        addColumn(dialect, draft, op, naming);
        break;
      case "dropColumn":
        dropColumn(draft, op.column);
        break;
      case "alterColumn":
        alterColumn(dialect, draft, op);
        break;
      case "createIndex": {
        const { name, columns, unique, where, using } = op;
        draft.indexes.push({ name, columns, ...definedOnly({ unique, where, using }) });
        break;
      }
      case "dropIndex":
        draft.indexes.splice(indexAt(draft, op.name), 1);
        break;
      case "createUniqueConstraint":
        draft.uniques.push({ name: op.name, columns: op.columns });
        break;
      case "createCheckConstraint":
        draft.checks.push({ name: op.name, condition: op.condition });
        break;
      case "createForeignKey": {
        const { kind: _k, table: _t, schema: _s, ...key } = op;
        draft.foreignKeys.push(key);
        break;
      }
      case "createPrimaryKey":
        draft.primaryKey = { name: op.name, columns: op.columns };
        break;
      case "dropConstraint":
        dropConstraint(dialect, draft, naming, op.name, op.type);
        break;
    }
  }
  for (const order of options.partialReordering ?? []) reorder(draft, order);
  const { sources, retyped, ...rebuilt } = draft;
  // A key the batch makes is as the same ALTER makes it: it does not start numbering rows.
  return { table: keysAsRead(rebuilt, () => false), sources, retyped };
}

function addColumn(
  dialect: Dialect,
  draft: Draft,
  op: BatchAddColumnOp,
  naming: NamingConvention,
): void {
  const { primaryKey, unique, ...column } = op.column;
  if (draft.columns.some((c) => sameName(c.name, column.name))) {
    throw new BatchError(
      "BATCH_DUPLICATE_COLUMN",
      `batchAlterTable ${draft.table}: column ${column.name} already exists; pick another name or drop it first`,
    );
  }
  // SQLite and MySQL number rows only in a key column.
  const numbers = column.autoincrement === true || column.identity !== undefined;
  const key = primaryKey === true || (numbers && dialect.name !== "postgres");
  const anchor = op.insertBefore ?? op.insertAfter;
  const at = anchor === undefined
    ? draft.columns.length
    : columnAt(draft, anchor) + (op.insertBefore !== undefined ? 0 : 1);
  draft.columns.splice(at, 0, { ...column, nullable: !key && isNullable(op.column) });
  if (key) {
    draft.primaryKey = {
      name: op.primaryKeyName ?? conventionalName(naming, "pk", { table: draft.table }),
      columns: [column.name],
    };
  }
  if (unique) {
    const name = op.uniqueName ??
      conventionalName(naming, "uq", { table: draft.table, columns: [column.name] });
    draft.uniques.push({ name, columns: [column.name] });
  }
}

/** Removes the column, and the keys, constraints and indexes that use it. */
function dropColumn(draft: Draft, name: string): void {
  const column = draft.columns[columnAt(draft, name)];
  draft.columns = draft.columns.filter((c) => c !== column);
  draft.sources.delete(column.name);
  draft.retyped.delete(column.name);
  const has = (columns: readonly string[]) => columns.some((c) => sameName(c, name));
  if (draft.primaryKey && has(draft.primaryKey.columns)) draft.primaryKey = undefined;
  draft.uniques = draft.uniques.filter((u) => !has(u.columns));
  draft.foreignKeys = draft.foreignKeys.filter((fk) => !has(fk.columns));
  draft.checks = draft.checks.filter((c) => !mentions(c.condition, name));
  draft.indexes = draft.indexes.filter((ix) => !indexUses(ix, name));
}

/**
 * True when the index has the column as a key, or uses it in an expression or its WHERE.
 *
 * @example
 * ```ts
 * indexUses({ name: "ix", columns: [sql`lower(email)`] }, "email"); // true
 * ```
 */
export function indexUses(index: Index, column: string): boolean {
  const keyUses = (key: IndexColumn) => {
    if (typeof key === "string") return sameName(key, column);
    const { column: name, sql } = key as IndexKey;
    return name !== undefined ? sameName(name, column) : mentions(sql ?? "", column);
  };
  return index.columns.some(keyUses) ||
    (index.where !== undefined && mentions(index.where, column));
}

function alterColumn(dialect: Dialect, draft: Draft, op: AlterColumnOp): void {
  const at = columnAt(draft, op.column);
  const before = draft.columns[at];
  const column: { -readonly [K in keyof Column]: Column[K] } = { ...before };
  if (op.type !== undefined) {
    column.type = op.type;
    if (dialect.name !== "sqlite" && !holdsText(dialect, op.type)) delete column.collation;
    draft.retyped.add(column.name);
  }
  if (op.nullable !== undefined) column.nullable = op.nullable;
  if (op.serverDefault === null) delete column.serverDefault;
  else if (op.serverDefault !== undefined) column.serverDefault = op.serverDefault;
  if (op.comment === null) delete column.comment;
  else if (op.comment !== undefined) column.comment = op.comment;
  draft.columns[at] = column;
  if (op.using !== undefined) {
    draft.sources.set(column.name, `(${op.using})`);
    draft.retyped.delete(column.name);
  }
  if (op.newName !== undefined && op.newName !== column.name) {
    renameColumn(dialect, draft, column.name, op.newName);
  }
}

/** Whether a column of this type can have a collation (a PostgreSQL enum cannot). */
function holdsText(dialect: Dialect, type: ColumnType): boolean {
  if (type.name === "raw") return /char|text|enum|\bset\b|citext|^\s*name\s*$/i.test(type.sql);
  if (type.name === "enum") return dialect.name === "mysql";
  return ["varchar", "char", "text"].includes(type.name);
}

/** The column renamed in every column, key, constraint and index that names it. */
function renameColumn(dialect: Dialect, draft: Draft, from: string, to: string): void {
  const name = (n: string) => (sameName(n, from) ? to : n);
  const names = (list: readonly string[]) => list.map(name);
  const rename = (sql: string) =>
    renameIdentifiers(sql, new Map([[from, to]]), (n) => dialect.quoteIdentifier(n));
  draft.columns = draft.columns.map((c) => ({
    ...c,
    name: name(c.name),
    ...(c.computed ? { computed: { ...c.computed, sql: rename(c.computed.sql) } } : {}),
  }));
  if (draft.primaryKey) {
    draft.primaryKey = { ...draft.primaryKey, columns: names(draft.primaryKey.columns) };
  }
  draft.uniques = draft.uniques.map((u) => ({ ...u, columns: names(u.columns) }));
  draft.foreignKeys = draft.foreignKeys.map((fk) => ({
    ...fk,
    columns: names(fk.columns),
    ...(sameName(fk.referencesTable, draft.table) && fk.referencesSchema === undefined
      ? { referencesColumns: names(fk.referencesColumns) }
      : {}),
  }));
  draft.checks = draft.checks.map((c) => ({ ...c, condition: rename(c.condition) }));
  draft.indexes = draft.indexes.map((ix) => ({
    ...ix,
    columns: ix.columns.map((key): IndexColumn => {
      if (typeof key === "string") return name(key);
      const { column, sql } = key as IndexKey;
      if (column !== undefined) return { ...key, column: name(column) };
      return { ...key, sql: rename(sql ?? "") };
    }),
    ...(ix.where === undefined ? {} : { where: rename(ix.where) }),
  }));
  const source = draft.sources.get(from);
  draft.sources.delete(from);
  if (source !== undefined) draft.sources.set(to, source);
  if (draft.retyped.delete(from)) draft.retyped.add(to);
}

function dropConstraint(
  dialect: Dialect,
  draft: Draft,
  naming: NamingConvention,
  name: string,
  type: ConstraintType | undefined,
): void {
  const all = namedConstraints(draft, naming);
  // MySQL's primary key is always called PRIMARY: a primary key answers to any name there.
  const found = all.find((c) =>
    (type === undefined || c.type === type) &&
    (sameName(c.name, name) || (dialect.name === "mysql" && type === "primary"))
  );
  if (found) {
    const gone = found.constraint;
    if (draft.primaryKey === gone) draft.primaryKey = undefined;
    draft.uniques = draft.uniques.filter((c) => c !== gone);
    draft.foreignKeys = draft.foreignKeys.filter((c) => c !== gone);
    draft.checks = draft.checks.filter((c) => c !== gone);
    return;
  }
  // A unique index is a UNIQUE constraint to SQLite and MySQL.
  const index = draft.indexes.findIndex((ix) => sameName(ix.name, name));
  if (index >= 0 && (type === undefined || type === "unique")) {
    draft.indexes.splice(index, 1);
    return;
  }
  throw new BatchError(
    "BATCH_UNKNOWN_CONSTRAINT",
    `batchAlterTable ${draft.table}: no ${type ? `${type} ` : ""}constraint named ${name}; it has ${
      all.map((c) => c.name).join(", ") || "none"
    } (unnamed ones answer to the naming convention)`,
  );
}

/** The named columns, in their order, take the places those columns had. */
function reorder(draft: Draft, order: readonly string[]): void {
  const positions = order.map((name) => columnAt(draft, name));
  const picked = positions.map((p) => draft.columns[p]);
  [...positions].sort((a, b) => a - b).forEach((slot, i) => (draft.columns[slot] = picked[i]));
}

function columnAt(draft: Draft, name: string): number {
  const at = draft.columns.findIndex((c) => sameName(c.name, name));
  if (at < 0) throw unknown(draft.table, "column", name, draft.columns.map((c) => c.name));
  return at;
}

function indexAt(draft: Draft, name: string): number {
  const at = draft.indexes.findIndex((ix) => sameName(ix.name, name));
  if (at < 0) throw unknown(draft.table, "index", name, draft.indexes.map((ix) => ix.name));
  return at;
}

function unknown(table: string, what: string, name: string, known: readonly string[]): BatchError {
  return new BatchError(
    `BATCH_UNKNOWN_${what.toUpperCase()}`,
    `batchAlterTable ${table}: no ${what} named ${name}; it has ${known.join(", ") || "none"}`,
  );
}
