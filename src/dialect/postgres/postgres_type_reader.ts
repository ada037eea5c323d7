import type { ColumnType } from "../../schema/column_type.ts";
import { t } from "../../schema/types.ts";

/** Built-in types whose `format_type` text is the whole story. */
const plain: Readonly<Record<string, () => ColumnType>> = {
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
};

/**
 * The `t.*` type of a built-in PostgreSQL type, from the text `format_type(atttypid,
 * atttypmod)` gives for it: a `t.*` type only where `postgresType` writes that type back to
 * the same catalog entry, else `t.raw(<the text as given>)` (arrays, `interval`, `bpchar`
 * without a length, extension types...). Types outside `pg_catalog` (enums, domains, user
 * types) are the caller's: pass `builtin: false` and they come back raw.
 *
 * PostgreSQL cannot tell `CHAR` from `CHAR(1)` nor `NUMERIC(p)` from `NUMERIC(p, 0)`: they
 * read back as `t.char(1)` and `t.numeric(p, 0)`.
 *
 * @example
 * ```ts
 * postgresColumnType("character varying(255)"); // t.varchar(255)
 * postgresColumnType("timestamp(3) with time zone"); // t.timestamp({ tz: true, precision: 3 })
 * postgresColumnType("integer[]"); // t.raw("integer[]")
 * ```
 */
export function postgresColumnType(formatted: string, builtin = true): ColumnType {
  if (!builtin) return t.raw(formatted);
  const simple = plain[formatted];
  if (simple) return simple();
  let m = /^character varying(?:\((\d+)\))?$/.exec(formatted);
  if (m) return t.varchar(m[1] === undefined ? undefined : Number(m[1]));
  m = /^character\((\d+)\)$/.exec(formatted);
  if (m) return t.char(Number(m[1]));
  m = /^numeric(?:\((\d+),(-?\d+)\))?$/.exec(formatted);
  if (m) return m[1] === undefined ? t.numeric() : t.numeric(Number(m[1]), Number(m[2]));
  m = /^(time|timestamp)(?:\((\d+)\))? (with|without) time zone$/.exec(formatted);
  if (m) {
    const options = {
      tz: m[3] === "with",
      ...(m[2] === undefined ? {} : { precision: Number(m[2]) }),
    };
    return m[1] === "time" ? t.time(options) : t.timestamp(options);
  }
  return t.raw(formatted);
}
