import type { Dialect } from "../dialect/dialect.ts";
import type { Op, OpBase } from "../ops/op.ts";
import type { OperationDefinition } from "../ops/operation_definition.ts";
import type { DatabaseSchema } from "../schema/database_schema.ts";
import type { SchemaDeclaration } from "../schema/define_schema.ts";

/** What a run's hooks are told about where they are called. */
export interface HookContext {
  /** `run`: a migration is running (online or `--sql`); `autogenerate`: a revision is being written. */
  readonly phase: "run" | "autogenerate";
  readonly dialect: Dialect;
  /** The revision whose step is running (phase `run`). */
  readonly revision?: string;
  readonly direction?: "upgrade" | "downgrade";
  readonly autogenerate: boolean;
  /** `-x key=value` arguments (Alembic's `-x`); `-x flag` gives `"true"`. */
  readonly args: Readonly<Record<string, string>>;
  /** Whether the step runs inside a transaction (`export const transaction = false` opts out). */
  readonly inTransaction?: boolean;
  /** The revision module's exports, e.g. a revision's own `export const destructive = true`. */
  readonly exports?: Readonly<Record<string, unknown>>;
  /** Whether this is an offline (`--sql`) script. */
  readonly offline?: boolean;
  /** The container op a sub-op is rewritten inside (`"batchAlterTable"`), if any. */
  readonly within?: string;
}

/** The kinds of schema object the include filters are asked about. */
export type ObjectType =
  | "schema"
  | "table"
  | "column"
  | "index"
  | "unique_constraint"
  | "foreign_key_constraint"
  | "check_constraint"
  | "view"
  | (string & {});

/** The names an object sits in: its schema, and its table for columns, indexes and constraints. */
export interface ParentNames {
  readonly schemaName?: string;
  readonly tableName?: string;
}

/** What a step observer hears. */
export interface StepEvent {
  readonly revision: string;
  readonly direction: "upgrade" | "downgrade";
  /** Milliseconds since the step started (afterStep, onError). */
  readonly durationMs?: number;
  /** The failure (onError). */
  readonly error?: unknown;
}

/** What a comparator may use besides the two schemas. */
export interface ComparatorContext extends HookContext {
  /**
   * The database autogenerate reads. A comparator may probe it (e.g. create a declared view
   * under another name to see how the database rewrites its SELECT), but must leave it as it
   * found it: inside `transaction()` (roll back by throwing) where DDL is transactional,
   * dropping what it made elsewhere.
   */
  readonly connection: {
    query(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
    execute(sql: string, params?: readonly unknown[]): Promise<number>;
    transaction<T>(work: (tx: {
      query(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
      execute(sql: string, params?: readonly unknown[]): Promise<number>;
    }) => Promise<T>): Promise<T>;
  };
  /** The include filters (`includeName`, `includeObject`), for the objects it finds. */
  readonly include: (
    object: unknown,
    name: string,
    type: ObjectType,
    reflected: boolean,
    compareTo: unknown,
    parents: ParentNames,
  ) => Promise<boolean>;
}

/** A difference a comparator found, the op that removes it, and where that op goes. */
export interface ComparatorChange {
  readonly op: OpBase;
  /** What autogenerate prints after "Detected ": `added view 'active_users'`. */
  readonly description: string;
  /**
   * `first`: before retort's own ops (e.g. dropping a view before the tables it reads change);
   * `last` (default): after them (creating it once its tables exist).
   */
  readonly place?: "first" | "last";
}

/**
 * Autogenerate's detection of objects retort does not compare itself (views, functions,
 * grants): given the declared and the reflected schema, the changes that take the database
 * to the declaration. Its ops go through the `rewriteOp` chain and are rendered with their
 * definitions' `render`.
 */
export interface Comparator {
  readonly name: string;
  compare(
    declared: DatabaseSchema,
    reflected: DatabaseSchema,
    ctx: ComparatorContext,
  ): readonly ComparatorChange[] | Promise<readonly ComparatorChange[]>;
}

/**
 * Reads a `target` module that is not a `defineSchema` default export (a Drizzle schema, say)
 * into a declaration; undefined when the module is not one it knows.
 */
export type ReadTarget = (
  module: Readonly<Record<string, unknown>>,
  path: string,
) => SchemaDeclaration | undefined | Promise<SchemaDeclaration | undefined>;

/** A `rewriteOp` result: keep (undefined), drop (null), or replace with one or more ops. */
export type RewriteResult = Op | OpBase | readonly (Op | OpBase)[] | null | undefined;

/** A hook: its function alone, or with its place in the order and a filter on what it sees. */
export type Hook<F> = F | {
  readonly handler: F;
  /** `pre` hooks run first, `post` last, the rest between; in config order within each. */
  readonly order?: "pre" | "post";
  /** Only ops of these kinds, and/or on this table (rewriteOp). */
  readonly filter?: { readonly kind?: readonly string[]; readonly table?: string | RegExp };
};

/** Turns one op into what runs instead. */
export type RewriteOp = (op: Op, ctx: HookContext) => RewriteResult | Promise<RewriteResult>;

/**
 * A retort plugin: a plain object with a name and the hooks it provides. `definePlugin` only
 * gives it its type. Plugins come from `plugins` in the config; the config's own `rewriteOp`,
 * `includeName`, `includeObject` and `processRevisionDirectives` keys act as a first plugin
 * named `config`.
 *
 * @example
 * ```ts
 * export default definePlugin({
 *   name: "no-drops",
 *   rewriteOp: { filter: { kind: ["dropTable"] }, handler: (op) => { throw new Error(`keep ${op.table}`); } },
 * });
 * ```
 */
export interface Plugin {
  readonly name: string;
  readonly rewriteOp?: Hook<RewriteOp>;
  readonly includeName?: Hook<
    (name: string, type: ObjectType, parents: ParentNames) => boolean | undefined
  >;
  readonly includeObject?: Hook<
    (
      object: unknown,
      name: string,
      type: ObjectType,
      reflected: boolean,
      compareTo: unknown,
    ) => boolean | undefined
  >;
  readonly processRevisionDirectives?: Hook<
    (ctx: HookContext, revision: unknown, directives: unknown[]) => void | Promise<void>
  >;
  /** New `op.*` methods, defined as retort's own are (see `defineOperation`). */
  readonly operations?: readonly OperationDefinition[];
  /** Autogenerate detection of objects retort does not compare itself. */
  readonly comparators?: readonly Comparator[];
  /** Reads a `target` module of another kind into a declared schema. */
  readonly readTarget?: ReadTarget;
  readonly beforeStep?: Hook<(event: StepEvent) => void | Promise<void>>;
  readonly afterStep?: Hook<(event: StepEvent) => void | Promise<void>>;
  readonly onError?: Hook<(event: StepEvent) => void | Promise<void>>;
}

/** The keys a plugin may have; anything else is a mistake worth an error. */
export const pluginKeys = [
  "name",
  "rewriteOp",
  "includeName",
  "includeObject",
  "processRevisionDirectives",
  "operations",
  "comparators",
  "readTarget",
  "beforeStep",
  "afterStep",
  "onError",
] as const;

/** The keys that hold hooks. */
export const hookKeys = [
  "rewriteOp",
  "includeName",
  "includeObject",
  "processRevisionDirectives",
  "beforeStep",
  "afterStep",
  "onError",
] as const;

/** A hook's name. */
export type HookName = (typeof hookKeys)[number];

/**
 * Gives a plugin object its type (it returns the object as it is).
 *
 * @example
 * ```ts
 * export default definePlugin({ name: "timing", afterStep: (e) => console.log(e.revision, e.durationMs) });
 * ```
 */
export function definePlugin<P extends Plugin>(plugin: P): P {
  return plugin;
}
