import type { RenameTableOp } from "../ops/op.ts";
import type { Column } from "../schema/column.ts";
import { conventionalName, defaultNamingConvention } from "../schema/naming.ts";
import type { Table } from "../schema/table.ts";
import type { CompareContext } from "./compare_context.ts";
import {
  included,
  parentsOf,
  placeKey,
  placeOf,
  schemaParents,
  tableName,
} from "./compare_context.ts";
import type { SchemaChange } from "./schema_change.ts";

/** A table on both sides: the reflected one under its new name when it is renamed. */
export interface TablePair {
  readonly declared: Table;
  readonly reflected: Table;
}

/** How the declared tables meet the reflected ones. */
export interface TableMatch {
  readonly pairs: readonly TablePair[];
  readonly added: readonly Table[];
  readonly removed: readonly Table[];
  readonly renames: readonly SchemaChange[];
  /** Reflected tables left alone: excluded, or turned down by the include filter. */
  readonly untouched: readonly Table[];
}

/**
 * Matches declared tables with reflected ones by schema and name, after the renames asked
 * for (`--rename-table old:new`, in the same schema, when `old` is only in the database and
 * `new` only declared), leaving out the excluded tables (the version table and its lock) and
 * those the include filter turns down. A reflected foreign key to a renamed table names its
 * new name, as the database will once the table is renamed.
 *
 * @example
 * ```ts
 * const { pairs, added, removed, renames } = await matchTables(context, declared.tables, reflected.tables);
 * ```
 */
export async function matchTables(
  context: CompareContext,
  declaredTables: readonly Table[],
  reflectedTables: readonly Table[],
): Promise<TableMatch> {
  const declared = declaredTables.filter((t) => !context.exclude.has(t.table));
  let reflected = reflectedTables.filter((t) => !context.exclude.has(t.table));
  const excluded = reflectedTables.filter((t) => context.exclude.has(t.table));
  const declaredKeys = new Set(declared.map(placeKey));
  const reflectedKeys = new Set(reflected.map(placeKey));

  const renamed = new Map<string, string>(); // reflected key -> new name
  for (const table of reflected) {
    const to = context.tableRenames.get(table.table);
    if (to === undefined || to === table.table) continue;
    const target = placeKey({ table: to, schema: table.schema });
    if (
      declaredKeys.has(placeKey(table)) || reflectedKeys.has(target) || !declaredKeys.has(target)
    ) {
      continue;
    }
    renamed.set(placeKey(table), to);
  }
  const renames: SchemaChange[] = [];
  if (renamed.size > 0) {
    const newName = (schema: string | undefined, name: string) =>
      renamed.get(placeKey({ table: name, schema })) ?? name;
    reflected = reflected.map((table) => {
      const to = renamed.get(placeKey(table));
      if (to !== undefined) {
        const op: RenameTableOp = { kind: "renameTable", ...placeOf(table), newName: to };
        renames.push({
          op,
          description: `renamed table '${tableName(table)}' to '${
            tableName({ ...table, table: to })
          }'`,
        });
      }
      return {
        ...table,
        table: to ?? table.table,
        foreignKeys: table.foreignKeys.map((fk) => {
          // Unqualified, a reference is to the current schema (SQLite: the table's own database).
          const schema = fk.referencesSchema ??
            (context.dialect.name === "sqlite" ? table.schema : undefined);
          const target = newName(schema, fk.referencesTable);
          return target === fk.referencesTable ? fk : { ...fk, referencesTable: target };
        }),
      };
    });
  }

  const byKey = new Map(reflected.map((t) => [placeKey(t), t]));
  const pairs: TablePair[] = [];
  const added: Table[] = [];
  const keptRenames = new Set<string>();
  for (const table of declared) {
    const found = byKey.get(placeKey(table));
    if (
      !(await context.include(
        table,
        table.table,
        "table",
        false,
        found ?? null,
        schemaParents(table),
      ))
    ) {
      continue;
    }
    if (found) {
      pairs.push({ declared: table, reflected: found });
      keptRenames.add(placeKey(table));
    } else added.push(table);
  }
  const declaredNow = new Set(declared.map(placeKey));
  const candidates = reflected.filter((t) => !declaredNow.has(placeKey(t)));
  const removed = await included(
    context,
    candidates,
    (t) => [t, t.table, "table", true, null, schemaParents(t)],
  );
  const paired = new Set(pairs.map((p) => p.reflected));
  const gone = new Set(removed);
  return {
    pairs,
    added,
    removed,
    untouched: [...excluded, ...reflected.filter((t) => !paired.has(t) && !gone.has(t))],
    renames: renames.filter((r) => {
      const op = r.op as RenameTableOp;
      return keptRenames.has(placeKey({ table: op.newName, schema: op.schema }));
    }),
  };
}

/**
 * A declared table as its `createTable` creates it: the columns, keys, constraints and
 * indexes the include filter lets through (a `unique: true` column as the named unique
 * constraint it makes).
 */
export async function newTable(context: CompareContext, table: Table): Promise<Table> {
  const parents = parentsOf(table);
  const uniques = [...table.uniques];
  for (const column of table.columns) {
    const covered = uniques.some((u) => u.columns.length === 1 && u.columns[0] === column.name);
    if (column.unique && !covered) {
      uniques.push({
        name: conventionalName(defaultNamingConvention, "uq", {
          table: table.table,
          columns: [column.name],
        }),
        columns: [column.name],
      });
    }
  }
  const columns =
    (await included(context, table.columns, (c) => [c, c.name, "column", false, null, parents]))
      .map(({ unique: _unique, ...c }): Column => c);
  return {
    ...table,
    columns,
    uniques: await included(
      context,
      uniques,
      (u) => [u, u.name ?? "", "unique_constraint", false, null, parents],
    ),
    indexes: await included(
      context,
      table.indexes,
      (ix) => [ix, ix.name, "index", false, null, parents],
    ),
    foreignKeys: await included(
      context,
      table.foreignKeys,
      (fk) => [fk, fk.name ?? "", "foreign_key_constraint", false, null, parents],
    ),
    checks: await included(
      context,
      table.checks,
      (c) => [c, c.name ?? "", "check_constraint", false, null, parents],
    ),
  };
}
