// The catalog queries behind introspectPostgres: one per kind of object, each over every
// table of the schemas read. Parameters: $1 the schemas (NULL: the current schema), $2 the
// tables to read (NULL: all), $3 the tables to leave out (NULL: none).

/** The schemas read, minus the system ones. */
const schemaFilter = `n.nspname = ANY(COALESCE($1::text[], ARRAY[current_schema()::text]))
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_(toast|temp_)'`;

/** Not part of an extension (`CREATE EXTENSION` owns it, not the migrations). */
const notExtension = (classTable: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
    WHERE x.classid = '${classTable}'::regclass AND x.objid = ${oid} AND x.deptype = 'e')`;

/** The tables read: ordinary and partitioned tables, not partitions; `c` and `n`. */
const tableFilter = `c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND ${schemaFilter}
  AND ($2::text[] IS NULL OR c.relname = ANY($2::text[]))
  AND NOT (c.relname = ANY(COALESCE($3::text[], '{}')))
  AND ${notExtension("pg_catalog.pg_class", "c.oid")}`;

const fromTables = `FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace`;

/** Tables with their storage and comment. */
export const tablesQuery = `SELECT n.nspname AS schema, n.nspname = current_schema() AS current,
  c.relname AS name, c.relpersistence AS persistence,
  obj_description(c.oid, 'pg_class') AS comment
${fromTables}
WHERE ${tableFilter}`;

/** Columns in table order: type, nullability, default, identity, generation, collation. */
export const columnsQuery = `SELECT n.nspname AS schema, c.relname AS table, a.attname AS name,
  format_type(a.atttypid, a.atttypmod) AS type, ty.typtype AS type_kind, ty.typname AS type_name,
  tn.nspname AS type_schema, a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS expr,
  a.attidentity AS identity, a.attgenerated AS generated,
  seq.seqstart::text AS identity_start, seq.seqincrement::text AS identity_increment,
  CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation THEN co.collname END
    AS collation,
  col_description(c.oid, a.attnum) AS comment
${fromTables}
  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = ty.typnamespace
  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
  LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
  LEFT JOIN LATERAL (
    SELECT s.seqstart, s.seqincrement FROM pg_catalog.pg_depend dep
      JOIN pg_catalog.pg_sequence s ON s.seqrelid = dep.objid
     WHERE a.attidentity <> '' AND dep.classid = 'pg_catalog.pg_class'::regclass
       AND dep.refclassid = 'pg_catalog.pg_class'::regclass AND dep.refobjid = c.oid
       AND dep.refobjsubid = a.attnum AND dep.deptype = 'i'
     LIMIT 1
  ) seq ON true
WHERE ${tableFilter}
ORDER BY n.nspname, c.relname, a.attnum`;

/** Column names of `keys` (an attnum array) of `relation`, in key order, as JSON. */
const keyNames = (keys: string, relation: string) =>
  `to_json(ARRAY(SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY u(attnum, i)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = ${relation} AND a.attnum = u.attnum
    ORDER BY u.i))`;

/** PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY and EXCLUDE constraints. */
export const constraintsQuery = `SELECT n.nspname AS schema, c.relname AS table,
  k.conname AS name, k.contype AS type,
  ${keyNames("k.conkey", "k.conrelid")} AS columns,
  ${keyNames("k.confkey", "k.confrelid")} AS ref_columns,
  rc.relname AS ref_table, rn.nspname AS ref_schema, rn.nspname = current_schema() AS ref_current,
  k.confupdtype AS on_update, k.confdeltype AS on_delete,
  k.condeferrable AS deferrable, k.condeferred AS deferred,
  pg_get_constraintdef(k.oid) AS definition
${fromTables}
  JOIN pg_catalog.pg_constraint k ON k.conrelid = c.oid
  LEFT JOIN pg_catalog.pg_class rc ON rc.oid = k.confrelid
  LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE k.contype IN ('p', 'u', 'c', 'f', 'x') AND ${tableFilter}`;

/**
 * Indexes that back no constraint, each key part as JSON: its `column` (or the `sql` of an
 * expression), whether it sorts descending and NULLs first, and its collation and operator
 * class where they are not the column's own and the type's default. (An expression's own
 * collation cannot be told from the catalog, so an expression key's COLLATE is not read.)
 */
export const indexesQuery = `SELECT n.nspname AS schema, c.relname AS table,
  ic.relname AS name, i.indisunique AS "unique", am.amname AS method,
  pg_get_expr(i.indpred, i.indrelid) AS predicate,
  (SELECT json_agg(json_build_object(
      'column', CASE WHEN i.indkey[p.n - 1] <> 0 THEN a.attname::text END,
      'sql', CASE WHEN i.indkey[p.n - 1] = 0 THEN pg_get_indexdef(i.indexrelid, p.n, true) END,
      'descending', (i.indoption[p.n - 1] & 1) <> 0,
      'nullsFirst', (i.indoption[p.n - 1] & 2) <> 0,
      'collation', CASE WHEN a.attnum IS NOT NULL AND i.indcollation[p.n - 1] <> 0
                         AND i.indcollation[p.n - 1] <> a.attcollation
                        THEN coll.collname::text END,
      'opclass', CASE WHEN NOT opc.opcdefault THEN opc.opcname::text END) ORDER BY p.n)
     FROM generate_series(1, i.indnkeyatts) p(n)
     LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[p.n - 1]
     LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = i.indclass[p.n - 1]
     LEFT JOIN pg_catalog.pg_collation coll ON coll.oid = i.indcollation[p.n - 1]
  ) AS keys
${fromTables}
  JOIN pg_catalog.pg_index i ON i.indrelid = c.oid
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k
    WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))
  AND ${tableFilter}`;

/** Enum types of the schemas, values in their order ($1 only). */
export const enumsQuery = `SELECT n.nspname AS schema, n.nspname = current_schema() AS current,
  ty.typname AS name,
  to_json(ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e
    WHERE e.enumtypid = ty.oid ORDER BY e.enumsortorder)) AS "values"
FROM pg_catalog.pg_type ty
  JOIN pg_catalog.pg_namespace n ON n.oid = ty.typnamespace
WHERE ty.typtype = 'e' AND ${schemaFilter} AND ${notExtension("pg_catalog.pg_type", "ty.oid")}`;

/**
 * Views and materialized views: with `tables` ($2), those named there and those that read
 * one of them; never those named in $3.
 */
export const viewsQuery = `SELECT n.nspname AS schema, n.nspname = current_schema() AS current,
  c.relname AS name, c.relkind = 'm' AS materialized, pg_get_viewdef(c.oid) AS definition
${fromTables}
WHERE c.relkind IN ('v', 'm') AND ${schemaFilter}
  AND NOT (c.relname = ANY(COALESCE($3::text[], '{}')))
  AND ${notExtension("pg_catalog.pg_class", "c.oid")}
  AND ($2::text[] IS NULL OR c.relname = ANY($2::text[]) OR EXISTS (
    SELECT 1 FROM pg_catalog.pg_rewrite r
      JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass
       AND d.objid = r.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass
      JOIN pg_catalog.pg_class t ON t.oid = d.refobjid AND t.oid <> c.oid
      JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
     WHERE r.ev_class = c.oid AND t.relname = ANY($2::text[])
       AND tn.nspname = ANY(COALESCE($1::text[], ARRAY[current_schema()::text]))))`;

/** User triggers (not the internal ones behind foreign keys) on tables and views. */
export const triggersQuery = `SELECT n.nspname AS schema, n.nspname = current_schema() AS current,
  c.relname AS table, tg.tgname AS name, pg_get_triggerdef(tg.oid) AS "create"
${fromTables}
  JOIN pg_catalog.pg_trigger tg ON tg.tgrelid = c.oid
WHERE NOT tg.tgisinternal AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
  AND ${schemaFilter}
  AND ($2::text[] IS NULL OR c.relname = ANY($2::text[]))
  AND NOT (c.relname = ANY(COALESCE($3::text[], '{}')))
  AND ${notExtension("pg_catalog.pg_class", "c.oid")}`;
