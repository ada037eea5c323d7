import type { Session } from "../driver/connection.ts";
import { BatchError } from "./batch_error.ts";

/** The table a PostgreSQL rebuild works on. */
export interface PostgresTarget {
  readonly oid: number;
  readonly schema: string;
  readonly table: string;
}

/**
 * What a PostgreSQL rebuild reads besides the table's model, to put back afterwards, and the
 * definitions PostgreSQL gives back for the table's constraints and indexes: one the batch
 * leaves alone is created again from its own definition, which keeps what the model has no
 * place for (`DEFERRABLE` and `NULLS NOT DISTINCT` keys, `NO INHERIT`, `NOT VALID`, `INCLUDE`,
 * operator class options, storage parameters), and EXCLUDE constraints, which it lacks.
 */
export interface PostgresSurroundings {
  /** Storage parameters: `WITH (...)`. */
  readonly storage: readonly string[];
  readonly owner: string;
  /** GRANT statements; `%TABLE%` stands for the table's name. */
  readonly grants: readonly string[];
  /** `CREATE TRIGGER` statements, and `ALTER TABLE ... DISABLE TRIGGER` where disabled. */
  readonly triggers: readonly string[];
  /** Views on the table (and views on those), in creation order. */
  readonly views: readonly PostgresView[];
  /** Foreign keys of other tables that reference this one. */
  readonly referencing: readonly { table: string; name: string; definition: string }[];
  /** Sequences the columns own (serial, identity), with their options and positions. */
  readonly sequences: readonly OwnedSequence[];
  /** Each constraint by name: its kind (`p`, `u`, `c`, `f`, `x`), definition and columns. */
  readonly constraints: ReadonlyMap<string, StoredConstraint>;
  /** Each index that backs no constraint: its `CREATE INDEX`, by name. */
  readonly indexes: ReadonlyMap<string, string>;
}

/** A constraint as `pg_get_constraintdef` gives it back. */
export interface StoredConstraint {
  readonly type: string;
  readonly definition: string;
  readonly columns: readonly string[];
}

/** A view (or materialized view) that depends on the table. */
export interface PostgresView {
  readonly name: string;
  readonly materialized: boolean;
  /** Statements that create it again (with its indexes, comment and grants). */
  readonly create: readonly string[];
}

/** A sequence owned by a column: its name, options and where it stands. */
export interface OwnedSequence {
  readonly column: string;
  readonly name: string;
  readonly qualified: string;
  readonly identity: boolean;
  /** `INCREMENT BY`, `MINVALUE`, `MAXVALUE`, `START WITH`, `CACHE`, `[NO] CYCLE`. */
  readonly options: Readonly<Record<"increment" | "min" | "max" | "start" | "cache", string>> & {
    readonly cycle: boolean;
  };
  readonly lastValue: string;
  readonly isCalled: boolean;
}

/**
 * The table's oid and schema, refusing (before anything changes) what a rebuild cannot
 * carry over: partitioned tables and partitions, inheritance, row-level security, rules.
 *
 * @example
 * ```ts
 * const target = await postgresTarget(session, "users", undefined); // { oid, schema: "public", table: "users" }
 * ```
 */
export async function postgresTarget(
  session: Session,
  table: string,
  schema: string | undefined,
): Promise<PostgresTarget> {
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
  return { oid: Number(row.oid), schema: String(row.schema), table };
}

/**
 * Reads what is around a PostgreSQL table: storage parameters, owner, grants, triggers, the
 * views that depend on it (transitively), the foreign keys of other tables that reference
 * it, owned sequences with their options and positions, and its constraints' and indexes'
 * definitions.
 *
 * @example
 * ```ts
 * const around = await readPostgresSurroundings(session, target);
 * around.referencing.map((fk) => fk.name);
 * ```
 */
export async function readPostgresSurroundings(
  session: Session,
  target: PostgresTarget,
): Promise<PostgresSurroundings> {
  const { oid } = target;
  const [self] = await session.query(
    `SELECT coalesce(c.reloptions, '{}') AS storage, pg_get_userbyid(c.relowner) AS owner
       FROM pg_class c WHERE c.oid = $1`,
    [oid],
  );
  const triggerRows = await session.query(
    `SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS def, t.tgenabled AS enabled
       FROM pg_trigger t WHERE t.tgrelid = $1 AND NOT t.tgisinternal ORDER BY t.oid`,
    [oid],
  );
  const qualified = `${quote(target.schema)}.${quote(target.table)}`;
  const triggers = triggerRows.flatMap((row) => [
    String(row.def),
    ...(row.enabled === "D"
      ? [`ALTER TABLE ${qualified} DISABLE TRIGGER ${quote(String(row.name))}`]
      : []),
  ]);
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
  const constraints = await session.query(
    `SELECT c.conname AS name, c.contype AS type, pg_get_constraintdef(c.oid) AS def,
            array(SELECT a.attname::text FROM unnest(c.conkey) k JOIN pg_attribute a
                    ON a.attrelid = c.conrelid AND a.attnum = k) AS columns
       FROM pg_constraint c WHERE c.conrelid = $1 AND c.contype IN ('p', 'u', 'c', 'f', 'x')`,
    [oid],
  );
  const indexes = await session.query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1`,
    [oid],
  );
  return {
    storage: (self.storage as string[]) ?? [],
    owner: String(self.owner),
    grants: await grantsOf(session, oid),
    triggers,
    views: await dependentViews(session, oid),
    referencing,
    sequences: await ownedSequences(session, target),
    constraints: new Map(constraints.map((row) => [String(row.name), {
      type: String(row.type),
      definition: String(row.def),
      columns: (row.columns as string[]) ?? [],
    }])),
    indexes: new Map(indexes.map((row) => [String(row.name), String(row.def)])),
  };
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function ownedSequences(session: Session, target: PostgresTarget): Promise<OwnedSequence[]> {
  const rows = await session.query(
    `SELECT a.attname AS column, a.attidentity IN ('a', 'd') AS identity, s.seq AS qualified,
            q.sequencename AS name, q.increment_by::text AS increment, q.min_value::text AS min,
            q.max_value::text AS max, q.start_value::text AS start, q.cache_size::text AS cache,
            q.cycle, q.last_value::text AS last
       FROM pg_attribute a
       CROSS JOIN LATERAL (SELECT pg_get_serial_sequence($2, a.attname) AS seq) s
       JOIN pg_class c ON c.oid = s.seq::regclass
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_sequences q ON q.schemaname = n.nspname AND q.sequencename = c.relname
      WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [target.oid, `${quote(target.schema)}.${quote(target.table)}`],
  );
  // pg_sequences has no last_value for a sequence that has not been used yet.
  return rows.map((row) => ({
    column: String(row.column),
    name: String(row.name),
    qualified: String(row.qualified),
    identity: row.identity === true,
    options: {
      increment: String(row.increment),
      min: String(row.min),
      max: String(row.max),
      start: String(row.start),
      cache: String(row.cache),
      cycle: row.cycle === true,
    },
    lastValue: String(row.last ?? row.start),
    isCalled: row.last != null,
  }));
}

/** GRANT statements for the relation's privileges (owner's own left out); `%TABLE%` is its name. */
async function grantsOf(session: Session, oid: number): Promise<string[]> {
  const rows = await session.query(
    `SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END AS grantee,
            a.privilege_type AS privilege, a.is_grantable AS grantable
       FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = $1 AND a.grantee <> c.relowner`,
    [oid],
  );
  return rows.map((row) =>
    `GRANT ${row.privilege} ON TABLE %TABLE% TO ${row.grantee}${
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
    const grants = await grantsOf(session, Number(row.oid));
    create.push(...grants.map((g) => g.replace("%TABLE%", name)));
    views.push({ name, materialized, create });
  }
  return views;
}
