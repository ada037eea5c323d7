import { existsSync } from "node:fs";
import { dirname } from "node:path";
import Database from "libsql";
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

type LibsqlDatabase = InstanceType<typeof Database>;

/**
 * Opens a local SQLite file (or `:memory:`) with libSQL's own binding, the one
 * `@libsql/client` runs on: the same engine and native addon, without the client's
 * per-statement wrapper, which cost a third of a thousand-revision upgrade. One connection,
 * so a pragma set between transactions (foreign_keys) holds for the next.
 */
export function openSqliteFile(path: string, options: SqliteOptions = {}): Promise<Connection> {
  let file = ":memory:";
  if (path !== ":memory:") {
    if (!existsSync(dirname(path))) {
      throw new RetortError(
        "DATABASE_UNREACHABLE",
        `cannot open SQLite database ${path}: folder ${
          dirname(path)
        } does not exist; create it or fix the URL`,
      );
    }
    if (existsSync(path) || !options.readOnly) file = path;
  }
  try {
    const db = new Database(file, { timeout: Math.floor(options.busyTimeoutMs ?? 60_000) });
    // SQLite reads the file only at the first statement: a file that is not a database
    // fails here, where the message can name it, not in the middle of a command.
    db.prepare("SELECT count(*) FROM sqlite_master").get();
    return Promise.resolve(new SqliteFileConnection(db));
  } catch (error) {
    const why = String((error as Error).message);
    throw new RetortError(
      "DATABASE_UNREACHABLE",
      /not a database|file is encrypted/i.test(why)
        ? `${path} is not a SQLite database (or is encrypted); check the URL, or move the file away`
        : `cannot open SQLite database ${path}: ${why.split("\n")[0]}`,
    );
  }
}

class SqliteFileConnection implements Connection {
  readonly kind = "sqlite" as const;

  constructor(private readonly db: LibsqlDatabase) {}

  query(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return settle(() => {
      const statement = this.db.prepare(sql);
      if (!statement.reader) {
        statement.run(...bind(params));
        return [];
      }
      return statement.all(...bind(params)) as Row[];
    }, sql);
  }

  execute(sql: string, params?: readonly unknown[]): Promise<number> {
    return settle(() => {
      const statement = this.db.prepare(sql);
      if (statement.reader) return (statement.all(...bind(params)) as unknown[]).length;
      return Number(statement.run(...bind(params)).changes);
    }, sql);
  }

  async transaction<T>(work: (tx: Session) => Promise<T>): Promise<T> {
    await this.execute("BEGIN IMMEDIATE");
    // A plain session, not the connection: code given it can tell it is inside a transaction.
    const tx: Session = {
      query: (sql, params) => this.query(sql, params),
      execute: (sql, params) => this.execute(sql, params),
    };
    try {
      const result = await work(tx);
      await this.execute("COMMIT");
      return result;
    } catch (error) {
      if (this.db.inTransaction) await this.execute("ROLLBACK").catch(() => {});
      throw error;
    }
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}

/**
 * The parameters as libSQL binds them. Booleans become 1 and 0, as SQLite stores them:
 * libSQL's binding aborts the whole process on a boolean instead of throwing.
 */
function bind(params?: readonly unknown[]): unknown[] {
  if (!params?.length) return [];
  return [params.map((value) => typeof value === "boolean" ? Number(value) : value)];
}

/** Runs a synchronous call, turning a database error into one that names the statement. */
function settle<T>(call: () => T, sql: string): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(new DatabaseError(sql, error));
  }
}
