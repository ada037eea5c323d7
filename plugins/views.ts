/**
 * `views`: `op.createView`, `op.replaceView` and `op.dropView`, and autogenerate detection of
 * views declared with `view(name, select)` in the target schema: added, removed and changed.
 *
 * Databases rewrite a view's SELECT (PostgreSQL reformats and qualifies it, MySQL and MariaDB
 * add backticks and the database's name), so the declared SELECT is never compared as written:
 * it is created under a probe name, read back the way the database keeps it, and dropped
 * (rolled back where DDL is transactional), and that form is compared with the view's.
 *
 * ```json
 * { "target": "schema.ts", "plugins": ["retort/plugins/views"] }
 * ```
 * @module
 */
import { defineOperation, definePlugin } from "retort";
import type {
  Comparator,
  ComparatorChange,
  ComparatorContext,
  DatabaseSchema,
  Dialect,
  Plugin,
  View,
} from "retort";

/** `CREATE VIEW`; `orReplace`: `CREATE OR REPLACE VIEW` (SQLite: `DROP VIEW IF EXISTS` first). */
export interface CreateViewOp {
  readonly kind: "createView";
  readonly name: string;
  readonly select: string;
  readonly schema?: string;
  readonly orReplace?: boolean;
}

/** A view's new SELECT; `existing` is the one it replaces, so the change can be reversed. */
export interface ReplaceViewOp {
  readonly kind: "replaceView";
  readonly name: string;
  readonly select: string;
  readonly schema?: string;
  readonly existing?: string;
}

/** `DROP VIEW`; `existing` is the SELECT it drops, so the drop can be reversed. */
export interface DropViewOp {
  readonly kind: "dropView";
  readonly name: string;
  readonly schema?: string;
  readonly existing?: string;
}

declare module "retort" {
  interface Operations {
    /** `CREATE VIEW name AS select` (plugin `retort/plugins/views`). */
    createView(
      name: string,
      select: string,
      options?: { schema?: string; orReplace?: boolean },
    ): Promise<void>;
    /** Gives a view a new SELECT; `existing`, the old one, lets a downgrade put it back. */
    replaceView(
      name: string,
      select: string,
      options?: { schema?: string; existing?: string },
    ): Promise<void>;
    /** `DROP VIEW`; `existing`, the SELECT dropped, lets a downgrade create it again. */
    dropView(name: string, options?: { schema?: string; existing?: string }): Promise<void>;
  }
  interface OpKinds {
    createView: CreateViewOp;
    replaceView: ReplaceViewOp;
    dropView: DropViewOp;
  }
}

/**
 * `op.createView(name, select, { schema, orReplace })`.
 *
 * @example
 * ```ts
 * await op.createView("active_users", "SELECT id, email FROM users WHERE active");
 * ```
 */
export const createView = defineOperation({
  name: "createView",
  build: (name: string, select: string, options: { schema?: string; orReplace?: boolean } = {}) =>
    defined({ name, select, schema: options.schema, orReplace: options.orReplace || undefined }),
  toSql: (op, dialect) => createSql(dialect, op, op.orReplace === true),
  reverse: (op): DropViewOp => ({
    kind: "dropView",
    ...defined({ name: op.name, schema: op.schema, existing: op.select }),
  }),
  render: (op) =>
    call("createView", [op.name, op.select], { schema: op.schema, orReplace: op.orReplace }),
});

/**
 * `op.replaceView(name, select, { schema, existing })`: `CREATE OR REPLACE VIEW` (SQLite:
 * `DROP VIEW IF EXISTS`, then `CREATE VIEW`).
 *
 * @example
 * ```ts
 * await op.replaceView("active_users", "SELECT id FROM users", { existing: "SELECT id, email FROM users" });
 * ```
 */
export const replaceView = defineOperation({
  name: "replaceView",
  build: (name: string, select: string, options: { schema?: string; existing?: string } = {}) =>
    defined({ name, select, schema: options.schema, existing: options.existing }),
  toSql: (op, dialect) => createSql(dialect, op, true),
  reverse: (op): ReplaceViewOp | undefined =>
    op.existing === undefined ? undefined : {
      kind: "replaceView",
      ...defined({ name: op.name, select: op.existing, schema: op.schema, existing: op.select }),
    },
  render: (op) =>
    call("replaceView", [op.name, op.select], { schema: op.schema, existing: op.existing }),
});

/**
 * `op.dropView(name, { schema, existing })`.
 *
 * @example
 * ```ts
 * await op.dropView("active_users", { existing: "SELECT id, email FROM users WHERE active" });
 * ```
 */
export const dropView = defineOperation({
  name: "dropView",
  build: (name: string, options: { schema?: string; existing?: string } = {}) =>
    defined({ name, schema: options.schema, existing: options.existing }),
  toSql: (op, dialect) => [`DROP VIEW ${dialect.qualify(op.name, op.schema)}`],
  reverse: (op): CreateViewOp | undefined =>
    op.existing === undefined ? undefined : {
      kind: "createView",
      ...defined({ name: op.name, select: op.existing, schema: op.schema }),
    },
  render: (op) => call("dropView", [op.name], { schema: op.schema, existing: op.existing }),
});

function createSql(
  dialect: Dialect,
  op: { name: string; select: string; schema?: string },
  orReplace: boolean,
): string[] {
  const view = dialect.qualify(op.name, op.schema);
  const create = `CREATE VIEW ${view} AS ${op.select}`;
  if (!orReplace) return [create];
  return dialect.name === "sqlite"
    ? [`DROP VIEW IF EXISTS ${view}`, create]
    : [`CREATE OR REPLACE VIEW ${view} AS ${op.select}`];
}

/** `op.method("a", "b", { key: "value" })`, the options left out when none is set. */
function call(method: string, args: string[], options: Record<string, unknown>): string {
  const set = Object.entries(options).filter(([, v]) => v !== undefined);
  const last = set.length ? [`{ ${set.map(([k, v]) => `${k}: ${literal(v)}`).join(", ")} }`] : [];
  return `op.${method}(${[...args.map(literal), ...last].join(", ")})`;
}

/** A string in quotes; one on several lines (PostgreSQL's view definitions) as a template. */
function literal(value: unknown): string {
  if (typeof value !== "string" || !value.includes("\n")) return JSON.stringify(value);
  return `\`${value.replace(/[\\`]|\$\{/g, (m) => `\\${m}`)}\``;
}

/** The object without its undefined fields (ops are plain data, compared as JSON). */
function defined<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Autogenerate's comparison of declared and reflected views. Materialized views are not
 * compared. Views are created after retort's own ops (once the tables they read exist) and
 * dropped before them; among themselves, a view that reads another comes after it.
 *
 * A changed view is replaced in place on MySQL. PostgreSQL (whose `CREATE OR REPLACE VIEW`
 * cannot drop, rename or retype a column, nor let a table lose a column a view reads) and
 * SQLite (which checks views when a table they read is rebuilt) drop it before retort's own
 * ops and create it again after them, and with it the declared views that read it.
 */
export const compareViews: Comparator = {
  name: "views",
  async compare(declared, reflected, ctx) {
    const inDatabase = new Map(
      reflected.views.filter((v) => !v.materialized).map((v) => [key(v), v]),
    );
    const declaredKeys = new Set(declared.views.map(key));
    const wanted: View[] = [];
    for (const view of declared.views) {
      const found = inDatabase.get(key(view)) ?? null;
      if (await ctx.include(view, view.name, "view", false, found, { schemaName: view.schema })) {
        wanted.push(view);
      }
    }
    const removed: View[] = [];
    for (const view of inDatabase.values()) {
      if (declaredKeys.has(key(view))) continue;
      if (await ctx.include(view, view.name, "view", true, null, { schemaName: view.schema })) {
        removed.push(view);
      }
    }

    if (wanted.length === 0 && removed.length === 0) return [];
    const ordered = readFirst(wanted);
    const probed = await probe(ordered, ctx);
    const pending = pendingTables(declared, reflected);
    const existing = await existingSelect(ctx);
    const inPlace = ctx.dialect.name === "mysql";
    const dropped: { view: View; description: string }[] = removed.map((view) => ({
      view,
      description: `removed view '${shown(view)}'`,
    }));
    const created: ComparatorChange[] = [];
    const recreated: View[] = [];
    for (const view of ordered) {
      const found = inDatabase.get(key(view));
      const { form, refused } = probed.get(view)!;
      if (refused !== undefined && !waitsFor(view, refused, pending)) {
        throw new Error(`view ${view.name}: the database refuses its SELECT: ${refused}`);
      }
      // refused: it reads what this revision creates, so it is new or changed all the same
      const changed = !found || form === undefined || !sameSelect(form, found.definition);
      const reader = !inPlace && recreated.some((v) => mentions(view.definition, v.name));
      if (!changed && !reader) continue;
      if (changed) pending.add(view.name);
      const place = { name: view.name, ...defined({ schema: view.schema }) };
      const create: CreateViewOp = { kind: "createView", ...place, select: view.definition };
      if (!found) {
        created.push({ op: create, description: `added view '${shown(view)}'`, place: "last" });
      } else if (inPlace) {
        const op: ReplaceViewOp = { ...create, kind: "replaceView", existing: existing(found) };
        created.push({ op, description: `changed view '${shown(view)}'`, place: "last" });
      } else {
        recreated.push(view);
        const what = changed
          ? `changed view '${shown(view)}'`
          : `view '${shown(view)}', which reads a changed view,`;
        dropped.push({ view: found, description: `${what} (dropped first)` });
        created.push({ op: create, description: `${what} (created again last)`, place: "last" });
      }
    }
    const drops = readFirst(dropped.map((d) => d.view)).reverse().map((view): ComparatorChange => {
      const op: DropViewOp = {
        kind: "dropView",
        name: view.name,
        ...defined({ schema: view.schema }),
        existing: existing(view),
      };
      return { op, description: dropped.find((d) => d.view === view)!.description, place: "first" };
    });
    return [...drops, ...created];
  },
};

function key(view: View): string {
  return `${view.schema ?? ""}.${view.name}`;
}

/** The name autogenerate prints: `extra.recent_notes` outside the current schema. */
function shown(view: View): string {
  return view.schema === undefined ? view.name : `${view.schema}.${view.name}`;
}

/** Whether `sql` names `name` (as a word, quoted or not). */
function mentions(sql: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, "i").test(sql);
}

/** The views with each after the views it reads (a cycle stays in the given order). */
function readFirst(views: readonly View[]): View[] {
  const waiting = [...views];
  const placed: View[] = [];
  while (waiting.length > 0) {
    const next = waiting.findIndex((v) =>
      !waiting.some((other) => other !== v && mentions(v.definition, other.name))
    );
    placed.push(...waiting.splice(Math.max(next, 0), 1));
  }
  return placed;
}

/** Tables the revision creates or gives new columns: a probe that reads them cannot work yet. */
function pendingTables(declared: DatabaseSchema, reflected: DatabaseSchema): Set<string> {
  const pending = new Set<string>();
  for (const table of declared.tables) {
    const found = reflected.tables.find((t) =>
      (t.schema ?? "") === (table.schema ?? "") && t.table === table.table
    );
    const has = new Set(found?.columns.map((c) => c.name));
    if (!found || table.columns.some((c) => !has.has(c.name))) {
      pending.add(table.table);
    }
  }
  return pending;
}

/** A refusal for a table, column or view that does not exist yet, but that the revision makes. */
function waitsFor(view: View, refused: string, pending: ReadonlySet<string>): boolean {
  return /does not exist|doesn't exist|unknown column|no such (table|column)/i.test(refused) &&
    [...pending].some((name) => mentions(view.definition, name));
}

function sameSelect(a: string, b: string): boolean {
  const normal = (sql: string) => sql.replace(/\s+/g, " ").trim().replace(/\s*;$/, "");
  return normal(a) === normal(b);
}

/**
 * A reflected view's SELECT as an op's `existing`, runnable again: MySQL's names qualified by
 * the current database lose that qualifier, so the revision also works on a database of
 * another name.
 */
async function existingSelect(ctx: ComparatorContext): Promise<(view: View) => string> {
  const trim = (sql: string) => sql.trim().replace(/\s*;$/, "");
  if (ctx.dialect.name !== "mysql") return (view) => trim(view.definition);
  const [row] = await ctx.connection.query("SELECT DATABASE() AS db");
  const qualifier = `${ctx.dialect.quoteIdentifier(String(row.db))}.`;
  return (view) =>
    trim(view.schema === undefined ? view.definition.replaceAll(qualifier, "") : view.definition);
}

type Session = Pick<ComparatorContext["connection"], "query" | "execute">;

/**
 * Each view's SELECT as this database keeps it, or the database's message where it refuses
 * it: each is created under a probe name, read back with the dialect's own introspector and
 * dropped — in a transaction rolled back where DDL is transactional, otherwise dropped one by
 * one, whatever happens.
 */
async function probe(
  views: readonly View[],
  ctx: ComparatorContext,
): Promise<Map<View, { form?: string; refused?: string }>> {
  const results = new Map<View, { form?: string; refused?: string }>(views.map((v) => [v, {}]));
  if (views.length === 0) return results;
  const { dialect, connection } = ctx;
  const token = Math.random().toString(36).slice(2, 8);
  // short and fixed-length, so within every database's identifier limit (PostgreSQL: 63 bytes)
  const probes = views.map((view, i) => ({ view, name: `retort_probe_${token}_${i}` }));
  const made: typeof probes = [];
  const transactional = dialect.capabilities.transactionalDdl;

  const run = async (session: Session) => {
    for (const p of probes) {
      const at = dialect.qualify(p.name, p.view.schema);
      try {
        if (transactional) await session.execute("SAVEPOINT retort_probe");
        await session.execute(`CREATE VIEW ${at} AS ${p.view.definition}`);
        // SQLite creates a view over a missing table or column without a word; reading it fails
        if (dialect.name === "sqlite") await session.query(`SELECT * FROM ${at} LIMIT 0`);
        if (transactional) await session.execute("RELEASE SAVEPOINT retort_probe");
        made.push(p);
      } catch (error) {
        if (transactional) await session.execute("ROLLBACK TO SAVEPOINT retort_probe");
        results.set(p.view, { refused: databaseMessage(error) });
      }
    }
    const query = (sql: string, params?: readonly unknown[]) => session.query(sql, params);
    for (const schema of new Set(made.map((p) => p.view.schema))) {
      const here = made.filter((p) => p.view.schema === schema);
      const read = await dialect.introspect(query, {
        tables: here.map((p) => p.name),
        ...(schema === undefined ? {} : { schemas: [schema] }),
      });
      for (const p of here) {
        const found = read.views.find((v) => v.name === p.name);
        if (found) results.set(p.view, { form: found.definition });
      }
    }
  };

  if (transactional) {
    const rollBack = new Error("roll the probe back");
    await connection.transaction(async (tx) => {
      await run(tx);
      throw rollBack;
    }).catch((error) => {
      if (error !== rollBack) throw error;
    });
  } else {
    try {
      await run(connection);
    } finally {
      for (const p of made) {
        await connection.execute(`DROP VIEW IF EXISTS ${dialect.qualify(p.name, p.view.schema)}`);
      }
    }
  }
  return results;
}

/** The database's own message, without retort's "(in: statement)". */
function databaseMessage(error: unknown): string {
  const { databaseMessage, message } = error as { databaseMessage?: string; message?: string };
  return (databaseMessage ?? message ?? String(error)).replace(/^SQLITE_ERROR: /, "");
}

/**
 * The plugin (it has no options).
 *
 * @example
 * ```ts
 * export default defineConfig({ target: "db/schema.ts", plugins: [views()] });
 * ```
 */
export default function views(): Plugin {
  return definePlugin({
    name: "views",
    operations: [createView, replaceView, dropView],
    comparators: [compareViews],
  });
}
