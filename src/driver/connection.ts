/** A result row, keyed by column name. */
export type Row = Record<string, unknown>;

/** Where statements run: a connection, or a transaction on it. */
export interface Session {
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a statement; resolves to the number of rows it changed. */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
}

/**
 * An open database connection behind retort's one small driver interface.
 *
 * @example
 * ```ts
 * await connection.transaction(async (tx) => { await tx.execute("CREATE TABLE a (x INT)"); });
 * ```
 */
export interface Connection extends Session {
  readonly kind: "sqlite" | "postgres" | "mysql";
  /** Runs `work` in a write transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: Session) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
