import type { DatabaseTarget } from "../config/database_url.ts";
import type { Connection } from "./connection.ts";

/** Options every driver understands. */
export interface ConnectOptions {
  readonly lockTimeoutMs?: number;
  /** The command only reads: don't create a database that does not exist. */
  readonly readOnly?: boolean;
}

/**
 * Opens a connection to the database a URL named. Drivers load on first use, so commands
 * that never touch a database start without them.
 */
export async function connect(
  target: DatabaseTarget,
  options: ConnectOptions = {},
): Promise<Connection> {
  switch (target.kind) {
    case "sqlite": {
      const { openSqliteFile } = await import("./sqlite_file_connection.ts");
      return openSqliteFile(target.path, {
        busyTimeoutMs: options.lockTimeoutMs,
        readOnly: options.readOnly,
      });
    }
    case "libsql": {
      const { openLibsql } = await import("./libsql_remote_connection.ts");
      return openLibsql(target.url);
    }
    case "postgres": {
      const { openPostgres } = await import("./postgres_connection.ts");
      return openPostgres(target.url);
    }
    case "mysql": {
      const { openMysql } = await import("./mysql_connection.ts");
      return openMysql(target.url);
    }
  }
}
