import { keysAsRead } from "../keys_as_read.ts";
import type { ForeignKey } from "../../schema/constraint.ts";
import type { DatabaseSchema, Trigger, View } from "../../schema/database_schema.ts";
import type { Table } from "../../schema/table.ts";
import type { CatalogQuery, IntrospectOptions, Introspector } from "../introspector.ts";
import type { ColumnRow, ForeignKeyRow, IndexRow } from "./catalog_check.ts";
import { checkAgainstCatalog } from "./catalog_check.ts";
import type { CatalogScope, CatalogStatement } from "./catalog_queries.ts";
import {
  columnsQuery,
  foreignKeysQuery,
  indexColumnsQuery,
  objectsQuery,
} from "./catalog_queries.ts";
import { indexFromCreate } from "./index_from_create.ts";
import { mentions } from "./sql_mentions.ts";
import { tableFromCreate } from "./table_from_create.ts";
import { sameName } from "./same_name.ts";
import { viewDefinition } from "./view_definition.ts";

type Row = Record<string, unknown>;

/** The schema a connection's own objects are in: they get no `schema` field. */
const current = "main";

const keyOf = (schema: unknown, name: unknown) => `${schema}\0${String(name).toLowerCase()}`;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Reads SQLite tables, views and triggers into retort's schema model with four catalog
 * queries whatever the number of tables or attached databases: `sqlite_master` (with
 * `pragma_table_list`, to leave out virtual tables and their shadow tables), and
 * `pragma_table_xinfo`, `pragma_foreign_key_list` and `pragma_index_list`/`_xinfo` joined
 * with it for every table at once. Tables and indexes are read from the SQL SQLite stored
 * for them (`tableFromCreate`, `indexFromCreate`) and checked against the pragmas.
 * `schemas` names attached databases (default `main`, whose objects get no `schema`).
 *
 * Foreign keys name the referenced table and columns as the referenced table spells them
 * when it is read too; `REFERENCES t` without columns then lists t's primary key.
 *
 * @example
 * ```ts
 * const schema = await introspectSqlite((sql, params) => connection.query(sql, params));
 * schema.tables.map((t) => t.table);
 * ```
 */
export const introspectSqlite: Introspector = async (
  query: CatalogQuery,
  options: IntrospectOptions = {},
): Promise<DatabaseSchema> => {
  const scope: CatalogScope = {
    schemas: options.schemas?.length ? options.schemas : [current],
    tables: options.tables,
    exclude: options.exclude,
  };
  const run = (statement: CatalogStatement) => query(statement.sql, statement.params);
  const objects = await run(objectsQuery(scope));
  const columnRows = groupBy(await run(columnsQuery(scope)));
  const foreignKeyRows = groupBy(await run(foreignKeysQuery(scope)));
  const indexRows = groupBy(await run(indexColumnsQuery(scope)));
  const schemaOf = (row: Row) =>
    row.schema_name === current ? {} : { schema: String(row.schema_name) };

  const indexesOn = new Map<string, Row[]>();
  for (const o of objects) {
    if (o.type !== "index") continue;
    const on = keyOf(o.schema_name, o.tbl_name);
    indexesOn.set(on, [...(indexesOn.get(on) ?? []), o]);
  }
  const tables = new Map<string, Table>();
  for (const row of objects) {
    if (row.type !== "table" || row.kind !== "table") continue;
    const key = keyOf(row.schema_name, row.name);
    if (!columnRows.has(key)) continue; // left out by `tables` or `exclude`
    const read = {
      ...tableFromCreate(String(row.sql), schemaOf(row).schema),
      table: String(row.name),
    };
    const column = (name: string) => read.columns.find((c) => sameName(c.name, name))?.name ?? name;
    const indexes = (indexesOn.get(key) ?? [])
      .map((o) => indexFromCreate(String(o.name), String(o.sql), column))
      .sort((a, b) => compare(a.name, b.name));
    const table = { ...read, indexes };
    checkAgainstCatalog(
      table,
      columnsOf(columnRows.get(key)!),
      foreignKeysOf(foreignKeyRows.get(key) ?? []),
      indexesOf(indexRows.get(key) ?? []),
    );
    tables.set(key, table);
  }
  const resolved = [...tables.values()].map((table) => ({
    ...table,
    foreignKeys: table.foreignKeys.map((fk) =>
      resolve(fk, tables.get(keyOf(placeOf(table), fk.referencesTable)))
    ),
  }));

  const views = keptViews(objects.filter((o) => o.type === "view"), tables, options.tables)
    .map((row): View => ({
      name: String(row.name),
      ...schemaOf(row),
      definition: viewDefinition(String(row.sql)),
      create: String(row.sql),
    }));
  const viewKeys = new Set(views.map((v) => keyOf(v.schema ?? current, v.name)));
  const triggers = objects
    .filter((o) => o.type === "trigger")
    .filter((o) => {
      const on = keyOf(o.schema_name, o.tbl_name);
      return tables.has(on) || viewKeys.has(on);
    })
    .map((row): Trigger => ({
      name: String(row.name),
      table: String(row.tbl_name),
      ...schemaOf(row),
      create: String(row.sql),
    }));
  const order = (a: { name: string; schema?: string }, b: { name: string; schema?: string }) =>
    compare(a.name, b.name) || schemaRank(scope, a.schema) - schemaRank(scope, b.schema);
  return {
    tables: resolved.sort((a, b) =>
      order({ name: a.table, schema: a.schema }, { name: b.table, schema: b.schema })
    ).map((table) => keysAsRead(table, (key) => isRowid(table, key))),
    enums: [],
    views: views.sort(order),
    triggers: triggers.sort(order),
  };
};

function placeOf(table: Table): string {
  return table.schema ?? current;
}

function schemaRank(scope: CatalogScope, schema: string | undefined): number {
  return scope.schemas.indexOf(schema ?? current);
}

/** The rows of a catalog query, by schema and table. */
function groupBy(rows: readonly Row[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const row of rows) {
    const key = keyOf(row.schema_name, row.table_name);
    if (!out.has(key)) out.set(key, []);
    out.get(key)!.push(row);
  }
  return out;
}

function columnsOf(rows: readonly Row[]): ColumnRow[] {
  return rows.map((r) => ({
    name: String(r.name),
    notNull: Number(r.not_null) === 1,
    pk: Number(r.pk),
    hidden: Number(r.hidden),
  }));
}

function foreignKeysOf(rows: readonly Row[]): ForeignKeyRow[] {
  const byId = new Map<number, Row[]>();
  for (const row of rows) {
    const id = Number(row.id);
    if (!byId.has(id)) byId.set(id, []);
    byId.get(id)!.push(row);
  }
  return [...byId.values()].map((parts) => ({
    columns: parts.sort((a, b) => Number(a.seq) - Number(b.seq)).map((p) => String(p.from_column)),
    referencesTable: String(parts[0].referenced_table),
  }));
}

function indexesOf(rows: readonly Row[]): IndexRow[] {
  const byName = new Map<string, Row[]>();
  for (const row of rows) {
    const name = String(row.index_name);
    if (!byName.has(name)) byName.set(name, []);
    byName.get(name)!.push(row);
  }
  return [...byName].map(([name, parts]) => ({
    name,
    unique: Number(parts[0].is_unique) === 1,
    partial: Number(parts[0].partial) === 1,
    columns: parts.sort((a, b) => Number(a.seqno) - Number(b.seqno))
      .map((p) => (p.column_name === null ? null : String(p.column_name))),
  }));
}

/** The foreign key with the referenced table's own spelling of its name and columns. */
function resolve(fk: ForeignKey, target: Table | undefined): ForeignKey {
  if (!target) return fk;
  const column = (name: string) => target.columns.find((c) => sameName(c.name, name))?.name ?? name;
  return {
    ...fk,
    referencesTable: target.table,
    referencesColumns: fk.referencesColumns.length
      ? fk.referencesColumns.map(column)
      : [...(target.primaryKey?.columns ?? [])],
  };
}

/**
 * Every view when no `tables` are asked for; otherwise the views named in `tables` and those
 * that mention a table read, or a view kept, in any depth.
 */
function keptViews(
  views: readonly Row[],
  tables: ReadonlyMap<string, Table>,
  only: readonly string[] | undefined,
): Row[] {
  if (only === undefined) return [...views];
  const kept = views.filter((v) => only.some((name) => sameName(name, String(v.name))));
  const names = (schema: unknown) => [
    ...[...tables.values()].filter((t) => placeOf(t) === schema).map((t) => t.table),
    ...kept.filter((v) => v.schema_name === schema).map((v) => String(v.name)),
  ];
  for (let grew = true; grew;) {
    grew = false;
    for (const view of views) {
      if (kept.includes(view)) continue;
      if (names(view.schema_name).some((name) => mentions(String(view.sql), name))) {
        kept.push(view);
        grew = true;
      }
    }
  }
  return kept;
}

/** An `INTEGER PRIMARY KEY` of a rowid table is the rowid: it numbers new rows by itself. */
function isRowid(table: Table, key: Table["columns"][number]): boolean {
  return key.type.name === "integer" && !table.options?.withoutRowid;
}
