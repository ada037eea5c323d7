import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { createClient } from "@libsql/client";
import type { Client, InArgs, InValue, ResultSet, Transaction } from "@libsql/client";
import { RetortError } from "../errors.ts";
import type { Connection, Row, Session } from "./connection.ts";
import { DatabaseError } from "./database_error.ts";

/** How to open a SQLite file. */
export interface SqliteOptions {
  /** Milliseconds to wait for another writer before failing. */
  readonly busyTimeoutMs?: number;
  /**
   * For commands that only read: a file that does not exist yet is read as an empty
   * database instead of being created.
   */
  readonly readOnly?: boolean;
}

/** Opens a local SQLite database file (or `:memory:`) through `@libsql/client`. */
export async function openSqlite(path: string, options: SqliteOptions = {}): Promise<Connection> {
  let url = ":memory:";
  if (path !== ":memory:") {
    if (!existsSync(dirname(path))) {
      throw new RetortError(
        "DATABASE_UNREACHABLE",
        `cannot open SQLite database ${path}: folder ${
          dirname(path)
        } does not exist; create it or fix the URL`,
      );
    }
    if (existsSync(path) || !options.readOnly) url = `file:${path}`;
  }
  // One connection: a pragma set between transactions (foreign_keys) must hold for the next.
  const client = createClient({
    url,
    concurrency: 1,
    timeout: Math.floor(options.busyTimeoutMs ?? 60_000),
  });
  const connection = new SqliteConnection(client);
  return connection;
}

/** Opens a remote libSQL database (`libsql://`, `http(s)://`) through the pure-JS web client. */
export async function openLibsql(url: string): Promise<Connection> {
  const { createClient: createWebClient } = await import("@libsql/client/web");
  const parsed = new URL(url);
  const authToken = parsed.searchParams.get("authToken") ?? undefined;
  parsed.searchParams.delete("authToken");
  const connection = new SqliteConnection(createWebClient({ url: parsed.href, authToken }));
  try {
    await connection.query("SELECT 1");
  } catch (error) {
    await connection.close();
    throw new RetortError(
      "DATABASE_UNREACHABLE",
      `cannot reach libSQL server ${parsed.origin}: ${
        (error as Error).message
      }; check the URL and authToken`,
    );
  }
  return connection;
}

class SqliteConnection implements Connection {
  readonly kind = "sqlite" as const;

  constructor(private readonly client: Client) {}

  query(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return run(this.client, sql, params).then(toRows);
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<number> {
    return (await run(this.client, sql, params)).rowsAffected;
  }

  async transaction<T>(work: (tx: Session) => Promise<T>): Promise<T> {
    let tx: Transaction;
    try {
      tx = await this.client.transaction("write");
    } catch (error) {
      throw new DatabaseError("BEGIN IMMEDIATE", error);
    }
    const session: Session = {
      query: (sql, params) => run(tx, sql, params).then(toRows),
      execute: async (sql, params) => (await run(tx, sql, params)).rowsAffected,
    };
    try {
      const result = await work(session);
      await tx.commit();
      return result;
    } catch (error) {
      await tx.rollback().catch(() => {});
      throw error;
    } finally {
      tx.close();
    }
  }

  close(): Promise<void> {
    this.client.close();
    return Promise.resolve();
  }
}

async function run(
  target: Client | Transaction,
  sql: string,
  params?: readonly unknown[],
): Promise<ResultSet> {
  try {
    return await target.execute(
      params?.length ? { sql, args: params as InValue[] as InArgs } : sql,
    );
  } catch (error) {
    throw new DatabaseError(sql, error);
  }
}

function toRows(result: ResultSet): Row[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]])));
}
