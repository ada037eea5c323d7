import type { Session } from "../driver/connection.ts";
import { BatchError } from "./batch_error.ts";

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function pragma(session: Session, name: string): Promise<number> {
  const [row] = await session.query(`PRAGMA ${name}`);
  return Number(row ? Object.values(row)[0] : 0);
}

/** How the connection's foreign key settings were changed for a rebuild, and how to undo it. */
export interface ForeignKeySettings {
  /** `PRAGMA foreign_keys` is ON (libSQL's default) inside the transaction the rebuild runs in. */
  readonly enforced: boolean;
  /** Puts back what was changed; call after the rebuild's savepoint is released or rolled back. */
  restore(): Promise<void>;
}

/**
 * Gets the transaction ready for a rebuild of `table`. `PRAGMA foreign_keys` cannot change
 * inside a transaction, and a rebuild always runs inside one (the run's, or its own), so:
 *
 * - with enforcement OFF, nothing to do: the final `PRAGMA foreign_key_check` guards the data;
 * - with enforcement ON (libSQL's default), `PRAGMA defer_foreign_keys = ON` lets the rows be
 *   copied in any order (self-references), and the rebuild is refused, before anything
 *   changes, when rows of another table reference this one: dropping the old table would fire
 *   their ON DELETE actions (CASCADE would delete them), and deferral does not stop that.
 *
 * `PRAGMA legacy_alter_table` is turned OFF so the final RENAME rewrites self-references.
 *
 * @example
 * ```ts
 * const settings = await relaxForeignKeys(session, "users");
 * try { ... } finally { await settings.restore(); }
 * ```
 */
export async function relaxForeignKeys(
  session: Session,
  table: string,
  schema?: string,
): Promise<ForeignKeySettings> {
  const undo: string[] = [];
  const enforced = (await pragma(session, "foreign_keys")) !== 0;
  const restore = async () => {
    for (const statement of undo.reverse()) await session.execute(statement);
  };
  try {
    if (enforced) {
      await refuseReferencedRows(session, table, schema);
      if (!(await pragma(session, "defer_foreign_keys"))) {
        await session.execute("PRAGMA defer_foreign_keys = ON");
        undo.push("PRAGMA defer_foreign_keys = OFF");
      }
    }
    if (await pragma(session, "legacy_alter_table")) {
      await session.execute("PRAGMA legacy_alter_table = OFF");
      undo.push("PRAGMA legacy_alter_table = ON");
    }
  } catch (error) {
    await restore();
    throw error;
  }
  return { enforced, restore };
}

/** The tables (other than `table`) whose foreign keys reference `table`, with their columns. */
export async function referencingTables(
  session: Session,
  table: string,
  schema?: string,
): Promise<{ table: string; columns: string[] }[]> {
  const master = `${schema ? `${quote(schema)}.` : ""}sqlite_master`;
  const rows = await session.query(
    `SELECT m.name AS child, f.id AS id, f."from" AS col FROM ${master} m ` +
      `JOIN pragma_foreign_key_list(m.name, ?) f WHERE m.type = 'table' ` +
      `AND f."table" = ? COLLATE NOCASE AND m.name <> ? COLLATE NOCASE ORDER BY m.name, f.id, f.seq`,
    [schema ?? "main", table, table],
  );
  const byKey = new Map<string, { table: string; columns: string[] }>();
  for (const row of rows) {
    const key = `${row.child}\u0000${row.id}`;
    const entry = byKey.get(key) ?? { table: String(row.child), columns: [] };
    entry.columns.push(String(row.col));
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

async function refuseReferencedRows(session: Session, table: string, schema?: string) {
  const prefix = schema ? `${quote(schema)}.` : "";
  for (const child of await referencingTables(session, table, schema)) {
    const where = child.columns.map((c) => `${quote(c)} IS NOT NULL`).join(" AND ");
    const rows = await session.query(
      `SELECT 1 FROM ${prefix}${quote(child.table)} WHERE ${where} LIMIT 1`,
    );
    if (rows.length > 0) {
      throw new BatchError(
        "BATCH_FOREIGN_KEYS_ON",
        `batchAlterTable ${table}: rows of ${child.table} reference it and PRAGMA foreign_keys is ON ` +
          `in this transaction, so dropping the old table would fire their ON DELETE actions; ` +
          `run the rebuild on a connection with foreign_keys OFF (see docs/batch.md). Nothing was changed`,
      );
    }
  }
}

/**
 * `PRAGMA foreign_key_check` on the rebuilt table and the tables that reference it; throws
 * (so the rebuild rolls back) when a row breaks a foreign key.
 */
export async function checkForeignKeys(
  session: Session,
  table: string,
  schema?: string,
): Promise<void> {
  const prefix = schema ? `${quote(schema)}.` : "";
  const tables = [table, ...(await referencingTables(session, table, schema)).map((c) => c.table)];
  for (const name of new Set(tables)) {
    const rows = await session.query(`PRAGMA ${prefix}foreign_key_check(${quote(name)})`);
    if (rows.length > 0) {
      const first = rows[0];
      throw new BatchError(
        "BATCH_FOREIGN_KEY_VIOLATION",
        `batchAlterTable ${table}: after the rebuild ${rows.length} row(s) break foreign keys ` +
          `(first: ${first.table} rowid ${first.rowid} has no row in ${first.parent}); ` +
          `fix those rows or the constraint. Nothing was changed`,
      );
    }
  }
}
