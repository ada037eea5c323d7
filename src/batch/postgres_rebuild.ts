import type { Dialect } from "../dialect/dialect.ts";
import type { Row, Session } from "../driver/connection.ts";
import type { BatchAlterTableOp } from "../ops/op.ts";
import { BatchError } from "./batch_error.ts";
import type { ServerColumn, ServerStyle, ServerTable } from "./server_table.ts";
import {
  applyServerOps,
  columnClause,
  listedColumns,
  newTableName,
  splitServerRenames,
} from "./server_table.ts";
import { mentionedNames } from "../dialect/sqlite/sql_mentions.ts";
import { tokenize } from "../dialect/sqlite/sql_tokens.ts";

/** What a PostgreSQL rebuild reads besides the table itself, to put back afterwards. */
export interface PostgresSurroundings {
  readonly oid: number;
  readonly schema: string;
  /** `CREATE [UNLOGGED] TABLE` and `WITH (...)`. */
  readonly unlogged: boolean;
  readonly options: readonly string[];
  readonly comment?: string;
  readonly owner: string;
  readonly grants: readonly string[];
  /** `CREATE TRIGGER` statements, and `ALTER TABLE ... DISABLE TRIGGER` where disabled. */
  readonly triggers: readonly string[];
  /** Views on the table (and views on those), in creation order. */
  readonly views: readonly PostgresView[];
  /** Foreign keys of other tables that reference this one. */
  readonly referencing: readonly { table: string; name: string; definition: string }[];
  /** Sequences the columns own (serial, identity): name -> position. */
  readonly sequences: readonly OwnedSequence[];
}

/** A view (or materialized view) that depends on the table. */
export interface PostgresView {
  readonly name: string;
  readonly materialized: boolean;
  /** Statements that create it again (with its indexes, comment and grants). */
  readonly create: readonly string[];
}

/** A sequence owned by a column: its qualified name and where it stands. */
export interface OwnedSequence {
  readonly column: string;
  readonly name: string;
  readonly qualified: string;
  readonly identity: boolean;
  readonly lastValue: string;
  readonly isCalled: boolean;
}

/** The steps of a PostgreSQL rebuild, as named in its errors. */
export const postgresStepNames = [
  "rename columns",
  "read table",
  "create new table",
  "copy rows",
  "drop referencing foreign keys",
  "drop views",
  "drop old table",
  "rename new table",
  "restore sequences",
  "add constraints",
  "create indexes",
  "create triggers",
  "create views",
  "add referencing foreign keys",
  "restore comments and grants",
] as const;
export type PostgresStepName = (typeof postgresStepNames)[number];

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Rebuilds a PostgreSQL table for `recreate: "always"`, inside the caller's transaction
 * (DDL is transactional: any failure rolls it all back): renames columns with ALTER (so
 * PostgreSQL rewrites every view, trigger and key that uses them), reads the table from the
 * catalog, creates `_retort_new_<table>` with the batch applied, copies the rows (`CAST` for
 * a new type, or the alterColumn's `using`), drops the foreign keys of other tables that
 * reference it and the views on it, drops the old table, renames the new one and creates
 * its constraints, indexes, triggers, views and those foreign keys again; identity and
 * serial sequences keep their names and positions.
 *
 * @example
 * ```ts
 * await connection.transaction((tx) => rebuildPostgresTable(dialect, tx, op));
 * ```
 */
export async function rebuildPostgresTable(
  dialect: Dialect,
  session: Session,
  op: BatchAlterTableOp,
  options: { failAfter?: PostgresStepName } = {},
): Promise<void> {
  let step: PostgresStepName = "rename columns";
  const run = async (sql: string) => await session.execute(sql);
  const done = (name: PostgresStepName) => {
    if (options.failAfter === name) throw new Error(`injected failure after ${name}`);
  };
  const where = op.schema ? `${op.schema}.${op.table}` : op.table;
  try {
    const { renames, ops } = splitServerRenames(op.ops);
    const target = await tableTarget(session, op.table, op.schema);
    const old = `${quote(target.schema)}.${quote(op.table)}`;
    await run(`LOCK TABLE ${old} IN ACCESS EXCLUSIVE MODE`);
    for (const [from, to] of renames) {
      await run(`ALTER TABLE ${old} RENAME COLUMN ${quote(from)} TO ${quote(to)}`);
    }
    done(step);
    step = "read table";
    const { table, around } = await readPostgresTable(session, target.oid, target.schema, op.table);
    const style: ServerStyle = {
      dialect,
      keepsCollation: (type) => /^(text|character|char|varchar|citext|name)\b/i.test(type),
      index: (index) => ({
        name: index.name,
        columns: index.columns.flatMap((c) =>
          typeof c === "string" ? [c] : mentionedNames(tokenize(("sql" in c && c.sql) || ("column" in c && c.column) || ""))
        ),
        sql: dialect.createIndex({ ...index, schema: target.schema, concurrently: false })[0],
      }),
    };
    const rebuilt = applyServerOps(style, table, ops);
    done(step);

    step = "create new table";
    const fresh = newTableName(op.table, dialect.capabilities.maxIdentifierLength);
    const created = `${quote(target.schema)}.${quote(fresh)}`;
    for (const sql of rebuilt.before) await run(sql);
    const lines = rebuilt.columns.map((c) => columnClause(c, quote));
    const storage = around.options.length ? ` WITH (${around.options.join(", ")})` : "";
    await run(
      `CREATE ${around.unlogged ? "UNLOGGED " : ""}TABLE ${created} (\n  ${
        lines.join(",\n  ")
      }\n)${storage}`,
    );
    done(step);

    step = "copy rows";
    const copied = rebuilt.columns.filter((c) => c.source !== undefined && !c.generated);
    if (copied.length > 0) {
      const always = copied.some((c) => c.extras.some((e) => /\bALWAYS\b/i.test(e.text)));
      await run(
        `INSERT INTO ${created} (${copied.map((c) => quote(c.name)).join(", ")})` +
          `${always ? " OVERRIDING SYSTEM VALUE" : ""} SELECT ${
            copied.map(copyExpression).join(", ")
          } FROM ${old}`,
      );
    }
    done(step);

    step = "drop referencing foreign keys";
    for (const fk of around.referencing) {
      await run(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${quote(fk.name)}`);
    }
    done(step);
    step = "drop views";
    for (const view of [...around.views].reverse()) {
      await run(`DROP ${view.materialized ? "MATERIALIZED " : ""}VIEW ${view.name}`);
    }
    done(step);
    step = "drop old table";
    for (const seq of around.sequences.filter((s) => !s.identity)) {
      await run(`ALTER SEQUENCE ${seq.qualified} OWNED BY NONE`);
    }
    await run(`DROP TABLE ${old}`);
    done(step);
    step = "rename new table";
    await run(`ALTER TABLE ${created} RENAME TO ${quote(op.table)}`);
    done(step);

    step = "restore sequences";
    for (const seq of around.sequences) {
      const column = rebuilt.columns.find((c) => c.name === seq.column);
      if (seq.identity) {
        if (!column?.extras.some((e) => e.kind === "identity")) continue;
        const [row] = await session.query(
          "SELECT pg_get_serial_sequence($1, $2) AS seq",
          [old, seq.column],
        );
        if (row?.seq) {
          await run(`ALTER SEQUENCE ${row.seq} RENAME TO ${quote(seq.name)}`);
        }
      } else if (!column) {
        await run(`DROP SEQUENCE ${seq.qualified}`);
        continue;
      } else {
        await run(`ALTER SEQUENCE ${seq.qualified} OWNED BY ${old}.${quote(seq.column)}`);
      }
      await session.query(`SELECT setval($1, $2, $3)`, [
        seq.qualified,
        seq.lastValue,
        seq.isCalled,
      ]);
    }
    done(step);

    step = "add constraints";
    const order = ["primaryKey", "unique", "exclude", "check", "foreignKey"];
    const constraints = [...rebuilt.constraints].sort((a, b) =>
      order.indexOf(a.kind) - order.indexOf(b.kind)
    );
    for (const c of constraints) await run(`ALTER TABLE ${old} ADD ${c.text}`);
    done(step);
    step = "create indexes";
    for (const ix of rebuilt.indexes) await run(ix.sql);
    done(step);
    step = "create triggers";
    for (const sql of around.triggers) await run(sql);
    done(step);
    step = "create views";
    for (const view of around.views) for (const sql of view.create) await run(sql);
    done(step);
    step = "add referencing foreign keys";
    for (const fk of around.referencing) {
      await run(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${quote(fk.name)} ${fk.definition}`);
    }
    done(step);
    step = "restore comments and grants";
    if (around.comment !== undefined) {
      await run(`COMMENT ON TABLE ${old} IS ${dialect.literal(around.comment)}`);
    }
    for (const c of rebuilt.columns) {
      if (c.comment === undefined) continue;
      await run(`COMMENT ON COLUMN ${old}.${quote(c.name)} IS ${dialect.literal(c.comment)}`);
    }
    const [me] = await session.query("SELECT current_user AS me");
    if (me && String(me.me) !== around.owner) {
      await run(`ALTER TABLE ${old} OWNER TO ${quote(around.owner)}`);
    }
    for (const grant of around.grants) await run(grant.replace("%TABLE%", old));
    done(step);
  } catch (error) {
    if (error instanceof BatchError) throw error;
    throw new BatchError(
      "BATCH_FAILED",
      `batchAlterTable ${where}: rebuild failed at "${step}": ${firstLine(error)}; ` +
        `rolled back with the transaction, the table and its rows are unchanged`,
      { cause: error },
    );
  }
}

/** The copy's expression for a column: the old column, converted when its type changed. */
function copyExpression(column: ServerColumn): string {
  if (column.using || !column.typeChanged) return column.source!;
  return `CAST(${column.source} AS ${column.type})`;
}

async function tableTarget(
  session: Session,
  table: string,
  schema: string | undefined,
): Promise<{ oid: number; schema: string }> {
  const rows = await session.query(
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relkind, c.relispartition,
            EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid OR i.inhparent = c.oid) AS inherits,
            EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid) OR c.relrowsecurity AS secured,
            EXISTS (SELECT 1 FROM pg_rewrite r WHERE r.ev_class = c.oid) AS rules
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = $1 AND n.nspname = coalesce($2, current_schema()) AND c.relkind IN ('r', 'p')`,
    [table, schema ?? null],
  );
  const where = schema ? `${schema}.${table}` : table;
  const row = rows[0];
  if (!row) {
    throw new BatchError(
      "BATCH_NO_TABLE",
      `batchAlterTable ${where}: no such table; check the name (or create it first)`,
    );
  }
  const refuse = (what: string) =>
    new BatchError(
      "BATCH_UNSUPPORTED_TABLE",
      `batchAlterTable ${where}: recreate "always" cannot rebuild a table that ${what}; ` +
        `use recreate "auto" (plain ALTERs). Nothing was changed`,
    );
  if (row.relkind === "p" || row.relispartition) throw refuse("is partitioned or a partition");
  if (row.inherits) throw refuse("inherits or is inherited");
  if (row.secured) throw refuse("has row-level security");
  if (row.rules) throw refuse("has rules");
  return { oid: Number(row.oid), schema: String(row.schema) };
}

/**
 * Reads a PostgreSQL table from the catalog: columns (`format_type`, NOT NULL, defaults,
 * identity with its sequence options, generated expressions, collations, comments), its
 * constraints (`pg_get_constraintdef`), the indexes that back none (`pg_get_indexdef`), and
 * around it: triggers, the views that depend on it (transitively), the foreign keys of
 * other tables that reference it, owned sequences and their positions, grants, owner.
 */
export async function readPostgresTable(
  session: Session,
  oid: number,
  schema: string,
  name: string,
): Promise<{ table: ServerTable; around: PostgresSurroundings }> {
  const qualified = `${quote(schema)}.${quote(name)}`;
  const columnRows = await session.query(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
            pg_get_expr(d.adbin, d.adrelid) AS def, a.attidentity AS identity, a.attgenerated AS generated,
            CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
              THEN (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                      FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
                     WHERE co.oid = a.attcollation) END AS collation,
            col_description(a.attrelid, a.attnum) AS comment,
            pg_get_serial_sequence($2, a.attname) AS seq
       FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [oid, qualified],
  );
  const sequences: OwnedSequence[] = [];
  const columns: ServerColumn[] = [];
  for (const row of columnRows) {
    const column: ServerColumn = {
      name: String(row.name),
      type: String(row.type),
      collation: row.collation ? `COLLATE ${row.collation}` : "",
      generated: row.generated === "s" ? `GENERATED ALWAYS AS (${row.def}) STORED` : "",
      notNull: row.notnull === true,
      extras: [],
      ...(row.generated === "s" ? {} : { source: quote(String(row.name)) }),
      ...(row.comment == null ? {} : { comment: String(row.comment) }),
    };
    if (row.def != null && row.generated !== "s") column.default = String(row.def);
    if (row.seq) {
      const [seq] = await session.query(
        `SELECT s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min,
                s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
                c.relname AS name
           FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid WHERE s.seqrelid = $1::regclass`,
        [row.seq],
      );
      const [position] = await session.query(
        `SELECT last_value::text AS last, is_called FROM ${row.seq}`,
      );
      sequences.push({
        column: column.name,
        name: String(seq.name),
        qualified: String(row.seq),
        identity: row.identity === "a" || row.identity === "d",
        lastValue: String(position.last),
        isCalled: position.is_called === true,
      });
      if (row.identity === "a" || row.identity === "d") {
        column.extras.push({ kind: "identity", text: identityClause(row, seq) });
      }
    }
    columns.push(column);
  }
  const constraintRows = await session.query(
    `SELECT c.conname AS name, c.contype AS type, pg_get_constraintdef(c.oid) AS def,
            array(SELECT a.attname::text FROM unnest(c.conkey) k JOIN pg_attribute a
                    ON a.attrelid = c.conrelid AND a.attnum = k) AS columns
       FROM pg_constraint c WHERE c.conrelid = $1 AND c.contype IN ('p', 'u', 'c', 'f', 'x')
      ORDER BY c.oid`,
    [oid],
  );
  const kinds = {
    p: "primaryKey",
    u: "unique",
    c: "check",
    f: "foreignKey",
    x: "exclude",
  } as const;
  const constraints = constraintRows.map((row) => ({
    kind: kinds[String(row.type) as keyof typeof kinds],
    name: String(row.name),
    columns: (row.columns as string[]) ?? [],
    text: `CONSTRAINT ${quote(String(row.name))} ${row.def}`,
  }));
  const indexRows = await session.query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def,
            array(SELECT a.attname::text FROM unnest(i.indkey) k JOIN pg_attribute a
                    ON a.attrelid = i.indrelid AND a.attnum = k) AS columns
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1 AND NOT EXISTS (
        SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid
           AND k.contype IN ('p', 'u', 'x'))
      ORDER BY i.indexrelid`,
    [oid],
  );
  const indexes = indexRows.map((row) => {
    const sql = String(row.def);
    const body = sql.slice(sql.search(/\sUSING\s/i) + 1);
    return {
      name: String(row.name),
      columns: [...((row.columns as string[]) ?? []), ...listedColumns(body)],
      sql,
    };
  });
  const triggerRows = await session.query(
    `SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS def, t.tgenabled AS enabled
       FROM pg_trigger t WHERE t.tgrelid = $1 AND NOT t.tgisinternal ORDER BY t.oid`,
    [oid],
  );
  const triggers = triggerRows.flatMap((row) => [
    String(row.def),
    ...(row.enabled === "D"
      ? [`ALTER TABLE ${qualified} DISABLE TRIGGER ${quote(String(row.name))}`]
      : []),
  ]);
  const [self] = await session.query(
    `SELECT c.relpersistence = 'u' AS unlogged, coalesce(c.reloptions, '{}') AS options,
            obj_description(c.oid, 'pg_class') AS comment, pg_get_userbyid(c.relowner) AS owner
       FROM pg_class c WHERE c.oid = $1`,
    [oid],
  );
  const referencing = (await session.query(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(t.relname) AS tbl, c.conname AS name,
            pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.confrelid = $1 AND c.conrelid <> $1 AND c.contype = 'f' ORDER BY c.oid`,
    [oid],
  )).map((row) => ({
    table: String(row.tbl),
    name: String(row.name),
    definition: String(row.def),
  }));
  return {
    table: { name, columns, constraints, indexes, before: [] },
    around: {
      oid,
      schema,
      unlogged: self.unlogged === true,
      options: (self.options as string[]) ?? [],
      ...(self.comment == null ? {} : { comment: String(self.comment) }),
      owner: String(self.owner),
      grants: await grantsOf(session, oid, "TABLE"),
      triggers,
      views: await dependentViews(session, oid),
      referencing,
      sequences,
    },
  };
}

function identityClause(column: Row, seq: Row): string {
  const kind = column.identity === "a" ? "ALWAYS" : "BY DEFAULT";
  const options = [
    `START WITH ${seq.start}`,
    `INCREMENT BY ${seq.increment}`,
    `MINVALUE ${seq.min}`,
    `MAXVALUE ${seq.max}`,
    `CACHE ${seq.cache}`,
    seq.cycle ? "CYCLE" : "NO CYCLE",
  ];
  return `GENERATED ${kind} AS IDENTITY (${options.join(" ")})`;
}

/** GRANT statements for the relation's privileges (owner's own left out); `%TABLE%` is its name. */
async function grantsOf(session: Session, oid: number, what: string): Promise<string[]> {
  const rows = await session.query(
    `SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END AS grantee,
            a.privilege_type AS privilege, a.is_grantable AS grantable
       FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = $1 AND a.grantee <> c.relowner`,
    [oid],
  );
  return rows.map((row) =>
    `GRANT ${row.privilege} ON ${what} %TABLE% TO ${row.grantee}${
      row.grantable ? " WITH GRANT OPTION" : ""
    }`
  );
}

/** The views and materialized views that depend on the relation, transitively, in creation order. */
async function dependentViews(session: Session, oid: number): Promise<PostgresView[]> {
  const rows = await session.query(
    `WITH RECURSIVE deps(oid, depth) AS (
       SELECT r.ev_class, 1 FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
        WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
          AND d.refobjid = $1 AND r.ev_class <> $1
       UNION
       SELECT r.ev_class, deps.depth + 1 FROM deps
         JOIN pg_depend d ON d.refobjid = deps.oid AND d.refclassid = 'pg_class'::regclass
                          AND d.classid = 'pg_rewrite'::regclass
         JOIN pg_rewrite r ON r.oid = d.objid WHERE r.ev_class <> deps.oid
     )
     SELECT c.oid::int AS oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name,
            c.relkind AS kind, max(deps.depth) AS depth, pg_get_viewdef(c.oid) AS def,
            coalesce(c.reloptions, '{}') AS options, obj_description(c.oid, 'pg_class') AS comment
       FROM deps JOIN pg_class c ON c.oid = deps.oid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('v', 'm')
      GROUP BY c.oid, n.nspname, c.relname, c.relkind, c.reloptions
      ORDER BY max(deps.depth), c.oid`,
    [oid],
  );
  const views: PostgresView[] = [];
  for (const row of rows) {
    const materialized = row.kind === "m";
    const options = (row.options as string[]) ?? [];
    const name = String(row.name);
    const create = [
      `CREATE ${materialized ? "MATERIALIZED " : ""}VIEW ${name}${
        options.length ? ` WITH (${options.join(", ")})` : ""
      } AS ${String(row.def).trim().replace(/;$/, "")}`,
    ];
    if (materialized) {
      const indexes = await session.query(
        "SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = $1",
        [row.oid],
      );
      create.push(...indexes.map((ix) => String(ix.def)));
    }
    if (row.comment != null) {
      create.push(
        `COMMENT ON ${materialized ? "MATERIALIZED " : ""}VIEW ${name} IS '${
          String(row.comment).replaceAll("'", "''")
        }'`,
      );
    }
    const grants = await grantsOf(session, Number(row.oid), "TABLE");
    create.push(...grants.map((g) => g.replace("%TABLE%", name)));
    views.push({ name, materialized, create });
  }
  return views;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0];
}
