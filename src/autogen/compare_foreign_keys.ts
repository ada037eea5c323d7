import type { Dialect } from "../dialect/dialect.ts";
import type { CreateForeignKeyOp, DropConstraintOp } from "../ops/op.ts";
import type { ForeignKey } from "../schema/constraint.ts";
import { conventionalName, defaultNamingConvention } from "../schema/naming.ts";
import type { Table, TablePlace } from "../schema/table.ts";
import type { CompareContext } from "./compare_context.ts";
import { parentsOf, placeOf, tableName } from "./compare_context.ts";
import type { SchemaChange } from "./schema_change.ts";

/** The foreign key changes of one table. */
export interface ForeignKeyChanges {
  readonly dropped: SchemaChange[];
  readonly created: SchemaChange[];
}

/**
 * Compares a table's foreign keys: matched by name, then by what they link (columns, the
 * referenced table and columns); a pair whose options differ (ON DELETE, ON UPDATE,
 * DEFERRABLE, INITIALLY, as each database reads their defaults) is dropped and created
 * again. Reflected keys without a name that match nothing are left (they cannot be dropped
 * by name). `renamed` gives a reflected column's declared name, in this table or the one
 * referenced, so a foreign key on renamed columns is still the same key.
 *
 * @example
 * ```ts
 * const { dropped, created } = await compareForeignKeys(context, declared, reflected);
 * ```
 */
export async function compareForeignKeys(
  context: CompareContext,
  declared: Table,
  reflected: Table,
  renamed: ReferenceRename = (_table, name) => name,
): Promise<ForeignKeyChanges> {
  const { dialect } = context;
  const link = (fk: ForeignKey) => linkOf(fk);
  const reflectedLink = (fk: ForeignKey) =>
    linkOf({
      ...fk,
      columns: fk.columns.map((c) => renamed(reflected, c)),
      referencesColumns: fk.referencesColumns.map((c) =>
        renamed({ table: fk.referencesTable, schema: fk.referencesSchema ?? reflected.schema }, c)
      ),
    });
  const left = new Set(reflected.foreignKeys);
  const pairs: [ForeignKey, ForeignKey][] = [];
  const unmatched: ForeignKey[] = [];
  for (const fk of declared.foreignKeys) {
    const found = fk.name === undefined ? undefined : [...left].find((r) => r.name === fk.name);
    if (found) {
      left.delete(found);
      pairs.push([fk, found]);
    } else unmatched.push(fk);
  }
  const added: ForeignKey[] = [];
  for (const fk of unmatched) {
    const found = [...left].find((r) => reflectedLink(r) === link(fk));
    if (found) {
      left.delete(found);
      pairs.push([fk, found]);
    } else added.push(fk);
  }

  const parents = parentsOf(declared);
  const type = "foreign_key_constraint";
  const dropped: SchemaChange[] = [];
  const created: SchemaChange[] = [];
  for (const [fk, found] of pairs) {
    if (!(await context.include(fk, nameOf(declared, fk), type, false, found, parents))) continue;
    if (link(fk) === reflectedLink(found) && options(dialect, fk) === options(dialect, found)) {
      continue;
    }
    if (found.name === undefined) continue;
    dropped.push(dropForeignKey(reflected, found, " (changed: dropped to be created again)"));
    created.push(createForeignKey(declared, fk));
  }
  for (const fk of added) {
    if (!(await context.include(fk, nameOf(declared, fk), type, false, null, parents))) continue;
    created.push(createForeignKey(declared, fk));
  }
  for (const found of reflected.foreignKeys.filter((fk) => left.has(fk))) {
    if (found.name === undefined) continue;
    if (!(await context.include(found, found.name, type, true, null, parents))) continue;
    dropped.push(dropForeignKey(reflected, found, ""));
  }
  return { dropped, created };
}

/** A reflected column's declared name, in `table` (`--rename-column`). */
export type ReferenceRename = (table: TablePlace, column: string) => string;

/** What a foreign key links: its columns to the referenced table's columns. */
function linkOf(fk: ForeignKey): string {
  return JSON.stringify([
    fk.columns,
    fk.referencesSchema ?? "",
    fk.referencesTable,
    fk.referencesColumns,
  ]);
}

/**
 * The options as the database keeps them: no action is NO ACTION (and, on MySQL, where
 * RESTRICT is the same thing, RESTRICT too); not deferrable and INITIALLY IMMEDIATE are the
 * defaults; MySQL cannot defer at all.
 */
function options(dialect: Dialect, fk: ForeignKey): string {
  const action = (value: string | undefined) => {
    const rule = value ?? "NO ACTION";
    return dialect.name === "mysql" && rule === "RESTRICT" ? "NO ACTION" : rule;
  };
  const deferrable = dialect.name === "mysql" ? false : fk.deferrable ?? false;
  const initially = dialect.name === "mysql" ? "IMMEDIATE" : fk.initially ?? "IMMEDIATE";
  return JSON.stringify([action(fk.onDelete), action(fk.onUpdate), deferrable, initially]);
}

function nameOf(table: Table, fk: ForeignKey): string {
  return fk.name ?? conventionalName(defaultNamingConvention, "fk", {
    table: table.table,
    columns: fk.columns,
    referredTable: fk.referencesTable,
  });
}

/** `(a, b) -> table (x, y)` for descriptions. */
function linkText(fk: ForeignKey): string {
  const target = fk.referencesSchema
    ? `${fk.referencesSchema}.${fk.referencesTable}`
    : fk.referencesTable;
  return `(${fk.columns.join(", ")}) -> ${target} (${fk.referencesColumns.join(", ")})`;
}

/** A `createForeignKey` for a declared foreign key (of an existing or a new table). */
export function createForeignKey(table: Table, fk: ForeignKey): SchemaChange {
  const name = nameOf(table, fk);
  const op: CreateForeignKeyOp = { kind: "createForeignKey", ...placeOf(table), ...fk, name };
  return {
    op,
    description: `added foreign key '${name}' on '${tableName(table)}' ${linkText(fk)}`,
  };
}

/** A `dropConstraint` for a reflected foreign key, carrying it for the downgrade. */
export function dropForeignKey(table: Table, fk: ForeignKey, note: string): SchemaChange {
  const op: DropConstraintOp = {
    kind: "dropConstraint",
    ...placeOf(table),
    name: fk.name!,
    type: "foreignkey",
    existing: fk,
  };
  return {
    op,
    description: `removed foreign key '${fk.name}' on '${tableName(table)}' ${linkText(fk)}${note}`,
  };
}
