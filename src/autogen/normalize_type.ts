import type { Dialect } from "../dialect/dialect.ts";

type DialectName = Dialect["name"];

/**
 * The canonical text of an SQL type as `dialect` stores it, so that two spellings of one
 * type compare equal: lower case outside quotes, single spaces, none around parentheses and
 * commas, and each database's synonyms as one name.
 *
 * - PostgreSQL: `int4`/`int`/`serial` → `integer`, `int2` → `smallint`, `int8`/`bigserial` →
 *   `bigint`, `bool` → `boolean`, `float4` → `real`, `float8`/`float` → `double precision`,
 *   `varchar(n)` → `character varying(n)`, `char(n)`/`bpchar(n)` → `character(n)` (`char`
 *   alone is `character(1)`), `decimal` → `numeric`, `numeric(p)` → `numeric(p,0)`,
 *   `timestamp with time zone` → `timestamptz`, `timestamp without time zone` → `timestamp`
 *   (the same for `time`), `"name"` → `name` when PostgreSQL would fold it so, and each of
 *   these as an array element (`int4[]` → `integer[]`).
 * - MySQL/MariaDB: integer display widths dropped (`int(11)` → `int`) except `tinyint(1)`,
 *   which is what `bool`/`boolean` are; `integer` → `int`; `numeric`/`dec`/`fixed` →
 *   `decimal`, `decimal` → `decimal(10,0)`, `decimal(p)` → `decimal(p,0)`; `real`/`double
 *   precision` → `double`; `float(p)` → `float` or `double` by p; `char` → `char(1)`;
 *   `datetime(0)`/`timestamp(0)`/`time(0)` without the zero; `year(4)` → `year`; a
 *   `CHARACTER SET`/`COLLATE` suffix dropped (collations are not compared).
 * - SQLite keeps a type as it was written: only case and spacing are normalised.
 *
 * @example
 * ```ts
 * canonicalType("CHARACTER VARYING ( 255 )", "postgres"); // "character varying(255)"
 * canonicalType("int(11)", "mysql");                       // "int"
 * canonicalType("BOOL", "mysql");                          // "tinyint(1)"
 * ```
 */
export function canonicalType(text: string, dialect: DialectName): string {
  const spaced = normaliseSpacing(text, dialect);
  if (dialect === "postgres") return postgresType(spaced);
  if (dialect === "mysql") return mysqlType(spaced);
  return spaced;
}

/** Lower case and single spaces outside quotes; no spaces around `(`, `)`, `,` and `[]`. */
function normaliseSpacing(text: string, dialect: DialectName): string {
  let out = "";
  let space = false;
  const emit = (piece: string) => {
    const last = out[out.length - 1];
    if (space && out !== "" && !"(,[".includes(last) && !"(),[]".includes(piece[0])) out += " ";
    space = false;
    out += piece;
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === "'" || c === '"' || c === "`") {
      let j = i + 1;
      while (j < n) {
        if (text[j] === "\\" && c === "'" && dialect === "mysql") j += 2;
        else if (text[j] === c && text[j + 1] === c) j += 2;
        else if (text[j] === c) break;
        else j++;
      }
      const quoted = text.slice(i, j + 1);
      // PostgreSQL folds unquoted names to lower case: "name" is name.
      emit(
        c === '"' && dialect === "postgres" && /^"[a-z_][a-z0-9_$]*"$/.test(quoted)
          ? quoted.slice(1, -1)
          : quoted,
      );
      i = j + 1;
      continue;
    }
    if (/\s/.test(c)) space = true;
    else emit(c.toLowerCase());
    i++;
  }
  return out;
}

/** The name, the text in its first parentheses, and what follows them. */
interface TypeParts {
  readonly base: string;
  readonly args?: string;
}

/** `base words(args) more words` → base `base words more words`, args `args`. */
function parts(text: string): TypeParts {
  const m = /^([^(]*)\(([^()]*)\)(.*)$/.exec(text);
  if (!m) return { base: text };
  return { base: `${m[1]} ${m[3]}`.trim().replace(/\s+/g, " "), args: m[2] };
}

const postgresNames: Readonly<Record<string, string>> = {
  int: "integer",
  int4: "integer",
  integer: "integer",
  serial: "integer",
  serial4: "integer",
  int2: "smallint",
  smallint: "smallint",
  smallserial: "smallint",
  serial2: "smallint",
  int8: "bigint",
  bigint: "bigint",
  bigserial: "bigint",
  serial8: "bigint",
  bool: "boolean",
  boolean: "boolean",
  float4: "real",
  real: "real",
  float8: "double precision",
  "double precision": "double precision",
  varchar: "character varying",
  "character varying": "character varying",
  decimal: "numeric",
  numeric: "numeric",
  timestamp: "timestamp",
  "timestamp without time zone": "timestamp",
  timestamptz: "timestamptz",
  "timestamp with time zone": "timestamptz",
  time: "time",
  "time without time zone": "time",
  timetz: "timetz",
  "time with time zone": "timetz",
  varbit: "bit varying",
  "bit varying": "bit varying",
};

function postgresType(text: string): string {
  let dims = 0;
  let element = text;
  while (element.endsWith("[]")) {
    element = element.slice(0, -2);
    dims++;
  }
  const m = /^(.*?)\[\d*\]$/.exec(element);
  if (m) {
    element = m[1];
    dims++;
  }
  return postgresElement(element) + "[]".repeat(dims);
}

function postgresElement(text: string): string {
  const { base, args } = parts(text);
  const withArgs = (name: string, a = args) => (a === undefined ? name : `${name}(${a})`);
  switch (base) {
    case "char":
    case "character":
      return `character(${args ?? "1"})`;
    case "bpchar":
      return withArgs(args === undefined ? "bpchar" : "character");
    case "float":
      if (args === undefined) return "double precision";
      return Number(args) <= 24 ? "real" : "double precision";
    case "bit":
      return `bit(${args ?? "1"})`;
    case "decimal":
    case "numeric":
      return withArgs("numeric", args !== undefined && !args.includes(",") ? `${args},0` : args);
  }
  const name = postgresNames[base];
  return name === undefined ? text : withArgs(name);
}

const mysqlIntegers: Readonly<Record<string, string>> = {
  tinyint: "tinyint",
  int1: "tinyint",
  smallint: "smallint",
  int2: "smallint",
  mediumint: "mediumint",
  middleint: "mediumint",
  int3: "mediumint",
  int: "int",
  integer: "int",
  int4: "int",
  bigint: "bigint",
  int8: "bigint",
};

function mysqlType(text: string): string {
  const plain = text.replace(/ (?:character set|charset) [\w]+| collate [\w]+/g, "").trim();
  const { base: fullBase, args } = parts(plain);
  const words = fullBase.split(" ");
  const attributes = words.slice(1).filter((w) => ["unsigned", "signed", "zerofill"].includes(w));
  const head = words.filter((w) => !attributes.includes(w)).join(" ");
  const suffix = attributes.filter((w) => w !== "signed").map((w) => ` ${w}`).join("");
  const withArgs = (name: string, a = args) => (a === undefined ? name : `${name}(${a})`);
  if (head === "bool" || head === "boolean") return `tinyint(1)${suffix}`;
  const integer = mysqlIntegers[head];
  if (integer !== undefined) {
    const keep = suffix.includes("zerofill") || (integer === "tinyint" && args === "1");
    return `${keep ? withArgs(integer) : integer}${suffix}`;
  }
  switch (head) {
    case "decimal":
    case "numeric":
    case "dec":
    case "fixed":
      return `decimal(${
        args === undefined ? "10,0" : args.includes(",") ? args : `${args},0`
      })${suffix}`;
    case "real":
    case "double":
    case "double precision":
      return `${withArgs("double")}${suffix}`;
    case "float":
      if (args !== undefined && !args.includes(",")) {
        return `${Number(args) <= 24 ? "float" : "double"}${suffix}`;
      }
      return `${withArgs("float")}${suffix}`;
    case "char":
    case "character":
      return `char(${args ?? "1"})`;
    case "varchar":
    case "character varying":
      return withArgs("varchar");
    case "datetime":
    case "timestamp":
    case "time":
      return args === undefined || args === "0" ? head : `${head}(${args})`;
    case "year":
      return "year";
    case "bit":
      return `bit(${args ?? "1"})`;
  }
  return plain;
}
