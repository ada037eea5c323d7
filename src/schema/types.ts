import type { Column, ColumnOptions } from "./column.ts";
import type { ColumnType } from "./column_type.ts";

/**
 * The type vocabulary used in migrations: `t.varchar(255)`, `t.column(name, type, options)`.
 *
 * @example
 * ```ts
 * await op.addColumn("users", t.column("email", t.varchar(255), { nullable: false }));
 * ```
 */
export const t = Object.freeze({
  integer: (): ColumnType => ({ name: "integer" }),
  smallint: (): ColumnType => ({ name: "smallint" }),
  bigint: (): ColumnType => ({ name: "bigint" }),
  boolean: (): ColumnType => ({ name: "boolean" }),
  text: (): ColumnType => ({ name: "text" }),
  varchar: (length?: number): ColumnType => ({ name: "varchar", length }),
  char: (length?: number): ColumnType => ({ name: "char", length }),
  numeric: (precision?: number, scale?: number): ColumnType => ({
    name: "numeric",
    precision,
    scale,
  }),
  real: (): ColumnType => ({ name: "real" }),
  double: (): ColumnType => ({ name: "double" }),
  date: (): ColumnType => ({ name: "date" }),
  time: (options: { tz?: boolean; precision?: number } = {}): ColumnType => ({
    name: "time",
    withTimezone: options.tz ?? false,
    ...(options.precision === undefined ? {} : { precision: options.precision }),
  }),
  timestamp: (options: { tz?: boolean; precision?: number } = {}): ColumnType => ({
    name: "timestamp",
    withTimezone: options.tz ?? false,
    ...(options.precision === undefined ? {} : { precision: options.precision }),
  }),
  json: (): ColumnType => ({ name: "json" }),
  jsonb: (): ColumnType => ({ name: "jsonb" }),
  uuid: (): ColumnType => ({ name: "uuid" }),
  bytes: (): ColumnType => ({ name: "bytes" }),
  /**
   * An enumeration: a named `CREATE TYPE` on PostgreSQL (created with the table), `ENUM(...)`
   * on MySQL, `VARCHAR` with a CHECK on SQLite.
   */
  enum: (values: readonly string[], options: { name?: string } = {}): ColumnType => ({
    name: "enum",
    values: [...values],
    ...(options.name === undefined ? {} : { enumName: options.name }),
  }),
  /** A type written in the database's own words, passed through unchanged. */
  raw: (sql: string): ColumnType => ({ name: "raw", sql }),
  column: (name: string, type: ColumnType, options: ColumnOptions = {}): Column => ({
    name,
    type,
    ...options,
  }),
});

/** The type of the `t` vocabulary object. */
export type TypeVocabulary = typeof t;
