import { namesIdentifier, tokenize } from "../dialect/sqlite/sql_tokens.ts";
import { mysqlServerVersion } from "../dialect/mysql/mysql_server_version.ts";
import type { Row, Session } from "../driver/connection.ts";
import { BatchError } from "./batch_error.ts";

/**
 * What a MySQL/MariaDB rebuild reads besides the table's model: the server kind, the table
 * options the model has no place for, and what it puts back afterwards.
 */
export interface MysqlSurroundings {
  readonly mariadb: boolean;
  /** The next AUTO_INCREMENT value, where the table numbers its rows. */
  readonly autoIncrement?: number;
  /** `CREATE_OPTIONS` (`ROW_FORMAT=...`, `STATS_PERSISTENT=...`), written after the others. */
  readonly createOptions: string;
  /** `CREATE TRIGGER` statements of the table's triggers (without DEFINER), in firing order. */
  readonly triggers: readonly { name: string; sql: string }[];
  /** Views that mention the table: name (qualified) and definition. */
  readonly views: readonly { name: string; sql: string; checkOption: string; security: string }[];
  /** Foreign keys of other tables that reference this one. */
  readonly referencing: readonly ReferencingKey[];
}

/** A foreign key of another table that points at the rebuilt one. */
export interface ReferencingKey {
  readonly table: string;
  readonly name: string;
  readonly columns: readonly string[];
  readonly referencedColumns: readonly string[];
  readonly onDelete: string;
  readonly onUpdate: string;
}

const quote = (name: string) => `\`${name.replaceAll("`", "``")}\``;

function field(row: Row, name: string): unknown {
  return row[name] ?? row[name.toUpperCase()] ?? row[name.toLowerCase()];
}

/**
 * Reads what is around a MySQL/MariaDB table: its AUTO_INCREMENT position and create
 * options (refusing a partitioned table, which a rebuild would not partition again), its
 * triggers (`SHOW CREATE TRIGGER`, without DEFINER), the views that mention it, and the
 * foreign keys of other tables that reference it. `where` names the table in messages.
 *
 * @example
 * ```ts
 * const around = await readMysqlSurroundings(session, "shop", "teams");
 * around.referencing.map((fk) => fk.name);
 * ```
 */
export async function readMysqlSurroundings(
  session: Session,
  schema: string,
  name: string,
  where = `${schema}.${name}`,
): Promise<MysqlSurroundings> {
  const [version] = await session.query("SELECT VERSION() AS v");
  const mariadb = mysqlServerVersion(String(field(version, "v"))).mariadb;
  // MySQL 8 caches these figures in information_schema for a day unless told not to.
  if (!mariadb) {
    await session.execute("SET SESSION information_schema_stats_expiry = 0").catch(() => {});
  }
  const [self] = await session.query(
    `SELECT AUTO_INCREMENT AS next, CREATE_OPTIONS AS options FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`,
    [schema, name],
  );
  const createOptions = String(field(self ?? {}, "options") ?? "");
  if (/\bpartitioned\b/i.test(createOptions)) {
    throw new BatchError(
      "BATCH_UNSUPPORTED_TABLE",
      `batchAlterTable ${where}: recreate "always" cannot rebuild a partitioned table; ` +
        `use recreate "auto" (plain ALTERs). Nothing was changed`,
    );
  }
  const next = field(self ?? {}, "next");
  return {
    mariadb,
    ...(next == null ? {} : { autoIncrement: Number(next) }),
    createOptions,
    triggers: await triggersOf(session, schema, name),
    views: await viewsOf(session, schema, name),
    referencing: await referencingKeys(session, schema, name),
  };
}

async function triggersOf(session: Session, schema: string, name: string) {
  const rows = await session.query(
    `SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS
      WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ?
      ORDER BY ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER`,
    [schema, name],
  );
  const triggers = [];
  for (const row of rows) {
    const trigger = String(field(row, "name"));
    const [created] = await session.query(
      `SHOW CREATE TRIGGER ${quote(schema)}.${quote(trigger)}`,
    );
    const sql = String(created["SQL Original Statement"]).replace(
      /^CREATE\s+DEFINER\s*=\s*(`[^`]*`|'[^']*'|\S+?)@(`[^`]*`|'[^']*'|\S+)\s+/i,
      "CREATE ",
    );
    triggers.push({ name: trigger, sql });
  }
  return triggers;
}

async function viewsOf(session: Session, schema: string, name: string) {
  const rows = await session.query(
    `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS name, VIEW_DEFINITION AS def, CHECK_OPTION AS chk,
            SECURITY_TYPE AS sec
       FROM information_schema.VIEWS WHERE VIEW_DEFINITION LIKE ?`,
    [`%${name}%`],
  );
  return rows.filter((row) => {
    const t = tokenize(String(field(row, "def")));
    return t.some((tok, i) =>
      namesIdentifier(tok, name) && t[i - 1]?.text === "." && namesIdentifier(t[i - 2], schema)
    );
  }).map((row) => ({
    name: `${quote(String(field(row, "s")))}.${quote(String(field(row, "name")))}`,
    sql: String(field(row, "def")),
    checkOption: String(field(row, "chk")),
    security: String(field(row, "sec")),
  }));
}

async function referencingKeys(
  session: Session,
  schema: string,
  name: string,
): Promise<ReferencingKey[]> {
  const rows = await session.query(
    `SELECT rc.CONSTRAINT_SCHEMA AS s, rc.TABLE_NAME AS t, rc.CONSTRAINT_NAME AS name,
            rc.DELETE_RULE AS del, rc.UPDATE_RULE AS upd, k.COLUMN_NAME AS col,
            k.REFERENCED_COLUMN_NAME AS ref
       FROM information_schema.REFERENTIAL_CONSTRAINTS rc
       JOIN information_schema.KEY_COLUMN_USAGE k
         ON k.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA AND k.TABLE_NAME = rc.TABLE_NAME
        AND k.CONSTRAINT_NAME = rc.CONSTRAINT_NAME
      WHERE rc.UNIQUE_CONSTRAINT_SCHEMA = ? AND rc.REFERENCED_TABLE_NAME = ?
        AND NOT (rc.CONSTRAINT_SCHEMA = ? AND rc.TABLE_NAME = ?)
      ORDER BY rc.CONSTRAINT_SCHEMA, rc.TABLE_NAME, rc.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
    [schema, name, schema, name],
  );
  const keys: (ReferencingKey & { columns: string[]; referencedColumns: string[] })[] = [];
  for (const row of rows) {
    const table = `${quote(String(field(row, "s")))}.${quote(String(field(row, "t")))}`;
    const key = String(field(row, "name"));
    let fk = keys.find((r) => r.table === table && r.name === key);
    if (!fk) {
      fk = {
        table,
        name: key,
        columns: [],
        referencedColumns: [],
        onDelete: String(field(row, "del")),
        onUpdate: String(field(row, "upd")),
      };
      keys.push(fk);
    }
    fk.columns.push(String(field(row, "col")));
    fk.referencedColumns.push(String(field(row, "ref")));
  }
  return keys;
}
