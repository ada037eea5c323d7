import type { Dialect } from "./dialect.ts";
import { MysqlDialect } from "./mysql/mysql_dialect.ts";
import { PostgresDialect } from "./postgres/postgres_dialect.ts";
import { SqliteDialect } from "./sqlite/sqlite_dialect.ts";

/**
 * The dialect of a database kind. MariaDB uses the MySQL dialect.
 *
 * @example
 * ```ts
 * dialectFor("postgres").quoteIdentifier("user"); // '"user"'
 * ```
 */
export function dialectFor(kind: Dialect["name"]): Dialect {
  switch (kind) {
    case "sqlite":
      return new SqliteDialect();
    case "postgres":
      return new PostgresDialect();
    case "mysql":
      return new MysqlDialect();
    default:
      throw new TypeError(`no dialect for ${String(kind)}; expected sqlite, postgres or mysql`);
  }
}
