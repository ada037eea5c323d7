// Throwaway databases for integration tests: a fresh PostgreSQL or MariaDB database (or a
// SQLite file) per test file, dropped afterwards. A server that cannot be reached skips the
// tests with a visible reason, unless RETORT_REQUIRE_DATABASES=1 (CI), where it fails them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { parseDatabaseUrl } from "../../src/config/database_url.ts";
import { connect } from "../../src/driver/connect.ts";
import type { Connection } from "../../src/driver/connection.ts";

export type DatabaseKind = "sqlite" | "postgres" | "mysql";

/** A database that exists only for one test file. */
export interface ThrowawayDatabase {
  readonly kind: DatabaseKind;
  /** Its URL, as a user would put it in retort.json. */
  readonly url: string;
  /** Opens a connection to it. */
  connect(): Promise<Connection>;
  /** Drops it. */
  drop(): Promise<void>;
}

/** The server URLs the tests use. */
export const serverUrls = {
  postgres: process.env.RETORT_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  mysql: process.env.RETORT_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test",
};

const required = process.env.RETORT_REQUIRE_DATABASES === "1";

/**
 * A fresh database of `kind`, or a skip reason when its server cannot be reached (and
 * RETORT_REQUIRE_DATABASES is not set). Use as `describe(name, { skip: db.skip }, ...)`.
 */
export async function throwawayDatabase(
  kind: DatabaseKind,
): Promise<{ db: ThrowawayDatabase; skip: false } | { db: undefined; skip: string }> {
  try {
    return { db: await create(kind), skip: false };
  } catch (error) {
    const reason = `${kind} is not reachable (${(error as Error).message.split("\n")[0]})`;
    if (required) throw new Error(`RETORT_REQUIRE_DATABASES=1 but ${reason}`);
    console.warn(`skipping ${kind} tests: ${reason}`);
    return { db: undefined, skip: reason };
  }
}

async function create(kind: DatabaseKind): Promise<ThrowawayDatabase> {
  const name = `retort_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "retort-it-"));
    const url = `sqlite:///${join(dir, `${name}.db`)}`; // four slashes: an absolute path
    return {
      kind,
      url,
      connect: () => connect(parseDatabaseUrl(url, dir)),
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const server = serverUrls[kind];
  const admin = await connect(parseDatabaseUrl(server, process.cwd()));
  const quote = kind === "mysql" ? "`" : '"';
  try {
    await admin.execute(`CREATE DATABASE ${quote}${name}${quote}`);
  } finally {
    await admin.close();
  }
  const parsed = new URL(server);
  parsed.pathname = `/${name}`;
  const url = parsed.href;
  return {
    kind,
    url,
    connect: () => connect(parseDatabaseUrl(url, process.cwd())),
    drop: async () => {
      const again = await connect(parseDatabaseUrl(server, process.cwd()));
      try {
        const force = kind === "postgres" ? " WITH (FORCE)" : "";
        await again.execute(`DROP DATABASE IF EXISTS ${quote}${name}${quote}${force}`);
      } finally {
        await again.close();
      }
    },
  };
}
