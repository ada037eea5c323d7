import type { Dialect } from "../dialect/dialect.ts";
import type { ParentNames } from "../plugin/plugin.ts";
import type { Table, TablePlace } from "../schema/table.ts";
import type { CompareOptions, IncludeFilter } from "./schema_change.ts";

/**
 * What every comparer needs: the dialect, the options with their defaults applied, and the
 * include filter (a no-op without one, so a compare with no filter awaits nothing).
 */
export interface CompareContext {
  readonly dialect: Dialect;
  readonly compareType: boolean;
  readonly compareServerDefault: boolean;
  /** Asks the include filter about one object; true without a filter. */
  readonly include: (...args: Parameters<IncludeFilter>) => boolean | Promise<boolean>;
  /** Whether there is a filter at all (when not, callers skip the calls). */
  readonly filtered: boolean;
  /** Old table name -> new table name. */
  readonly tableRenames: ReadonlyMap<string, string>;
  /** `table.old` (new table name) -> new column name. */
  readonly columnRenames: ReadonlyMap<string, string>;
  /** Tables never compared. */
  readonly exclude: ReadonlySet<string>;
}

/** The context of one compare, from its options. */
export function compareContext(options: CompareOptions): CompareContext {
  const include = options.include;
  return {
    dialect: options.dialect,
    compareType: options.compareType ?? true,
    compareServerDefault: options.compareServerDefault ?? false,
    include: include ? (...args) => include(...args) : () => true,
    filtered: include !== undefined,
    tableRenames: options.renames?.tables ?? new Map(),
    columnRenames: options.renames?.columns ?? new Map(),
    exclude: new Set(options.exclude ?? []),
  };
}

/** Keeps the items the filter includes, asking about each one in order. */
export async function included<T>(
  context: CompareContext,
  items: readonly T[],
  ask: (item: T) => Parameters<CompareContext["include"]>,
): Promise<T[]> {
  if (!context.filtered) return [...items];
  const out: T[] = [];
  for (const item of items) if (await context.include(...ask(item))) out.push(item);
  return out;
}

/** `schema.table` or `table`, as descriptions write a table. */
export function tableName(place: TablePlace): string {
  return place.schema ? `${place.schema}.${place.table}` : place.table;
}

/** The parents of an object of `table`, for the include filter. */
export function parentsOf(table: TablePlace): ParentNames {
  return table.schema === undefined
    ? { tableName: table.table }
    : { schemaName: table.schema, tableName: table.table };
}

/** The parents of a table, for the include filter. */
export function schemaParents(table: TablePlace): ParentNames {
  return table.schema === undefined ? {} : { schemaName: table.schema };
}

/** A list as Alembic prints one: `['a', 'b']`. */
export function listText(items: readonly string[]): string {
  return `[${items.map((i) => `'${i}'`).join(", ")}]`;
}

/** `{ schema }` of a table when it has one, for the ops on it. */
export function placeOf(table: TablePlace): TablePlace {
  return table.schema === undefined
    ? { table: table.table }
    : { table: table.table, schema: table.schema };
}

/** The key of a table's place: its schema and name. */
export function placeKey(place: TablePlace): string {
  return `${place.schema ?? ""}\u0000${place.table}`;
}

/** The columns of a table's primary key, from the constraint or the columns' flags. */
export function primaryKeyColumns(table: Table): readonly string[] {
  return table.primaryKey?.columns ?? table.columns.filter((c) => c.primaryKey).map((c) => c.name);
}
