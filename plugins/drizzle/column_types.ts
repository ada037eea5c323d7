/** Drizzle column types and defaults as retort's `t.*` types and server defaults. */
import { sql, t } from "retort";
import type { Column, ColumnType } from "retort";
import type { DialectName, DrizzleColumn, Reading } from "./drizzle_objects.ts";
import { isSql, sqlText } from "./drizzle_objects.ts";
export function numberOption(key: "start" | "increment", value: number | string | undefined) {
  return value === undefined ? {} : { [key]: Number(value) };
}

export function isInteger(type: ColumnType): boolean {
  return type.name === "integer" || type.name === "smallint" || type.name === "bigint";
}

/** SQL type names that are one `t.*` type when written without a size. */
export const plainTypes: Record<DialectName, Readonly<Record<string, () => ColumnType>>> = {
  postgres: {
    integer: t.integer,
    smallint: t.smallint,
    bigint: t.bigint,
    boolean: t.boolean,
    text: t.text,
    real: t.real,
    "double precision": t.double,
    date: t.date,
    json: t.json,
    jsonb: t.jsonb,
    uuid: t.uuid,
    bytea: t.bytes,
  },
  mysql: {
    int: t.integer,
    smallint: t.smallint,
    bigint: t.bigint,
    boolean: t.boolean,
    text: t.text,
    real: t.double, // MySQL's REAL is DOUBLE
    double: t.double,
    float: t.real, // which retort writes FLOAT there
    date: t.date,
    json: t.json,
  },
  // SQLite keeps a type as written: only Drizzle's own words, so a drizzle-kit database matches
  sqlite: { integer: t.integer, text: t.text, real: t.real, numeric: t.numeric, blob: t.bytes },
};

export const postgresSerials: Readonly<Record<string, () => ColumnType>> = {
  serial: t.integer,
  smallserial: t.smallint,
  bigserial: t.bigint,
};

/**
 * The `t.*` type of a column, from the SQL type Drizzle writes for it (`getSQLType()`) in
 * the database's terms; anything else passes through as `t.raw(<Drizzle's SQL>)`. `serial`:
 * the type numbers its rows (PostgreSQL's serials, MySQL's SERIAL).
 */
export function columnType(
  c: DrizzleColumn,
  dialect: DialectName,
): { type: ColumnType; serial?: boolean } {
  const written = c.getSQLType();
  if (c.enumValues && c.columnType.includes("Enum") && dialect !== "sqlite") {
    return {
      type: t.enum(c.enumValues, dialect === "postgres" && c.enum ? { name: c.enum.enumName } : {}),
    };
  }
  const m = /^([a-z ]+?)\s*(?:\((\d+)(?:,\s*(\d+))?\))?( with time zone)?$/i.exec(written.trim());
  if (!m) return { type: t.raw(written) };
  const base = m[1].toLowerCase();
  const size = m[2] === undefined ? undefined : Number(m[2]);
  const scale = m[3] === undefined ? undefined : Number(m[3]);
  const tz = m[4] !== undefined;
  const precision = size === undefined ? {} : { precision: size };
  if (size === undefined && !tz && Object.hasOwn(plainTypes[dialect], base)) {
    return { type: plainTypes[dialect][base]() };
  }
  if (dialect === "postgres") {
    if (size === undefined && Object.hasOwn(postgresSerials, base)) {
      return { type: postgresSerials[base](), serial: true };
    }
    if (base === "time") return { type: t.time({ tz, ...precision }) };
    if (base === "timestamp") return { type: t.timestamp({ tz, ...precision }) };
  }
  if (dialect === "mysql") {
    if (base === "serial") return { type: t.raw("bigint unsigned"), serial: true };
    if (base === "decimal") return { type: t.numeric(size, scale) };
    if (base === "time") return { type: t.time(precision) };
    if (base === "datetime") return { type: t.timestamp(precision) };
    if (base === "timestamp") return { type: t.timestamp({ tz: true, ...precision }) };
  }
  if (dialect !== "sqlite" && !tz) {
    if (base === "varchar" || base === "char") return { type: t[base](size) };
    if (base === "numeric") return { type: t.numeric(size, scale) };
  }
  return { type: t.raw(written) };
}

/**
 * The server default of `.default(value)`: a literal as Drizzle would send it (`$defaultFn`
 * runs in the client and is no server default), `sql` as its text, `defaultNow()` as
 * CURRENT_TIMESTAMP.
 */
export function defaultOf(
  c: DrizzleColumn,
  type: ColumnType,
  reading: Reading,
): Column["serverDefault"] {
  const value = c.default;
  if (value === undefined || value === null) return undefined;
  if (isSql(value)) {
    const text = sqlText(value, reading);
    return sql(
      /^\(?\s*now\(\)\s*\)?$/i.test(text)
        ? currentTimestamp(reading.dialect === "mysql" ? c.fsp : undefined)
        : text,
    );
  }
  if (typeof value === "bigint") return sql(String(value));
  const stored = c.mapToDriverValue(value);
  if (value instanceof Date && typeof stored === "string") {
    const iso = value.toISOString();
    return type.name === "date"
      ? iso.slice(0, 10)
      : iso.slice(0, 23).replace("T", " ").replace(/\.000$/, "");
  }
  if (typeof stored === "string" || typeof stored === "number" || typeof stored === "boolean") {
    return stored;
  }
  if (typeof stored === "bigint") return sql(String(stored));
  if (isSql(stored)) return sql(sqlText(stored, reading));
  throw new Error(
    `column ${c.name}: cannot write its default ${String(value)} as SQL; use sql\`...\``,
  );
}

export function currentTimestamp(fsp?: number): string {
  return fsp ? `CURRENT_TIMESTAMP(${fsp})` : "CURRENT_TIMESTAMP";
}
