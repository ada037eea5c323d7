import type { Column, Identity } from "../../schema/column.ts";
import type { ColumnType } from "../../schema/column_type.ts";
import type {
  CheckConstraint,
  ForeignKey,
  Index,
  IndexColumn,
  PrimaryKey,
  ReferentialAction,
  UniqueConstraint,
} from "../../schema/constraint.ts";
import type { DatabaseSchema, EnumType, Trigger, View } from "../../schema/database_schema.ts";
import { sql } from "../../schema/sql_fragment.ts";
import type { SqlFragment } from "../../schema/sql_fragment.ts";
import type { Table } from "../../schema/table.ts";
import { t } from "../../schema/types.ts";
import type { CatalogQuery, IntrospectOptions, Introspector } from "../introspector.ts";
import {
  columnsQuery,
  constraintsQuery,
  enumsQuery,
  indexesQuery,
  tablesQuery,
  triggersQuery,
  viewsQuery,
} from "./postgres_catalog.ts";
import { keysAsRead } from "../keys_as_read.ts";
import { postgresColumnType } from "./postgres_type_reader.ts";

type Row = Record<string, unknown>;

/** A table's pieces while they are gathered. */
interface TableParts {
  readonly table: string;
  readonly schema?: string;
  readonly columns: Column[];
  primaryKey?: PrimaryKey;
  readonly foreignKeys: ForeignKey[];
  readonly uniques: UniqueConstraint[];
  readonly checks: CheckConstraint[];
  readonly indexes: Index[];
  readonly comment?: string;
  readonly unlogged: boolean;
}

const actions: Readonly<Record<string, ReferentialAction>> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

/**
 * Reads PostgreSQL's tables (ordinary and partitioned, not partitions), enum types, views,
 * materialized views and triggers from `pg_catalog` into retort's schema model, with seven
 * queries whatever the number of tables. Objects of the current schema have no `schema`;
 * those of the other schemas in `options.schemas` have theirs. System schemas and objects
 * that belong to an extension are never read.
 *
 * What the model cannot hold is left out: EXCLUDE constraints, INCLUDE columns, the operator
 * class, order and collation of index keys (such a key reads as its bare SQL), partitioning,
 * inheritance, storage parameters (`WITH (...)`) and tablespaces.
 *
 * @example
 * ```ts
 * const schema = await introspectPostgres((text, params) => connection.query(text, params), {
 *   schemas: ["public", "audit"],
 *   exclude: ["retort_version"],
 * });
 * schema.tables.map((table) => table.table);
 * ```
 */
export const introspectPostgres: Introspector = async (
  query: CatalogQuery,
  options: IntrospectOptions = {},
): Promise<DatabaseSchema> => {
  const schemas = options.schemas === undefined ? null : [...options.schemas];
  const tables = options.tables === undefined ? null : [...options.tables];
  const exclude = options.exclude?.length ? [...options.exclude] : null;
  const all = [schemas, tables, exclude];
  const [tableRows, columnRows, constraintRows, indexRows, enumRows, viewRows, triggerRows] =
    await Promise.all([
      query(tablesQuery, all),
      query(columnsQuery, all),
      query(constraintsQuery, all),
      query(indexesQuery, all),
      query(enumsQuery, [schemas]),
      query(viewsQuery, all),
      query(triggersQuery, all),
    ]);

  const enums = enumRows.map((row): EnumType => ({
    name: text(row.name),
    ...place(row),
    values: list(row.values),
  }));
  const enumValues = new Map(
    enumRows.map((row) => [keyOf(text(row.schema), text(row.name)), list(row.values)]),
  );

  const parts = new Map<string, TableParts>();
  for (const row of tableRows) {
    const key = keyOf(text(row.schema), text(row.name));
    parts.set(key, {
      table: text(row.name),
      ...place(row),
      columns: [],
      foreignKeys: [],
      uniques: [],
      checks: [],
      indexes: [],
      ...optional("comment", row.comment),
      unlogged: row.persistence === "u",
    });
  }
  const partsOf = (row: Row) => parts.get(keyOf(text(row.schema), text(row.table)));

  for (const row of columnRows) {
    const table = partsOf(row);
    if (!table) continue;
    table.columns.push(column(row, columnType(row, enumValues)));
  }
  for (const row of constraintRows) {
    const table = partsOf(row);
    if (table) addConstraint(table, row);
  }
  for (const row of indexRows) {
    const table = partsOf(row);
    if (table) table.indexes.push(index(row));
  }

  return {
    tables: [...parts.values()].sort(byPlace((p) => p.table)).map(finish)
      .map((table) => keysAsRead(table, () => false)),
    enums: enums.sort(byPlace((e) => e.name)),
    views: viewRows.map(view).sort(byPlace((v) => v.name)),
    triggers: triggerRows.map(trigger).sort(byPlace((tr) => `${tr.table}\u0000${tr.name}`)),
  };
};

// ---- rows -> model ---------------------------------------------------------------------------

/**
 * A column's type: a built-in one by its text; an enum of the table's own schema as
 * `t.enum` (another schema's enum cannot be written back from `t.enum`, so it stays raw).
 */
function columnType(row: Row, enumValues: ReadonlyMap<string, readonly string[]>): ColumnType {
  const typeSchema = text(row.type_schema);
  if (row.type_kind === "e" && typeSchema === text(row.schema)) {
    const values = enumValues.get(keyOf(typeSchema, text(row.type_name)));
    if (values) return t.enum(values, { name: text(row.type_name) });
  }
  return postgresColumnType(text(row.type), typeSchema === "pg_catalog" && row.type_kind === "b");
}

function column(row: Row, type: ColumnType): Column {
  const generated = row.generated === "s";
  const expression = row.expr === null || row.expr === undefined ? undefined : text(row.expr);
  const identity = identityOf(row);
  return {
    name: text(row.name),
    type,
    nullable: !flag(row.not_null),
    ...(expression === undefined || generated ? {} : { serverDefault: sql(expression) }),
    ...(identity ? { identity } : {}),
    ...(generated && expression !== undefined
      ? { computed: { sql: expression, stored: true } }
      : {}),
    ...optional("collation", row.collation),
    ...optional("comment", row.comment),
  };
}

function identityOf(row: Row): Identity | undefined {
  if (row.identity !== "a" && row.identity !== "d") return undefined;
  const start = Number(row.identity_start ?? 1);
  const increment = Number(row.identity_increment ?? 1);
  return {
    ...(row.identity === "a" ? { always: true } : {}),
    ...(start === 1 ? {} : { start }),
    ...(increment === 1 ? {} : { increment }),
  };
}

function addConstraint(table: TableParts, row: Row): void {
  const name = text(row.name);
  const columns = list(row.columns);
  switch (row.type) {
    case "p":
      table.primaryKey = { name, columns };
      return;
    case "u":
      table.uniques.push({ name, columns });
      return;
    case "c":
      table.checks.push({ name, condition: checkCondition(text(row.definition)) });
      return;
    case "f": {
      const refSchema = text(row.ref_schema);
      const onDelete = actions[text(row.on_delete)];
      const onUpdate = actions[text(row.on_update)];
      table.foreignKeys.push({
        name,
        columns,
        referencesTable: text(row.ref_table),
        // Unqualified, a referenced table is looked up in the current schema (as SQLAlchemy
        // writes it), so any other schema is named, the table's own included.
        ...(flag(row.ref_current) ? {} : { referencesSchema: refSchema }),
        referencesColumns: list(row.ref_columns),
        ...(onDelete === undefined || onDelete === "NO ACTION" ? {} : { onDelete }),
        ...(onUpdate === undefined || onUpdate === "NO ACTION" ? {} : { onUpdate }),
        ...(flag(row.deferrable) ? { deferrable: true } : {}),
        ...(flag(row.deferred) ? { initially: "DEFERRED" as const } : {}),
      });
      return;
    }
      // "x": EXCLUDE constraints have no place in the model.
  }
}

/**
 * The condition inside `CHECK (...)` of `pg_get_constraintdef`, which may be followed by
 * `NO INHERIT` and `NOT VALID`.
 */
function checkCondition(definition: string): string {
  const m = /^CHECK \(([\s\S]*)\)((?: NO INHERIT)?(?: NOT VALID)?)$/.exec(definition);
  return m ? m[1] : definition;
}

interface KeyRow {
  readonly column: string | null;
  readonly sql: string | null;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
  readonly collation: string | null;
  readonly opclass: string | null;
}

/** A key part: a bare column or expression, or an `IndexKey` with what differs from defaults. */
function indexKey(k: KeyRow): IndexColumn {
  // NULLs sort last ascending and first descending unless told otherwise.
  const nulls: "first" | "last" | undefined = k.nullsFirst === k.descending
    ? undefined
    : k.nullsFirst
    ? "first"
    : "last";
  const options = {
    ...(k.descending ? { descending: true } : {}),
    ...(nulls ? { nulls } : {}),
    ...(k.collation ? { collation: k.collation } : {}),
    ...(k.opclass ? { opclass: k.opclass } : {}),
  };
  const plain = Object.keys(options).length === 0;
  if (k.column !== null) return plain ? k.column : { column: k.column, ...options };
  const expression = k.sql ?? "";
  return plain ? sql(expression) : { sql: expression, ...options };
}

function index(row: Row): Index {
  const keys = list(row.keys) as unknown as KeyRow[];
  const method = text(row.method);
  return {
    name: text(row.name),
    columns: keys.map(indexKey),
    unique: flag(row.unique),
    ...optional("where", row.predicate),
    ...(method === "btree" ? {} : { using: method }),
  };
}

function view(row: Row): View {
  return {
    name: text(row.name),
    ...place(row),
    definition: text(row.definition),
    ...(flag(row.materialized) ? { materialized: true } : {}),
  };
}

function trigger(row: Row): Trigger {
  return { name: text(row.name), table: text(row.table), ...place(row), create: text(row.create) };
}

function finish(p: TableParts): Table {
  return {
    table: p.table,
    ...(p.schema === undefined ? {} : { schema: p.schema }),
    columns: p.columns,
    ...(p.primaryKey ? { primaryKey: p.primaryKey } : {}),
    foreignKeys: p.foreignKeys.sort(byName),
    uniques: p.uniques.sort(byName),
    checks: p.checks.sort(byName),
    indexes: p.indexes.sort(byName),
    ...(p.comment === undefined ? {} : { comment: p.comment }),
    ...(p.unlogged ? { options: { unlogged: true } } : {}),
  };
}

// ---- small helpers -------------------------------------------------------------------------

/** `{ schema }` for an object outside the current schema, else nothing. */
function place(row: Row): { schema?: string } {
  return flag(row.current) ? {} : { schema: text(row.schema) };
}

function keyOf(schema: string, name: string): string {
  return `${schema}\u0000${name}`;
}

function text(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

/** A catalog boolean, whichever way the driver gives it. */
function flag(value: unknown): boolean {
  return value === true || value === "t" || value === "true" || value === 1;
}

/** A JSON array column, parsed by the driver or still text. */
function list(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const parsed = typeof value === "string" ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed : [];
}

/** `{ [key]: value }` when the value is there, else nothing. */
function optional<K extends string>(key: K, value: unknown): { [P in K]?: string } {
  return value === null || value === undefined ? {} : { [key]: String(value) } as {
    [P in K]?: string;
  };
}

/** Code-point order, the same on every runtime and whatever the database's collation. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName(a: { name?: string }, b: { name?: string }): number {
  if (a.name === undefined || b.name === undefined) {
    return a.name === b.name ? 0 : a.name === undefined ? 1 : -1;
  }
  return compare(a.name, b.name);
}

/** The current schema's objects first, then by schema, then by `name`. */
function byPlace<T extends { schema?: string }>(name: (item: T) => string) {
  return (a: T, b: T): number =>
    compare(
      a.schema === undefined ? "" : `\u0001${a.schema}`,
      b.schema === undefined ? "" : `\u0001${b.schema}`,
    ) ||
    compare(name(a), name(b));
}
