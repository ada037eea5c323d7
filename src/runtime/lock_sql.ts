import type { Dialect } from "../dialect/dialect.ts";

/**
 * The database server's own clock, in milliseconds since the epoch, as an SQL expression.
 * Leases are written and compared with this clock only, so a client whose clock runs ahead
 * or behind neither expires a live lease nor keeps a dead one alive.
 *
 * @example
 * ```ts
 * await session.execute(`UPDATE t SET renewed_at = ${serverNowMs(dialect)} WHERE id = 1`);
 * ```
 */
export function serverNowMs(dialect: Dialect): string {
  switch (dialect.name) {
    case "postgres":
      // clock_timestamp(), not now(): inside a transaction now() stays at its start.
      return "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
    case "mysql":
      // Whole seconds: UNIX_TIMESTAMP() with no argument does not depend on the session's
      // time zone (with one, an hour repeats when daylight saving time ends).
      return "(UNIX_TIMESTAMP() * 1000)";
    case "sqlite":
      return "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
  }
}

/**
 * The names of the two MySQL user-level locks (`GET_LOCK`) that go with a lock table: the
 * run's heartbeat connection holds `live` for as long as the run lives (the server frees it
 * the moment that connection dies), and its working connection holds `work` (freed only once
 * a statement the run left executing on the server has ended). Lock names are server-wide,
 * so they carry the database; SHA1 keeps them under MySQL's 64 characters.
 */
export function mysqlLockNames(
  dialect: Dialect,
  lockTable: string,
  schema?: string,
): { live: string; work: string } {
  const database = schema === undefined ? "COALESCE(DATABASE(), '')" : dialect.literal(schema);
  const key = `SHA1(CONCAT(${database}, '.', ${dialect.literal(lockTable)}))`;
  return { live: `CONCAT('retort:', ${key})`, work: `CONCAT('retort-work:', ${key})` };
}
