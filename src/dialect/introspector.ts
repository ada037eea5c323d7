import type { DatabaseSchema } from "../schema/database_schema.ts";

/** Runs one query and returns its rows: how an introspector reads, with no driver of its own. */
export type CatalogQuery = (
  sql: string,
  params?: readonly unknown[],
) => Promise<Record<string, unknown>[]>;

/** What to read. */
export interface IntrospectOptions {
  /** Schemas to read (default: the connection's current schema, whose objects get no `schema`). */
  readonly schemas?: readonly string[];
  /** Only these tables (and the views and triggers on them); default every table. */
  readonly tables?: readonly string[];
  /** Tables never read, e.g. the version table and its lock table. */
  readonly exclude?: readonly string[];
}

/**
 * Reads a database's tables, enum types, views and triggers into retort's schema model with a
 * fixed number of catalog queries (one per kind of object, for the whole schema, never one
 * per table). Pure apart from `query`: the driver is the caller's.
 *
 * @example
 * ```ts
 * const schema = await introspectPostgres((sql, params) => connection.query(sql, params));
 * ```
 */
export type Introspector = (
  query: CatalogQuery,
  options?: IntrospectOptions,
) => Promise<DatabaseSchema>;
