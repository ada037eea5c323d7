import type { ColumnType } from "../../schema/column_type.ts";
import { t } from "../../schema/types.ts";

/** Integer types at the display width MariaDB (and MySQL before 8.0.19) gives the plain type. */
const integers: Record<string, ColumnType> = {
  "int": t.integer(),
  "int(11)": t.integer(),
  "smallint": t.smallint(),
  "smallint(6)": t.smallint(),
  "bigint": t.bigint(),
  "bigint(20)": t.bigint(),
  "tinyint(1)": t.boolean(),
};

/** Types with no size that `mysqlType` writes under the same name. */
const plain: Record<string, ColumnType> = {
  float: t.real(),
  double: t.double(),
  date: t.date(),
  text: t.text(),
  blob: t.bytes(),
  json: t.json(),
};

/**
 * The `t.*` type of a column from its `information_schema.COLUMNS.COLUMN_TYPE`, when
 * `mysqlType` writes that type back to the same `COLUMN_TYPE` (modulo the integer display
 * widths MariaDB adds); `t.raw(COLUMN_TYPE)` otherwise (unsigned, zerofill, other display
 * widths, mediumint, longtext, set, bit, year, binary...). `CHAR(36)` stays `t.char(36)`.
 * MariaDB's JSON (a `longtext` with a `json_valid` check) is recognised by the caller.
 *
 * @example
 * ```ts
 * mysqlColumnType("int(11)");              // t.integer()
 * mysqlColumnType("datetime(3)");          // t.timestamp({ precision: 3 })
 * mysqlColumnType("enum('a','it''s')");    // t.enum(["a", "it's"])
 * mysqlColumnType("int(10) unsigned");     // t.raw("int(10) unsigned")
 * ```
 */
export function mysqlColumnType(columnType: string): ColumnType {
  const text = columnType.trim();
  const lower = text.toLowerCase();
  const fixed = integers[lower] ?? plain[lower];
  if (fixed) return fixed;
  let m = /^(varchar|char)\((\d+)\)$/.exec(lower);
  if (m) return m[1] === "varchar" ? t.varchar(Number(m[2])) : t.char(Number(m[2]));
  m = /^decimal\((\d+),(\d+)\)$/.exec(lower);
  if (m) return t.numeric(Number(m[1]), Number(m[2]));
  m = /^(time|datetime|timestamp)(?:\((\d+)\))?$/.exec(lower);
  if (m) {
    const precision = m[2] === undefined ? {} : { precision: Number(m[2]) };
    return m[1] === "time"
      ? t.time(precision)
      : t.timestamp({ tz: m[1] === "timestamp", ...precision });
  }
  if (/^enum\(/.test(lower) && text.endsWith(")")) {
    const values = enumValues(text.slice(5, -1));
    if (values) return t.enum(values);
  }
  return t.raw(text);
}

/** What a backslash escape in a MySQL string literal stands for. */
const unescaped: Record<string, string> = {
  "0": "\0",
  "b": "\b",
  "n": "\n",
  "r": "\r",
  "t": "\t",
  "Z": "\x1a",
};

/**
 * The values of `'a','it''s','b\\c'` (the inside of `enum(...)` as the catalog writes it),
 * with doubled quotes and backslash escapes decoded; undefined when the text is not a list
 * of quoted strings.
 *
 * @example
 * ```ts
 * enumValues("'a','it''s'"); // ["a", "it's"]
 * ```
 */
export function enumValues(list: string): string[] | undefined {
  const values: string[] = [];
  let i = 0;
  while (i < list.length) {
    if (list[i] !== "'") return undefined;
    let value = "";
    i++;
    for (;;) {
      if (i >= list.length) return undefined;
      const c = list[i];
      if (c === "\\" && i + 1 < list.length) {
        value += unescaped[list[i + 1]] ?? list[i + 1];
        i += 2;
      } else if (c === "'" && list[i + 1] === "'") {
        value += "'";
        i += 2;
      } else if (c === "'") {
        i++;
        break;
      } else {
        value += c;
        i++;
      }
    }
    values.push(value);
    if (i < list.length) {
      if (list[i] !== ",") return undefined;
      i++;
    }
  }
  return values;
}
