import { keysAsRead } from "../keys_as_read.ts";
import type { Column } from "../../schema/column.ts";
import type {
  CheckConstraint,
  ForeignKey,
  Index,
  ReferentialAction,
  UniqueConstraint,
} from "../../schema/constraint.ts";
import type { DatabaseSchema, Trigger, View } from "../../schema/database_schema.ts";
import type { Table, TableOptions } from "../../schema/table.ts";
import { RetortError } from "../../errors.ts";
import type { CatalogQuery, IntrospectOptions, Introspector } from "../introspector.ts";
import { mysqlColumn } from "./mysql_column_reader.ts";
import type { MysqlIndexRows } from "./mysql_index_reader.ts";
import { isPlainKey, mysqlIndex, quoteMysqlName } from "./mysql_index_reader.ts";
import type { MysqlServerVersion } from "./mysql_server_version.ts";
import { atLeast, mysqlServerVersion } from "./mysql_server_version.ts";

type Row = Record<string, unknown>;

/**
 * Reads a MySQL 8 or MariaDB database from `information_schema` into retort's schema model,
 * with one query per kind of object for all the schemas read (server, tables, columns, keys,
 * checks, indexes, views, triggers: 8 queries, 7 on MySQL before 8.0.16, which has no checks).
 *
 * - Tables: `ENGINE`, the collation and its charset go into `options`; the comment when set.
 * - Columns: `COLUMN_TYPE` -> `t.*` where retort writes it back the same (else `t.raw`),
 *   nullability always set, the default as the server's SQL, AUTO_INCREMENT, ON UPDATE,
 *   generated columns, the collation when it is not the table's. MariaDB's JSON (a longtext
 *   with a `json_valid` check named after the column) is `t.json()`, without the check.
 * - Keys: the primary key without a name (MySQL always calls it PRIMARY); a UNIQUE key made of
 *   whole ascending columns is a unique constraint, any other unique key a unique index;
 *   foreign keys leave out the action the server reports when none was given (RESTRICT on
 *   MariaDB, NO ACTION on MySQL 8). Other indexes (including the ones the server makes for
 *   foreign keys: see `isForeignKeyIndex`) go into `indexes`.
 * - Views with their `VIEW_DEFINITION`; triggers as `CREATE TRIGGER ... FOR EACH ROW ...`.
 *
 * Names are compared exactly (the catalog compares table names without case).
 *
 * @example
 * ```ts
 * const schema = await introspectMysql((sql, params) => connection.query(sql, params));
 * schema.tables.map((t) => t.table);
 * ```
 */
export const introspectMysql: Introspector = async (
  query: CatalogQuery,
  options: IntrospectOptions = {},
): Promise<DatabaseSchema> => {
  const [about] = await query("SELECT DATABASE() AS current_schema, VERSION() AS version");
  const current = about?.current_schema == null ? undefined : text(about.current_schema);
  const server = mysqlServerVersion(text(about?.version));
  const schemas = options.schemas ?? (current === undefined ? [] : [current]);
  if (schemas.length === 0) {
    throw new RetortError(
      "NO_SCHEMA",
      "introspect: the connection has no current database and no schemas were given; " +
        "put the database in the URL (mysql://host/db) or pass schemas",
    );
  }
  const scope = new Scope(schemas, options, current);

  const tableRows = (await query(
    `SELECT t.TABLE_SCHEMA AS table_schema, t.TABLE_NAME AS table_name, t.ENGINE AS engine,
            t.TABLE_COLLATION AS collation, c.CHARACTER_SET_NAME AS charset,
            t.TABLE_COMMENT AS comment
       FROM information_schema.TABLES t
       LEFT JOIN information_schema.COLLATIONS c ON c.COLLATION_NAME = t.TABLE_COLLATION
      WHERE t.TABLE_TYPE = 'BASE TABLE' AND ${scope.where("t.TABLE_SCHEMA", "t.TABLE_NAME")}`,
    scope.params(),
  )).filter((r) => scope.wantsTable(r.table_schema, r.table_name));

  const columnRows = await query(
    `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name, COLUMN_NAME AS name,
            ORDINAL_POSITION AS position, COLUMN_TYPE AS column_type, DATA_TYPE AS data_type,
            IS_NULLABLE AS nullable, COLUMN_DEFAULT AS column_default, EXTRA AS extra,
            GENERATION_EXPRESSION AS generation_expression, COLLATION_NAME AS collation,
            COLUMN_COMMENT AS comment
       FROM information_schema.COLUMNS
      WHERE ${scope.where("TABLE_SCHEMA", "TABLE_NAME")}
      ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`,
    scope.params(),
  );

  // Three reads joined here: MariaDB joins information_schema tables by reading each again
  // per row (one joined query took 880 ms on 500 tables; the three take 40 ms together).
  const constraintRows = await query(
    `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name, CONSTRAINT_NAME AS name,
            CONSTRAINT_TYPE AS type
       FROM information_schema.TABLE_CONSTRAINTS
      WHERE CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
        AND ${scope.where("TABLE_SCHEMA", "TABLE_NAME")}`,
    scope.params(),
  );
  const usageRows = await query(
    `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name, CONSTRAINT_NAME AS name,
            COLUMN_NAME AS column_name, REFERENCED_TABLE_SCHEMA AS ref_schema,
            REFERENCED_TABLE_NAME AS ref_table, REFERENCED_COLUMN_NAME AS ref_column
       FROM information_schema.KEY_COLUMN_USAGE
      WHERE ${scope.where("TABLE_SCHEMA", "TABLE_NAME")}
      ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`,
    scope.params(),
  );
  const ruleRows = await query(
    `SELECT CONSTRAINT_SCHEMA AS table_schema, TABLE_NAME AS table_name, CONSTRAINT_NAME AS name,
            UPDATE_RULE AS on_update, DELETE_RULE AS on_delete
       FROM information_schema.REFERENTIAL_CONSTRAINTS
      WHERE ${scope.where("CONSTRAINT_SCHEMA", "TABLE_NAME")}`,
    scope.params(),
  );
  const keyRows = joinKeyRows(constraintRows, usageRows, ruleRows);

  const checkRows = server.mariadb
    ? await query(
      `SELECT CONSTRAINT_SCHEMA AS table_schema, TABLE_NAME AS table_name,
              CONSTRAINT_NAME AS name, LEVEL AS level, CHECK_CLAUSE AS clause
         FROM information_schema.CHECK_CONSTRAINTS
        WHERE ${scope.where("CONSTRAINT_SCHEMA", "TABLE_NAME")}`,
      scope.params(),
    )
    : atLeast(server, 8, 0, 16)
    ? await query(
      `SELECT tc.TABLE_SCHEMA AS table_schema, tc.TABLE_NAME AS table_name,
              tc.CONSTRAINT_NAME AS name, 'Table' AS level, cc.CHECK_CLAUSE AS clause
         FROM information_schema.TABLE_CONSTRAINTS tc
         JOIN information_schema.CHECK_CONSTRAINTS cc
           ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
        WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND ${scope.where("tc.TABLE_SCHEMA", "tc.TABLE_NAME")}`,
      scope.params(),
    )
    : [];

  const expression = !server.mariadb && atLeast(server, 8, 0, 13) ? "EXPRESSION" : "NULL";
  const indexRows = await query(
    `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name, INDEX_NAME AS name,
            NON_UNIQUE AS non_unique, COLUMN_NAME AS column_name, SUB_PART AS sub_part,
            COLLATION AS collation, INDEX_TYPE AS index_type, ${expression} AS expression
       FROM information_schema.STATISTICS
      WHERE ${scope.where("TABLE_SCHEMA", "TABLE_NAME")}
      ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
    scope.params(),
  );

  const viewRows = await query(
    `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS name, VIEW_DEFINITION AS definition
       FROM information_schema.VIEWS
      WHERE ${scope.where("TABLE_SCHEMA")}`,
    scope.params(false),
  );

  const triggerRows = await query(
    `SELECT EVENT_OBJECT_SCHEMA AS table_schema, EVENT_OBJECT_TABLE AS table_name,
            TRIGGER_NAME AS name, ACTION_TIMING AS timing, EVENT_MANIPULATION AS event,
            ACTION_STATEMENT AS statement
       FROM information_schema.TRIGGERS
      WHERE ${scope.where("EVENT_OBJECT_SCHEMA", "EVENT_OBJECT_TABLE")}`,
    scope.params(),
  );

  const columns = groupBy(columnRows, scope);
  const keys = groupBy(keyRows, scope);
  const checks = groupBy(checkRows, scope);
  const indexes = groupBy(indexRows, scope);
  const tables = tableRows.map((row) => {
    const key = placeKey(row.table_schema, row.table_name);
    return readTable(row, {
      server,
      scope,
      columns: columns.get(key) ?? [],
      keys: keys.get(key) ?? [],
      checks: checks.get(key) ?? [],
      indexes: indexes.get(key) ?? [],
    });
  });

  return {
    tables: sortBy(tables, (t) => [t.schema ?? "", t.table]).map((table) =>
      keysAsRead(table, () => false)
    ),
    enums: [],
    views: sortBy(readViews(viewRows, scope), (v) => [v.schema ?? "", v.name]),
    triggers: sortBy(readTriggers(triggerRows, scope), (t) => [t.schema ?? "", t.name]),
  };
};

/**
 * Which schemas and tables are read, and how each is written in the model. The catalog
 * compares names without case, so the SQL narrows and the exact test happens here.
 */
class Scope {
  private readonly schemas: readonly string[];
  private readonly only?: ReadonlySet<string>;
  private readonly exclude: ReadonlySet<string>;

  constructor(
    schemas: readonly string[],
    options: IntrospectOptions,
    private readonly current: string | undefined,
  ) {
    this.schemas = [...new Set(schemas)];
    this.only = options.tables === undefined ? undefined : new Set(options.tables);
    this.exclude = new Set(options.exclude ?? []);
  }

  /** `schema IN (?, ...)` and, when tables are listed, `AND table IN (?, ...)`. */
  where(schemaColumn: string, tableColumn?: string): string {
    const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");
    let text = `${schemaColumn} IN (${marks(this.schemas.length)})`;
    if (tableColumn !== undefined && this.only !== undefined) {
      text += this.only.size === 0
        ? " AND 1 = 0"
        : ` AND ${tableColumn} IN (${marks(this.only.size)})`;
    }
    return text;
  }

  /** The parameters of `where`. */
  params(withTables = true): unknown[] {
    return [...this.schemas, ...(withTables && this.only ? this.only : [])];
  }

  hasSchema(schema: unknown): boolean {
    return this.schemas.includes(text(schema));
  }

  wantsTable(schema: unknown, table: unknown): boolean {
    const name = text(table);
    return this.hasSchema(schema) && !this.exclude.has(name) &&
      (this.only === undefined || this.only.has(name));
  }

  /** A view is read when it is listed in `tables` or its query reads a listed table. */
  wantsView(schema: string, name: string, definition: string): boolean {
    if (!this.hasSchema(schema) || this.exclude.has(name)) return false;
    if (this.only === undefined || this.only.has(name)) return true;
    return [...this.only].some((table) =>
      definition.includes(`${quoteMysqlName(schema)}.${quoteMysqlName(table)}`)
    );
  }

  /** `{ schema }` for an object outside the current schema, `{}` inside it. */
  place(schema: unknown): { schema?: string } {
    const name = text(schema);
    return name === this.current ? {} : { schema: name };
  }
}

interface TableRows {
  readonly server: MysqlServerVersion;
  readonly scope: Scope;
  readonly columns: readonly Row[];
  readonly keys: readonly Row[];
  readonly checks: readonly Row[];
  readonly indexes: readonly Row[];
}

function readTable(row: Row, rows: TableRows): Table {
  const collation = nullableText(row.collation);
  const engine = nullableText(row.engine);
  const charset = nullableText(row.charset) ?? collation?.split("_")[0];
  const options: TableOptions = {
    ...(engine === undefined ? {} : { engine }),
    ...(charset === undefined ? {} : { charset }),
    ...(collation === undefined ? {} : { collation }),
  };

  const checkRows = rows.checks.map((c) => ({
    name: text(c.name),
    level: text(c.level),
    clause: text(c.clause),
  }));
  const jsonChecks = new Set<string>();
  const columns: Column[] = rows.columns.map((c) => {
    const name = text(c.name);
    const dataType = text(c.data_type).toLowerCase();
    const check = dataType === "longtext"
      ? checkRows.find((k) =>
        k.level.toLowerCase() === "column" && k.name === name &&
        k.clause === `json_valid(${quoteMysqlName(name)})`
      )
      : undefined;
    if (check) jsonChecks.add(check.name);
    return mysqlColumn({
      name,
      columnType: text(c.column_type),
      dataType,
      nullable: text(c.nullable).toUpperCase() === "YES",
      columnDefault: nullableText(c.column_default) ?? null,
      extra: text(c.extra),
      generationExpression: nullableText(c.generation_expression) || null,
      collation: nullableText(c.collation) ?? null,
      comment: text(c.comment),
    }, { server: rows.server, tableCollation: collation, json: check !== undefined });
  });

  const indexes = readIndexRows(rows.indexes);
  const byName = new Map(indexes.map((ix) => [ix.name, ix]));
  const constraints = new Map<string, Row[]>();
  for (const k of rows.keys) {
    const name = text(k.name);
    constraints.set(name, [...(constraints.get(name) ?? []), k]);
  }

  let primaryKey: { columns: string[] } | undefined;
  const uniques: UniqueConstraint[] = [];
  const uniqueIndexes = new Set<string>();
  const foreignKeys: ForeignKey[] = [];
  for (const [name, parts] of constraints) {
    const type = text(parts[0].type).toUpperCase();
    const cols = parts.map((p) => text(p.column_name));
    if (type === "PRIMARY KEY") {
      primaryKey = { columns: cols };
    } else if (type === "UNIQUE") {
      const index = byName.get(name);
      if (index === undefined || isPlainKey(index)) {
        uniques.push({ name, columns: cols });
        uniqueIndexes.add(name);
      }
    } else {
      foreignKeys.push(readForeignKey(name, parts, rows.server, rows.scope));
    }
  }

  const checks: CheckConstraint[] = checkRows
    .filter((c) => !jsonChecks.has(c.name) || c.level.toLowerCase() !== "column")
    .map((c) => ({ name: c.name, condition: c.clause }));

  const modelIndexes: Index[] = indexes
    .filter((ix) => ix.name !== "PRIMARY" && !uniqueIndexes.has(ix.name))
    .map(mysqlIndex);

  const comment = text(row.comment);
  return {
    table: text(row.table_name),
    ...rows.scope.place(row.table_schema),
    columns,
    ...(primaryKey === undefined ? {} : { primaryKey }),
    foreignKeys: sortBy(foreignKeys, (fk) => [fk.name ?? ""]),
    uniques: sortBy(uniques, (u) => [u.name ?? ""]),
    checks: sortBy(checks, (c) => [c.name ?? ""]),
    indexes: sortBy(modelIndexes, (ix) => [ix.name]),
    ...(comment === "" ? {} : { comment }),
    ...(Object.keys(options).length === 0 ? {} : { options }),
  };
}

/** The key parts of each index, from rows already in `SEQ_IN_INDEX` order. */
function readIndexRows(rows: readonly Row[]): MysqlIndexRows[] {
  const out = new Map<string, MysqlIndexRows & { parts: MysqlIndexRows["parts"][number][] }>();
  for (const r of rows) {
    const name = text(r.name);
    let index = out.get(name);
    if (!index) {
      index = {
        name,
        unique: Number(r.non_unique) === 0,
        type: text(r.index_type),
        parts: [],
      };
      out.set(name, index);
    }
    index.parts.push({
      column: nullableText(r.column_name) ?? null,
      prefix: r.sub_part == null ? null : Number(r.sub_part),
      order: nullableText(r.collation) ?? null,
      expression: nullableText(r.expression) ?? null,
    });
  }
  return [...out.values()];
}

/** The action the server reports for a foreign key created without ON DELETE / ON UPDATE. */
function defaultAction(server: MysqlServerVersion): ReferentialAction {
  return server.mariadb ? "RESTRICT" : "NO ACTION";
}

function readForeignKey(
  name: string,
  parts: readonly Row[],
  server: MysqlServerVersion,
  scope: Scope,
): ForeignKey {
  const first = parts[0];
  const action = (value: unknown): ReferentialAction | undefined => {
    const rule = nullableText(value)?.toUpperCase() as ReferentialAction | undefined;
    return rule === undefined || rule === defaultAction(server) ? undefined : rule;
  };
  const onDelete = action(first.on_delete);
  const onUpdate = action(first.on_update);
  const referencesSchema = scope.place(first.ref_schema).schema;
  return {
    name,
    columns: parts.map((p) => text(p.column_name)),
    referencesTable: text(first.ref_table),
    ...(referencesSchema === undefined ? {} : { referencesSchema }),
    referencesColumns: parts.map((p) => text(p.ref_column)),
    ...(onDelete === undefined ? {} : { onDelete }),
    ...(onUpdate === undefined ? {} : { onUpdate }),
  };
}

function readViews(rows: readonly Row[], scope: Scope): View[] {
  return rows
    .map((r) => ({
      schema: text(r.table_schema),
      name: text(r.name),
      definition: text(r.definition),
    }))
    .filter((v) => scope.wantsView(v.schema, v.name, v.definition))
    .map((v) => ({ name: v.name, ...scope.place(v.schema), definition: v.definition }));
}

function readTriggers(rows: readonly Row[], scope: Scope): Trigger[] {
  return rows
    .filter((r) => scope.wantsTable(r.table_schema, r.table_name))
    .map((r) => {
      const place = scope.place(r.table_schema);
      const qualify = (name: string) =>
        place.schema === undefined
          ? quoteMysqlName(name)
          : `${quoteMysqlName(place.schema)}.${quoteMysqlName(name)}`;
      const table = text(r.table_name);
      const name = text(r.name);
      return {
        name,
        table,
        ...place,
        create: `CREATE TRIGGER ${qualify(name)} ${text(r.timing)} ${text(r.event)} ON ${
          qualify(table)
        } FOR EACH ROW ${text(r.statement)}`,
      };
    });
}

/** Rows grouped by their exact schema and table, for the tables in scope. */
function groupBy(rows: readonly Row[], scope: Scope): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const row of rows) {
    if (!scope.wantsTable(row.table_schema, row.table_name)) continue;
    const key = placeKey(row.table_schema, row.table_name);
    const list = out.get(key);
    if (list) list.push(row);
    else out.set(key, [row]);
  }
  return out;
}

function placeKey(schema: unknown, table: unknown): string {
  return JSON.stringify([text(schema), text(table)]);
}

/** A copy sorted by the keys `by` gives, compared as strings code unit by code unit. */
function sortBy<T>(items: readonly T[], by: (item: T) => string[]): T[] {
  const compare = (a: string[], b: string[]) => {
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
  };
  return items.map((item, i) => ({ item, key: by(item), i }))
    .sort((a, b) => compare(a.key, b.key) || a.i - b.i)
    .map((e) => e.item);
}

const decoder = new TextDecoder();

/** A catalog value as text (drivers may hand binary-collated columns back as bytes). */
function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Uint8Array) return decoder.decode(value);
  return String(value);
}

function nullableText(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : text(value);
}

/** Each key column with its constraint's type and, for a foreign key, its rules. */
function joinKeyRows(constraints: Row[], usage: Row[], rules: Row[]): Row[] {
  const key = (r: Row) => `${r.table_schema}\0${r.table_name}\0${r.name}`;
  const types = new Map(constraints.map((r) => [key(r), r.type]));
  const ruleOf = new Map(rules.map((r) => [key(r), r]));
  return usage.flatMap((r) => {
    const type = types.get(key(r));
    if (type === undefined) return [];
    const rule = ruleOf.get(key(r));
    return [{ ...r, type, on_update: rule?.on_update ?? null, on_delete: rule?.on_delete ?? null }];
  });
}
