/** What to read: the attached databases (schemas) and the tables to keep or leave out. */
export interface CatalogScope {
  readonly schemas: readonly string[];
  readonly tables?: readonly string[];
  readonly exclude?: readonly string[];
}

/** A query and its parameters. */
export interface CatalogStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
const identifier = (text: string) => `"${text.replaceAll('"', '""')}"`;
const internal = String.raw`m.name NOT LIKE 'sqlite\_%' ESCAPE '\'`;

/**
 * One statement over every schema: `part` for each (as `"schema".sqlite_master m`), joined
 * by UNION ALL, with the name filters of `scope` on `column` (case-insensitive, as SQLite
 * compares names) and their parameters in order.
 */
function overSchemas(
  scope: CatalogScope,
  column: string,
  part: (schema: string, master: string) => string,
  orderBy: string,
): CatalogStatement {
  const params: unknown[] = [];
  const parts = scope.schemas.map((schema) => {
    let text = part(literal(schema), `${identifier(schema)}.sqlite_master m`);
    for (const [names, not] of [[scope.tables, ""], [scope.exclude, "NOT "]] as const) {
      if (names === undefined) continue;
      if (names.length === 0) {
        text += not ? "" : " AND 0";
        continue;
      }
      text += ` AND ${column} COLLATE NOCASE ${not}IN (${names.map(() => "?").join(", ")})`;
      params.push(...names);
    }
    return text;
  });
  return { sql: `${parts.join("\nUNION ALL\n")}\nORDER BY ${orderBy}`, params };
}

/** `m` is an ordinary table of the schema (not internal, virtual or a virtual table's shadow). */
function ordinaryTable(schema: string): string {
  return `m.type = 'table' AND ${internal} AND m.sql NOT LIKE 'CREATE VIRTUAL %' AND EXISTS ` +
    `(SELECT 1 FROM pragma_table_list(m.name) l WHERE l.schema = ${schema} AND l.type = 'table')`;
}

/**
 * Every table, index, view and trigger with its SQL, and what `pragma_table_list` calls
 * each table (`table`, `virtual`, `shadow`). Indexes are narrowed to the tables in scope;
 * views and triggers are all read (the caller keeps those on tables in scope).
 */
export function objectsQuery(scope: CatalogScope): CatalogStatement {
  const params: unknown[] = [];
  const filter = (names: readonly string[] | undefined, not: string) => {
    if (names === undefined) return "";
    if (names.length === 0) return not ? "" : " AND m.type IN ('view', 'trigger')";
    params.push(...names);
    return ` AND (m.type IN ('view', 'trigger') OR m.tbl_name COLLATE NOCASE ${not}IN (${
      names.map(() => "?").join(", ")
    }))`;
  };
  const parts = scope.schemas.map((name) => {
    const schema = literal(name);
    return `SELECT ${schema} AS schema_name, m.type, m.name, m.tbl_name, m.sql, ` +
      `(SELECT l.type FROM pragma_table_list(m.name) l WHERE l.schema = ${schema}) AS kind ` +
      `FROM ${identifier(name)}.sqlite_master m WHERE m.sql IS NOT NULL AND ${internal}` +
      filter(scope.tables, "") + filter(scope.exclude, "NOT ");
  });
  return { sql: `${parts.join("\nUNION ALL\n")}\nORDER BY 1, 3`, params };
}

/** Every column of every table in scope, hidden (generated) ones included, in table order. */
export function columnsQuery(scope: CatalogScope): CatalogStatement {
  return overSchemas(
    scope,
    "m.name",
    (schema, master) =>
      `SELECT ${schema} AS schema_name, m.name AS table_name, p.cid, p.name, p.type, ` +
      `p."notnull" AS not_null, p.pk, p.hidden FROM ${master} ` +
      `JOIN pragma_table_xinfo(m.name, ${schema}) p WHERE ${ordinaryTable(schema)}`,
    "1, 2, 3",
  );
}

/** Every foreign key column of every table in scope. */
export function foreignKeysQuery(scope: CatalogScope): CatalogStatement {
  return overSchemas(
    scope,
    "m.name",
    (schema, master) =>
      `SELECT ${schema} AS schema_name, m.name AS table_name, f.id, f.seq, ` +
      `f."table" AS referenced_table, f."from" AS from_column, f."to" AS to_column ` +
      `FROM ${master} JOIN pragma_foreign_key_list(m.name, ${schema}) f ` +
      `WHERE ${ordinaryTable(schema)}`,
    "1, 2, 3, 4",
  );
}

/** The key columns of every explicitly created index (not `sqlite_autoindex_*`) in scope. */
export function indexColumnsQuery(scope: CatalogScope): CatalogStatement {
  return overSchemas(
    scope,
    "m.name",
    (schema, master) =>
      `SELECT ${schema} AS schema_name, m.name AS table_name, il.name AS index_name, ` +
      `il."unique" AS is_unique, il.partial, x.seqno, x.name AS column_name ` +
      `FROM ${master} JOIN pragma_index_list(m.name, ${schema}) il ` +
      `JOIN pragma_index_xinfo(il.name, ${schema}) x ` +
      `WHERE ${ordinaryTable(schema)} AND il.origin = 'c' AND x.key = 1`,
    "1, 2, 3, 6",
  );
}
