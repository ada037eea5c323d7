import type { Dialect } from "../dialect/dialect.ts";
import type { ServerDefault } from "../schema/column.ts";
import type { ColumnType } from "../schema/column_type.ts";
import { isSqlFragment } from "../schema/sql_fragment.ts";
import type { SqlToken } from "./normalize_sql.ts";
import { canonicalSql, sameTokens } from "./normalize_sql.ts";

/**
 * A server default as canonical tokens: a declared literal as the SQL `dialect` writes for it,
 * raw SQL and what the database gives back, all through `canonicalSql` (so a string is its
 * value, a number its canonical text, `true`/`false` 1/0).
 * `NULL` (which PostgreSQL and SQLite keep when it is written) is no default: an empty list.
 *
 * @example
 * ```ts
 * canonicalDefault(sql`'it''s'::text`, postgres); // [{ kind: "string", value: "it's" }]
 * canonicalDefault("it's", postgres);             // the same
 * ```
 */
export function canonicalDefault(value: ServerDefault | undefined, dialect: Dialect): SqlToken[] {
  if (value === undefined) return [];
  const tokens = canonicalSql(
    isSqlFragment(value) ? value.sql : literal(value, dialect),
    dialect.name,
  );
  return tokens.length === 1 && tokens[0].kind === "word" && tokens[0].value === "null"
    ? []
    : tokens;
}

/**
 * True when a declared server default and the one the database gives back are the same
 * value: their canonical tokens match (a string and a number match when the string spells
 * the number; on a boolean column `'t'`, `'true'`, `'on'`... are 1 and `'f'`... 0), and for
 * JSON columns two string literals match when they hold the same JSON
 * (PostgreSQL's jsonb rewrites `{"a":1}` as `{"a": 1}`).
 *
 * @example
 * ```ts
 * sameDefault(1.5, sql`'1.50'::numeric`, t.numeric(10, 2), postgres); // true
 * ```
 */
export function sameDefault(
  declared: ServerDefault | undefined,
  reflected: ServerDefault | undefined,
  type: ColumnType,
  dialect: Dialect,
): boolean {
  let a = canonicalDefault(declared, dialect);
  let b = canonicalDefault(reflected, dialect);
  if (type.name === "boolean") [a, b] = [booleanWords(a), booleanWords(b)];
  if (sameTokens(a, b)) return true;
  if (
    (type.name === "json" || type.name === "jsonb") && a.length === 1 && b.length === 1 &&
    a[0].kind === "string" && b[0].kind === "string"
  ) {
    return sameJson(a[0].value, b[0].value);
  }
  return false;
}

const truthy = new Set(["t", "true", "y", "yes", "on", "1"]);
const falsy = new Set(["f", "false", "n", "no", "off", "0"]);

/** A boolean column's `'t'`, `'yes'`, `'off'`... as the 1 or 0 the database stores. */
function booleanWords(tokens: SqlToken[]): SqlToken[] {
  if (tokens.length !== 1 || tokens[0].kind !== "string") return tokens;
  const word = tokens[0].value.trim().toLowerCase();
  if (truthy.has(word)) return [{ kind: "number", value: "1" }];
  if (falsy.has(word)) return [{ kind: "number", value: "0" }];
  return tokens;
}

/** A literal default as `dialect` writes it (a string it cannot write, as a plain quoted one). */
function literal(value: string | number | boolean, dialect: Dialect): string {
  try {
    return dialect.literal(value);
  } catch {
    return typeof value === "string" ? `'${value.replaceAll("'", "''")}'` : String(value);
  }
}

function sameJson(a: string, b: string): boolean {
  try {
    return canonicalJson(JSON.parse(a)) === canonicalJson(JSON.parse(b));
  } catch {
    return false;
  }
}

/** JSON text with object keys sorted, so key order does not count (jsonb sorts them). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A server default as the SQL `dialect` writes it, for descriptions. */
export function defaultLabel(value: ServerDefault | undefined, dialect: Dialect): string {
  if (value === undefined) return "none";
  return isSqlFragment(value) ? value.sql : dialect.literal(value);
}

/** True for PostgreSQL's `nextval('seq'::regclass)`: a SERIAL column's default. */
export function isSequenceDefault(value: ServerDefault | undefined): boolean {
  return isSqlFragment(value) && /^\s*nextval\s*\(/i.test(value.sql);
}
