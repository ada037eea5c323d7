/**
 * `views`: `op.createView`, `op.replaceView` and `op.dropView`.
 *
 * ```json
 * { "plugins": ["retort/plugins/views"] }
 * ```
 * @module
 */
import { defineOperation, definePlugin } from "retort";
import type { Dialect, Plugin } from "retort";

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
  });
}
