import type { Dialect } from "./dialect.ts";
import { SqliteDialect } from "./sqlite/sqlite_dialect.ts";

/** The dialect of a database kind. */
export function dialectFor(kind: Dialect["name"]): Dialect {
  switch (kind) {
    case "sqlite":
      return new SqliteDialect();
    default:
      throw new Error(`no dialect for ${kind} yet`);
  }
}
