import type { Dialect } from "../dialect/dialect.ts";
import type { Op, OpBase } from "../ops/op.ts";
import type { OperationDefinition } from "../ops/operation_definition.ts";

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
  readonly comparators?: readonly unknown[];
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
