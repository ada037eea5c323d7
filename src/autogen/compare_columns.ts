import { wantsGeneratedValues } from "../dialect/_shared.ts";
import { implicitAutoincrement } from "../dialect/ddl_renderer.ts";
import type { AddColumnOp, AlterColumnOp, DropColumnOp } from "../ops/op.ts";
import type { Column } from "../schema/column.ts";
import { isNullable } from "../schema/column.ts";
import type { Table } from "../schema/table.ts";
import type { CompareContext } from "./compare_context.ts";
import { parentsOf, placeOf, primaryKeyColumns, tableName } from "./compare_context.ts";
import { sameType, typeLabel, writtenType } from "./compare_types.ts";
import { defaultLabel, isSequenceDefault, sameDefault } from "./normalize_default.ts";
import type { SchemaChange } from "./schema_change.ts";

/** The column changes of one table, in the order they run. */
export interface ColumnChanges {
  readonly added: SchemaChange[];
  /** Renames and alterations: one `alterColumn` per column. */
  readonly altered: SchemaChange[];
  readonly dropped: SchemaChange[];
  /** Reflected column name -> declared column name, for the columns on both sides. */
  readonly pairs: ReadonlyMap<string, string>;
}

/**
 * Compares the columns of a declared table with those of the same table in the database:
 * added and dropped columns, renames asked for (`--rename-column`), and for each column on
 * both sides one `alterColumn` with every change (nullability, type when `compareType`,
 * server default when `compareServerDefault`, comment where the database keeps them) and
 * every `existing*` field, so MySQL can restate the column (with its AUTO_INCREMENT,
 * collation and ON UPDATE) and the op can be reversed.
 *
 * @example
 * ```ts
 * const { added, altered, dropped } = await compareColumns(context, declared, reflected);
 * ```
 */
export async function compareColumns(
  context: CompareContext,
  declared: Table,
  reflected: Table,
): Promise<ColumnChanges> {
  const parents = parentsOf(declared);
  const byName = new Map(reflected.columns.map((c) => [c.name, c]));
  const declaredNames = new Set(declared.columns.map((c) => c.name));
  const pairs = new Map<string, string>();
  const renamedFrom = new Map<string, string>();
  for (const column of declared.columns) {
    if (byName.has(column.name)) pairs.set(column.name, column.name);
  }
  for (const [key, to] of context.columnRenames) {
    const dot = key.lastIndexOf(".");
    if (dot < 0 || key.slice(0, dot) !== declared.table) continue;
    const from = key.slice(dot + 1);
    if (!byName.has(from) || pairs.has(from) || declaredNames.has(from)) continue;
    if (!declaredNames.has(to) || byName.has(to)) continue;
    pairs.set(from, to);
    renamedFrom.set(to, from);
  }

  const added: SchemaChange[] = [];
  const altered: SchemaChange[] = [];
  for (const column of declared.columns) {
    const from = renamedFrom.get(column.name) ??
      (byName.has(column.name) ? column.name : undefined);
    const existing = from === undefined ? undefined : byName.get(from);
    if (!(await context.include(column, column.name, "column", false, existing ?? null, parents))) {
      continue;
    }
    if (existing === undefined) {
      added.push(addColumn(context, declared, column));
      continue;
    }
    const change = alterColumn(context, declared, column, reflected, existing);
    if (change) altered.push(change);
  }

  const kept = new Set(pairs.keys());
  const dropped: SchemaChange[] = [];
  for (const column of reflected.columns) {
    if (kept.has(column.name)) continue;
    if (!(await context.include(column, column.name, "column", true, null, parents))) continue;
    const op: DropColumnOp = {
      kind: "dropColumn",
      ...placeOf(reflected),
      column: column.name,
      existing: column,
    };
    dropped.push({ op, description: `removed column '${tableName(reflected)}.${column.name}'` });
  }
  return { added, altered, dropped, pairs };
}

/** An `addColumn` for a declared column; its UNIQUE and PRIMARY KEY come as their own ops. */
function addColumn(context: CompareContext, table: Table, column: Column): SchemaChange {
  const { unique: _unique, primaryKey: _primaryKey, ...rest } = column;
  const nullable = declaredNullable(context, table, column);
  const added: Column = nullable === isNullable(rest) ? rest : { ...rest, nullable };
  const op: AddColumnOp = { kind: "addColumn", ...placeOf(table), column: added };
  return { op, description: `added column '${tableName(table)}.${column.name}'` };
}

/** One `alterColumn` with every difference of a column on both sides, or undefined. */
function alterColumn(
  context: CompareContext,
  declaredTable: Table,
  declared: Column,
  reflectedTable: Table,
  reflected: Column,
): SchemaChange | undefined {
  const { dialect } = context;
  const where = `${tableName(declaredTable)}.${declared.name}`;
  const changes: Partial<
    Record<"newName" | "nullable" | "type" | "serverDefault" | "comment", unknown>
  > = {};
  const said: string[] = [];
  if (reflected.name !== declared.name) {
    changes.newName = declared.name;
    said.push(`renamed column '${tableName(reflectedTable)}.${reflected.name}' to '${where}'`);
  }

  const nullable = declaredNullable(context, declaredTable, declared);
  if (nullable !== reflectedNullable(context, reflectedTable, reflected)) {
    changes.nullable = nullable;
    said.push(`${nullable ? "NULL" : "NOT NULL"} on column '${where}'`);
  }

  const wanted = {
    type: writtenType(dialect, declaredTable, declared),
    place: { ...placeOf(declaredTable), column: declared.name },
  };
  const existing = {
    type: reflected.type,
    place: { ...placeOf(reflectedTable), column: reflected.name },
  };
  if (context.compareType && !sameType(dialect, wanted, existing)) {
    changes.type = declared.type;
    said.push(
      `type change from ${typeLabel(dialect, existing)} to ${
        typeLabel(dialect, wanted)
      } on '${where}'`,
    );
  }

  if (context.compareServerDefault && defaultsDiffer(context, declaredTable, declared, reflected)) {
    changes.serverDefault = declared.serverDefault ?? null;
    said.push(
      `server default changed from ${defaultLabel(reflected.serverDefault, dialect)} to ${
        defaultLabel(declared.serverDefault, dialect)
      } on '${where}'`,
    );
  }

  if (dialect.capabilities.comments && (declared.comment || "") !== (reflected.comment || "")) {
    changes.comment = declared.comment || null;
    said.push(
      `column comment changed from ${quoted(reflected.comment)} to ${
        quoted(declared.comment)
      } on '${where}'`,
    );
  }

  if (said.length === 0) return undefined;
  const op = {
    kind: "alterColumn",
    ...placeOf(declaredTable),
    column: reflected.name,
    ...changes,
    existingType: reflected.type,
    existingNullable: reflectedNullable(context, reflectedTable, reflected),
    existingServerDefault: reflected.serverDefault ?? null,
    existingComment: reflected.comment || null,
    ...restated(context, reflected),
  } as AlterColumnOp;
  return { op, description: said.join("; ") };
}

/** What MySQL's MODIFY keeps only when told: AUTO_INCREMENT, the collation, ON UPDATE. */
function restated(context: CompareContext, column: Column): Partial<AlterColumnOp> {
  if (context.dialect.name !== "mysql") return {};
  return {
    ...(column.autoincrement ? { existingAutoincrement: true } : {}),
    ...(column.collation === undefined ? {} : { existingCollation: column.collation }),
    ...(column.onUpdate === undefined ? {} : { existingOnUpdate: column.onUpdate }),
  };
}

function quoted(comment: string | undefined): string {
  return comment ? `'${comment}'` : "none";
}

/**
 * True when the server defaults differ. Generated columns have none; a SERIAL column's
 * `nextval(...)` is the default of a declared autoincrementing key.
 */
function defaultsDiffer(
  context: CompareContext,
  table: Table,
  declared: Column,
  reflected: Column,
): boolean {
  if (declared.computed !== undefined || reflected.computed !== undefined) return false;
  if (isSequenceDefault(reflected.serverDefault) && autoincrements(table, declared)) {
    return false;
  }
  return !sameDefault(
    declared.serverDefault,
    reflected.serverDefault,
    declared.type,
    context.dialect,
  );
}

/** Whether a declared column numbers new rows: asked for, or the lone integer key's default. */
export function autoincrements(table: Table, column: Column): boolean {
  if (wantsGeneratedValues(column)) return true;
  return implicitAutoincrement(table, primaryKeyColumns(table)) === column;
}

/**
 * Whether the declared column accepts NULL in the database: a primary key column never does
 * (SQLite's keys may, except the rowid), otherwise as `nullable` says (default true).
 */
export function declaredNullable(context: CompareContext, table: Table, column: Column): boolean {
  const inKey = column.primaryKey === true || primaryKeyColumns(table).includes(column.name);
  if (!inKey) return isNullable(column);
  if (context.dialect.name !== "sqlite" || column.nullable !== true) return false;
  const keys = primaryKeyColumns(table);
  // The rowid (a lone INTEGER key of a rowid table) is never NULL, whatever the column says.
  return !(keys.length === 1 && writtenType(context.dialect, table, column).name === "integer" &&
    !table.options?.withoutRowid);
}

function reflectedNullable(context: CompareContext, table: Table, column: Column): boolean {
  if (context.dialect.name !== "sqlite" && primaryKeyColumns(table).includes(column.name)) {
    return false;
  }
  return column.nullable ?? true;
}
