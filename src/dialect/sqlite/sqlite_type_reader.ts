import type { ColumnType } from "../../schema/column_type.ts";
import { t } from "../../schema/types.ts";
import { sqliteType } from "./sqlite_types.ts";

/**
 * The `t.*` type each declared type text reads as, before the check that `sqliteType` writes
 * it back. Where retort writes several types the same way, one is the canonical reading:
 * `DATETIME` is `t.timestamp()` (not `{ tz: true }`), `TIME` is `t.time()`, `JSON` is
 * `t.json()` (not `t.jsonb()`), `CHAR(32)` is `t.char(32)` (not `t.uuid()`), and an enum's
 * `VARCHAR(n)` is `t.varchar(n)` (its CHECK comes back as a table check).
 */
const readings: Record<string, (size: readonly number[]) => ColumnType | undefined> = {
  INTEGER: (s) => s.length ? undefined : t.integer(),
  SMALLINT: (s) => s.length ? undefined : t.smallint(),
  BIGINT: (s) => s.length ? undefined : t.bigint(),
  BOOLEAN: (s) => s.length ? undefined : t.boolean(),
  TEXT: (s) => s.length ? undefined : t.text(),
  REAL: (s) => s.length ? undefined : t.real(),
  DOUBLE: (s) => s.length ? undefined : t.double(),
  DATE: (s) => s.length ? undefined : t.date(),
  TIME: (s) => s.length ? undefined : t.time(),
  DATETIME: (s) => s.length ? undefined : t.timestamp(),
  JSON: (s) => s.length ? undefined : t.json(),
  BLOB: (s) => s.length ? undefined : t.bytes(),
  VARCHAR: (s) => s.length > 1 ? undefined : t.varchar(s[0]),
  CHAR: (s) => s.length > 1 ? undefined : t.char(s[0]),
  NUMERIC: (s) => s.length > 2 ? undefined : t.numeric(s[0], s[1]),
};

/** Upper case, single spaces, none around parentheses and commas. */
function normalised(text: string): string {
  return text.trim().toUpperCase().replace(/\s+/g, " ").replace(/ ?([(),]) ?/g, "$1");
}

/**
 * The `t.*` type of a column declared with type text `declared` (as written in its CREATE
 * TABLE), when `sqliteType` writes that type back as the same text (ignoring case and the
 * spacing around parentheses and commas); otherwise `t.raw(declared)`, so a reflected table
 * is written back exactly as it was. `INT` stays raw: `INT PRIMARY KEY` is not a rowid alias
 * as `INTEGER PRIMARY KEY` is, so reading it as `t.integer()` would change the table.
 *
 * @example
 * ```ts
 * sqliteTypeFromDeclared("varchar ( 255 )"); // t.varchar(255)
 * sqliteTypeFromDeclared("INT"); // t.raw("INT")
 * sqliteTypeFromDeclared(""); // t.raw("")
 * ```
 */
export function sqliteTypeFromDeclared(declared: string): ColumnType {
  const text = normalised(declared);
  const match = /^([A-Z]+)(?:\((\d+)(?:,(\d+))?\))?$/.exec(text);
  const size = match ? [match[2], match[3]].filter((n) => n !== undefined).map(Number) : [];
  const type = match ? readings[match[1]]?.(size) : undefined;
  return type && normalised(sqliteType(type)) === text ? type : t.raw(declared);
}
