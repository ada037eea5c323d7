import type { Column, Computed } from "../../schema/column.ts";
import type { SqlFragment } from "../../schema/sql_fragment.ts";
import { sql } from "../../schema/sql_fragment.ts";
import { t } from "../../schema/types.ts";
import type { MysqlServerVersion } from "./mysql_server_version.ts";
import { mysqlColumnType } from "./mysql_type_reader.ts";

/** One row of `information_schema.COLUMNS`, as the introspector selects it. */
export interface MysqlColumnRow {
  readonly name: string;
  readonly columnType: string;
  /** `DATA_TYPE`: the type's name alone (`int`, `varchar`, `longtext`). */
  readonly dataType: string;
  readonly nullable: boolean;
  /** `COLUMN_DEFAULT` as the server gives it (null: none). */
  readonly columnDefault: string | null;
  /** `EXTRA`: `auto_increment`, `on update ...`, `VIRTUAL GENERATED`, `DEFAULT_GENERATED`... */
  readonly extra: string;
  readonly generationExpression: string | null;
  readonly collation: string | null;
  readonly comment: string;
}

/** What the rest of the table says about a column. */
export interface ColumnContext {
  readonly server: MysqlServerVersion;
  /** The table's collation: a column's own collation is kept only when it differs. */
  readonly tableCollation?: string;
  /** MariaDB's JSON: a `longtext` column with its `json_valid` check. */
  readonly json: boolean;
}

const numericTypes = new Set([
  "tinyint",
  "smallint",
  "mediumint",
  "int",
  "integer",
  "bigint",
  "decimal",
  "numeric",
  "float",
  "double",
  "real",
  "year",
]);

/**
 * A column of the model from its catalog row: type, nullability (always set), server default
 * as the server's own SQL, AUTO_INCREMENT, ON UPDATE, generated expression, collation (when it
 * is not the table's) and comment.
 *
 * @example
 * ```ts
 * mysqlColumn({ name: "n", columnType: "int(11)", dataType: "int", nullable: true,
 *   columnDefault: "5", extra: "", generationExpression: null, collation: null, comment: "" },
 *   { server, json: false });
 * // { name: "n", type: t.integer(), nullable: true, serverDefault: sql`5` }
 * ```
 */
export function mysqlColumn(row: MysqlColumnRow, context: ColumnContext): Column {
  const extra = row.extra.toLowerCase();
  const autoincrement = /\bauto_increment\b/.test(extra);
  const computed = generated(row);
  const serverDefault = autoincrement || computed
    ? undefined
    : mysqlServerDefault(row, context.server);
  const onUpdate = onUpdateOf(row);
  const collation = !context.json && row.collation !== null &&
      row.collation !== context.tableCollation
    ? row.collation
    : undefined;
  return {
    name: row.name,
    type: context.json ? t.json() : mysqlColumnType(row.columnType),
    nullable: row.nullable,
    ...(serverDefault === undefined ? {} : { serverDefault }),
    ...(autoincrement ? { autoincrement: true } : {}),
    ...(row.comment === "" ? {} : { comment: row.comment }),
    ...(collation === undefined ? {} : { collation }),
    ...(computed === undefined ? {} : { computed }),
    ...(onUpdate === undefined ? {} : { onUpdate }),
  };
}

/**
 * The column's default as SQL the server accepts back in `DEFAULT ...`.
 *
 * MariaDB (10.2.7+) gives it as SQL already: `'it''s'` for a string, `5`, `current_timestamp()`,
 * `(1 + 2)`, and the text `NULL` for the NULL default, which is no default here.
 * MySQL gives a literal's value unquoted (`it's`, `5`) and an expression without its
 * parentheses, flagged `DEFAULT_GENERATED` in EXTRA: strings and dates are quoted back,
 * numbers, `b'...'` bits and `CURRENT_TIMESTAMP` are kept, expressions are parenthesised.
 *
 * @example
 * ```ts
 * mysqlServerDefault({ ...row, columnDefault: "'abc'" }, mariadb);                 // sql`'abc'`
 * mysqlServerDefault({ ...row, dataType: "varchar", columnDefault: "abc" }, mysql8); // sql`'abc'`
 * ```
 */
export function mysqlServerDefault(
  row: Pick<MysqlColumnRow, "columnDefault" | "dataType" | "extra" | "columnType">,
  server: MysqlServerVersion,
): SqlFragment | undefined {
  const text = row.columnDefault;
  if (text === null) return undefined;
  if (server.mariadb) return text === "NULL" ? undefined : sql(text);
  const dataType = row.dataType.toLowerCase();
  if (
    /^current_timestamp(\(\d*\))?$/i.test(text) &&
    (dataType === "timestamp" || dataType === "datetime")
  ) {
    return sql(text);
  }
  if (/\bDEFAULT_GENERATED\b/i.test(row.extra)) return sql(`(${text.replaceAll("\\'", "'")})`);
  if (numericTypes.has(dataType)) return sql(text);
  if (dataType === "bit" && /^b'[01]*'$/i.test(text)) return sql(text);
  return sql(`'${text.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`);
}

/** `ON UPDATE current_timestamp(...)` from EXTRA, with the precision MySQL may leave out. */
function onUpdateOf(row: MysqlColumnRow): SqlFragment | undefined {
  const m = /\bon update (current_timestamp(?:\(\d*\))?)/i.exec(row.extra);
  if (!m) return undefined;
  const precision = /\((\d+)\)/.exec(row.columnType);
  return sql(!m[1].includes("(") && precision ? `${m[1]}(${precision[1]})` : m[1]);
}

/** `VIRTUAL GENERATED` / `STORED GENERATED` (MariaDB's `PERSISTENT` too) with the expression. */
function generated(row: MysqlColumnRow): Computed | undefined {
  const m = /\b(virtual|stored|persistent) generated\b/i.exec(row.extra);
  if (!m || row.generationExpression === null) return undefined;
  return { sql: row.generationExpression, stored: m[1].toLowerCase() !== "virtual" };
}
