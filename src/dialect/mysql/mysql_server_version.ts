/** Which server an introspector talks to: MariaDB or MySQL, and its version. */
export interface MysqlServerVersion {
  readonly mariadb: boolean;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/**
 * The server behind `SELECT VERSION()`: `10.11.19-MariaDB-0+deb12u1` is MariaDB 10.11.19,
 * `8.0.36` is MySQL 8.0.36.
 *
 * @example
 * ```ts
 * mysqlServerVersion("8.0.36").mariadb;              // false
 * atLeast(mysqlServerVersion("8.0.36"), 8, 0, 13); // true
 * ```
 */
export function mysqlServerVersion(version: string): MysqlServerVersion {
  const [major = 0, minor = 0, patch = 0] = (/^(\d+)\.(\d+)\.(\d+)/.exec(version) ?? [])
    .slice(1)
    .map(Number);
  return { mariadb: /mariadb/i.test(version), major, minor, patch };
}

/** True when the server's version is `major.minor.patch` or later. */
export function atLeast(
  server: MysqlServerVersion,
  major: number,
  minor = 0,
  patch = 0,
): boolean {
  if (server.major !== major) return server.major > major;
  if (server.minor !== minor) return server.minor > minor;
  return server.patch >= patch;
}
