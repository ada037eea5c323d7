import type { Client, InArgs, InValue, ResultSet, Transaction } from "@libsql/client";
import { RetortError } from "../errors.ts";
import type { Connection, Row, Session } from "./connection.ts";
import { DatabaseError } from "./database_error.ts";

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
    const cause = error instanceof DatabaseError ? error.databaseMessage : String((error as Error).message);
    throw new RetortError(
      "DATABASE_UNREACHABLE",
      `cannot reach libSQL server ${parsed.protocol}//${parsed.host}: ${
        cause.split("\n")[0]
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
