import postgres from "postgres";
import { redactUrl } from "../config/database_url.ts";
import { RetortError } from "../errors.ts";
import type { Connection, Row, Session } from "./connection.ts";
import { DatabaseError } from "./database_error.ts";

type Sql = postgres.Sql | postgres.TransactionSql;

/** Opens one PostgreSQL connection through postgres.js, and checks it works. */
export async function openPostgres(url: string): Promise<Connection> {
  const sql = postgres(url, {
    max: 1,
    onnotice: () => {},
    connect_timeout: 10,
    idle_timeout: 0,
    prepare: false,
  });
  try {
    await sql.unsafe("SELECT 1");
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => {});
    throw new RetortError(
      "DATABASE_UNREACHABLE",
      `cannot connect to ${redactUrl(url)}: ${
        firstLine(error)
      }; is the server running and the URL right?`,
    );
  }
  return new PostgresConnection(sql);
}

class PostgresConnection implements Connection {
  readonly kind = "postgres" as const;

  constructor(private readonly sql: postgres.Sql) {}

  query(text: string, params?: readonly unknown[]): Promise<Row[]> {
    return query(this.sql, text, params);
  }

  execute(text: string, params?: readonly unknown[]): Promise<number> {
    return execute(this.sql, text, params);
  }

  async transaction<T>(work: (tx: Session) => Promise<T>): Promise<T> {
    return await this.sql.begin((tx) =>
      work({
        query: (text, params) => query(tx, text, params),
        execute: (text, params) => execute(tx, text, params),
      })
    ) as T;
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}

async function run(sql: Sql, text: string, params?: readonly unknown[]) {
  try {
    return await sql.unsafe(text, (params ?? []) as postgres.ParameterOrJSON<never>[]);
  } catch (error) {
    throw new DatabaseError(text, error);
  }
}

async function query(sql: Sql, text: string, params?: readonly unknown[]): Promise<Row[]> {
  return [...(await run(sql, text, params))] as Row[];
}

async function execute(sql: Sql, text: string, params?: readonly unknown[]): Promise<number> {
  return (await run(sql, text, params)).count ?? 0;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0];
}
