import type { CreateTableOp, DropTableOp } from "../ops/op.ts";
import type { DatabaseSchema } from "../schema/database_schema.ts";
import type { Table, TablePlace } from "../schema/table.ts";
import type { ColumnChanges } from "./compare_columns.ts";
import { compareColumns } from "./compare_columns.ts";
import type { ConstraintChanges } from "./compare_constraints.ts";
import { compareConstraints } from "./compare_constraints.ts";
import { compareContext, placeKey, placeOf, tableName } from "./compare_context.ts";
import { compareEnums, enumKey } from "./compare_enums.ts";
import type { ForeignKeyChanges } from "./compare_foreign_keys.ts";
import { compareForeignKeys, createForeignKey, dropForeignKey } from "./compare_foreign_keys.ts";
import type { KeyChanges } from "./compare_indexes.ts";
import { compareKeys } from "./compare_indexes.ts";
import { creationOrder, dropOrder } from "./compare_order.ts";
import type { TablePair } from "./compare_tables.ts";
import { matchTables, newTable } from "./compare_tables.ts";
import type { CompareOptions, SchemaChange } from "./schema_change.ts";

/** Everything that changes in one table that is on both sides. */
interface TableChanges {
  readonly pair: TablePair;
  readonly columns: ColumnChanges;
  readonly keys: KeyChanges;
  readonly foreignKeys: ForeignKeyChanges;
  readonly constraints: ConstraintChanges;
}

/**
 * The changes that take the database (`reflected`, as its dialect's introspector reads it)
 * to the declared schema (`schemaModel` of the target module), each with the op that makes
 * it and what autogenerate prints for it. Pure: the include filter is the only call out.
 *
 * Detected: tables added, removed and renamed (when asked); columns added, removed, renamed
 * (when asked), nullability, type (`compareType`, default on), server default
 * (`compareServerDefault`, default off), comment; indexes and unique constraints by name or
 * signature; foreign keys with their options; named CHECK constraints; the primary key; table
 * comments; PostgreSQL enum types and their new values. `exclude` tables are never compared.
 *
 * The ops come in an order that runs: enum types and values; table renames; foreign keys
 * dropped; tables dropped (those that reference others first); then each remaining table's
 * own changes (keys and constraints dropped, columns added and altered, keys, constraints
 * and comment created, columns dropped); new tables (those referenced first); foreign keys
 * created; enum types no column uses any more. Every drop carries what it drops, so
 * `reverse()` of the list, backwards, is the downgrade.
 *
 * @example
 * ```ts
 * const changes = await compareSchemas(schemaModel(target, naming), await dialect.introspect(query), {
 *   dialect, compareServerDefault: true, exclude: ["retort_version", "retort_version_lock"],
 * });
 * for (const change of changes) console.log(`Detected ${change.description}`);
 * ```
 */
export async function compareSchemas(
  declared: DatabaseSchema,
  reflected: DatabaseSchema,
  options: CompareOptions,
): Promise<SchemaChange[]> {
  const context = compareContext(options);
  const match = await matchTables(context, declared.tables, reflected.tables);

  const columns = new Map<TablePair, ColumnChanges>();
  for (const pair of match.pairs) {
    columns.set(pair, await compareColumns(context, pair.declared, pair.reflected));
  }
  const renamedIn = new Map<string, ReadonlyMap<string, string>>();
  for (const [pair, changes] of columns) renamedIn.set(placeKey(pair.reflected), changes.pairs);
  const renamed = (table: TablePlace, column: string) =>
    renamedIn.get(placeKey(table))?.get(column) ?? column;

  const tables: TableChanges[] = [];
  for (const pair of match.pairs) {
    const own = (column: string) => renamed(pair.reflected, column);
    tables.push({
      pair,
      columns: columns.get(pair)!,
      keys: await compareKeys(context, pair.declared, pair.reflected, own),
      foreignKeys: await compareForeignKeys(context, pair.declared, pair.reflected, renamed),
      constraints: await compareConstraints(context, pair.declared, pair.reflected, own),
    });
  }

  const created: Table[] = [];
  for (const table of match.added) created.push(await newTable(context, table));
  const creation = creationOrder(created);
  const removal = dropOrder(match.removed);

  const enums = compareEnums(
    context,
    { tables: declared.tables.filter((t) => !context.exclude.has(t.table)), enums: declared.enums },
    reflected,
    enumUsage(match.removed, match.untouched, tables),
  );

  return [
    ...enums.created,
    ...match.renames,
    ...tables.flatMap((t) => t.foreignKeys.dropped),
    ...removal.foreignKeysFirst.map((d) => dropForeignKey(d.table, d.foreignKey, "")),
    ...removal.tables.map(dropTable),
    ...tables.flatMap((t) => [
      ...t.keys.dropped,
      ...t.constraints.dropped,
      ...t.columns.added,
      ...t.columns.altered,
      ...t.constraints.created.filter((c) => c.op.kind === "createPrimaryKey"),
      ...t.keys.created,
      ...t.constraints.created.filter((c) => c.op.kind !== "createPrimaryKey"),
      ...t.constraints.comment,
      ...t.columns.dropped,
    ]),
    ...creation.tables.map(createTable),
    ...tables.flatMap((t) => t.foreignKeys.created),
    ...creation.deferred.map((d) => createForeignKey(d.table, d.foreignKey)),
    ...enums.dropped,
  ];
}

function createTable(table: Table): SchemaChange {
  const op: CreateTableOp = { kind: "createTable", ...table };
  return { op, description: `added table '${tableName(table)}'` };
}

function dropTable(table: Table): SchemaChange {
  const op: DropTableOp = { kind: "dropTable", ...placeOf(table), existing: table };
  return { op, description: `removed table '${tableName(table)}'` };
}

/**
 * Whether a reflected enum type is still used once the changes run: by a column that stays
 * with its type (`kept`), only by columns or tables being dropped (`dropped`: the drop takes
 * the types retort made), or by nothing (`none`, counting columns whose type changes).
 */
function enumUsage(
  removed: readonly Table[],
  untouched: readonly Table[],
  tables: readonly TableChanges[],
): (key: string) => "kept" | "dropped" | "none" {
  const kept = new Set<string>();
  const dropped = new Set<string>();
  const note = (set: Set<string>, table: Table, column: Table["columns"][number]) => {
    if (column.type.name === "enum" && column.type.enumName !== undefined) {
      set.add(enumKey(table.schema, column.type.enumName));
    }
  };
  for (const table of removed) for (const column of table.columns) note(dropped, table, column);
  for (const table of untouched) for (const column of table.columns) note(kept, table, column);
  for (const { pair, columns } of tables) {
    const gone = new Set(
      columns.dropped.map((c) => (c.op as { column: string }).column),
    );
    const retyped = new Set(
      columns.altered.filter((c) => (c.op as { type?: unknown }).type !== undefined)
        .map((c) => (c.op as { column: string }).column),
    );
    for (const column of pair.reflected.columns) {
      if (gone.has(column.name)) note(dropped, pair.reflected, column);
      else if (!retyped.has(column.name)) note(kept, pair.reflected, column);
    }
  }
  return (key) => (kept.has(key) ? "kept" : dropped.has(key) ? "dropped" : "none");
}
export { renameCandidates } from "./rename_candidates.ts";
