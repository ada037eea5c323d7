import mysql from "mysql2/promise";
import { redactUrl } from "../config/database_url.ts";
import { RetortError } from "../errors.ts";
import type { Connection, Row, Session } from "./connection.ts";
import { DatabaseError } from "./database_error.ts";

/** Opens one MySQL or MariaDB connection through mysql2, and checks it works. */
export async function openMysql(url: string): Promise<Connection> {
  const uri = url.replace(/^mariadb:/i, "mysql:");
  try {
    const connection = await mysql.createConnection({
      uri,
      multipleStatements: false,
      supportBigNumbers: true,
      dateStrings: true,
      connectTimeout: 10_000,
    });
    return new MysqlConnection(connection);
  } catch (error) {
    throw new RetortError(
      "DATABASE_UNREACHABLE",
      `cannot connect to ${redactUrl(url)}: ${
        (error as Error).message
      }; is the server running and the URL right?`,
    );
  }
}

class MysqlConnection implements Connection {
  readonly kind = "mysql" as const;

  constructor(private readonly connection: mysql.Connection) {}

  query(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return run(this.connection, sql, params).then((
      result,
    ) => (Array.isArray(result) ? result as Row[] : []));
  }

  execute(sql: string, params?: readonly unknown[]): Promise<number> {
    return run(this.connection, sql, params).then((result) =>
      Array.isArray(result) ? result.length : (result as mysql.ResultSetHeader).affectedRows
    );
  }

  /** A transaction; note that MySQL commits DDL implicitly, so only data changes roll back. */
  async transaction<T>(work: (tx: Session) => Promise<T>): Promise<T> {
    await run(this.connection, "START TRANSACTION");
    try {
      // A plain session, not the connection: code given it can tell it is inside a transaction.
      const result = await work({
        query: (sql, params) => this.query(sql, params),
        execute: (sql, params) => this.execute(sql, params),
      });
      await run(this.connection, "COMMIT");
      return result;
    } catch (error) {
      await this.connection.query("ROLLBACK").catch(() => {});
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.connection.end();
  }
}

async function run(connection: mysql.Connection, sql: string, params?: readonly unknown[]) {
  try {
    const [result] = await connection.query(sql, params as unknown[] | undefined);
    return result;
  } catch (error) {
    throw new DatabaseError(sql, error);
  }
}
