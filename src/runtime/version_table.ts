import type { Dialect, Statement } from "../dialect/dialect.ts";
import type { Session } from "../driver/connection.ts";
import type { VersionChange } from "../revision/version_heads.ts";

/**
 * The table that records which revisions the database is at: one row per unmerged head.
 *
 * @example
 * ```ts
 * const heads = await new VersionTable(dialect, "retort_version").read(session);
 * ```
 */
export class VersionTable {
  constructor(readonly dialect: Dialect, readonly name: string, readonly schema?: string) {}

  /** The current heads; none when the table does not exist yet. */
  async read(session: Session): Promise<string[]> {
    const exists = this.dialect.tableExists(this.name, this.schema);
    if ((await session.query(exists.sql, exists.params)).length === 0) return [];
    const rows = await session.query(
      `SELECT ${this.dialect.quoteIdentifier("version_num")} FROM ${this.quoted()}`,
    );
    return rows.map((row) => String(row.version_num));
  }

  /** Creates the table if it is missing. */
  async ensure(session: Session): Promise<void> {
    await session.execute(this.dialect.createVersionTable(this.name, this.schema).sql);
  }

  /** The statements that record `changes`, as literals so they also serve offline scripts. */
  statements(changes: readonly VersionChange[]): Statement[] {
    const table = this.quoted();
    const column = this.dialect.quoteIdentifier("version_num");
    const value = (rev: string) => this.dialect.literal(rev);
    return changes.map((change) => {
      switch (change.kind) {
        case "insert":
          return { sql: `INSERT INTO ${table} (${column}) VALUES (${value(change.revision)})` };
        case "update":
          return {
            sql: `UPDATE ${table} SET ${column} = ${value(change.to)} WHERE ${column} = ${
              value(change.from)
            }`,
          };
        case "delete":
          return { sql: `DELETE FROM ${table} WHERE ${column} = ${value(change.revision)}` };
      }
    });
  }

  /** Records `changes` in the table. */
  async apply(session: Session, changes: readonly VersionChange[]): Promise<void> {
    for (const statement of this.statements(changes)) await session.execute(statement.sql);
  }

  private quoted(): string {
    return this.dialect.qualify(this.name, this.schema);
  }
}
