import process from "node:process";
import { parseDatabaseUrl } from "../config/database_url.ts";
import { connect as openTarget } from "../driver/connect.ts";
import type { Connection } from "../driver/connection.ts";

/**
 * Opens a connection to a database URL (the forms `--url` takes), for handing to commands
 * with `{ connection }` and using afterwards: a test can migrate a `:memory:` SQLite
 * database and then query it. Close it when done.
 *
 * @example
 * ```ts
 * const db = await connect(":memory:");
 * await upgrade({ connection: db, scriptLocation: "./migrations" });
 * await db.query("SELECT * FROM users");
 * await db.close();
 * ```
 */
export function connect(
  url: string,
  options: { cwd?: string; lockTimeoutMs?: number } = {},
): Promise<Connection> {
  return openTarget(parseDatabaseUrl(url, options.cwd ?? process.cwd()), {
    lockTimeoutMs: options.lockTimeoutMs,
  });
}
