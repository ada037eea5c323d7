import type { Op, OpBase } from "../ops/op.ts";
import type { OperationDefinition } from "../ops/operation_definition.ts";
import type { DatabaseSchema } from "../schema/database_schema.ts";
import type { SchemaDeclaration } from "../schema/define_schema.ts";
import type {
  ComparatorChange,
  ComparatorContext,
  Hook,
  HookContext,
  HookName,
  ObjectType,
  ParentNames,
  Plugin,
  RewriteResult,
  StepEvent,
} from "./plugin.ts";
import { PluginError } from "./plugin_error.ts";

/** How long a hook may take to settle before it fails the run (the config's `pluginTimeoutMs`). */
export const defaultPluginTimeoutMs = 30_000;

interface Entry<F> {
  readonly plugin: string;
  readonly handler: F;
  readonly filter?: { readonly kind?: readonly string[]; readonly table?: string | RegExp };
}

// deno-lint-ignore no-explicit-any
type AnyFunction = (...args: any[]) => any;

/**
 * The plugins of a run, their hooks in order: `pre` hooks, then unordered ones, then `post`
 * ones, each bucket in config order. Every call is wrapped: a throw, a rejection or a hook
 * that does not settle within the timeout becomes a `PluginError` naming the plugin, the hook,
 * the revision and the operation.
 *
 * @example
 * ```ts
 * const chain = new PluginChain([audit, guard]);
 * const ops = await chain.rewrite(op, ctx);
 * ```
 */
export class PluginChain {
  private readonly hooks = new Map<HookName, Entry<AnyFunction>[]>();

  constructor(
    readonly plugins: readonly Plugin[] = [],
    private readonly timeoutMs: number = defaultPluginTimeoutMs,
  ) {
    for (const name of ["rewriteOp", "includeName", "includeObject", "processRevisionDirectives", "beforeStep", "afterStep", "onError"] as const) {
      const buckets: Record<"pre" | "normal" | "post", Entry<AnyFunction>[]> = {
        pre: [],
        normal: [],
        post: [],
      };
      for (const plugin of plugins) {
        const hook = plugin[name] as Hook<AnyFunction> | undefined;
        if (hook === undefined) continue;
        const entry = typeof hook === "function"
          ? { plugin: plugin.name, handler: hook }
          : { plugin: plugin.name, handler: hook.handler, filter: hook.filter };
        const order = typeof hook === "function" ? undefined : hook.order;
        buckets[order ?? "normal"].push(entry);
      }
      this.hooks.set(name, [...buckets.pre, ...buckets.normal, ...buckets.post]);
    }
  }

  /** True when some plugin processes revision directives. */
  get processesDirectives(): boolean {
    return (this.hooks.get("processRevisionDirectives") ?? []).length > 0;
  }

  /** True when some plugin has an `includeName` or `includeObject` hook. */
  get filters(): boolean {
    return (this.hooks.get("includeName") ?? []).length + (this.hooks.get("includeObject") ?? []).length > 0;
  }

  /** True when some plugin rewrites ops (so the pipeline can skip the chain otherwise). */
  get rewrites(): boolean {
    return (this.hooks.get("rewriteOp") ?? []).length > 0;
  }

  /** True when some plugin has comparators. */
  get compares(): boolean {
    return this.plugins.some((p) => (p.comparators ?? []).length > 0);
  }

  /** Every plugin's comparators, in plugin order; a throw names the plugin and comparator. */
  async compare(
    declared: DatabaseSchema,
    reflected: DatabaseSchema,
    ctx: ComparatorContext,
  ): Promise<ComparatorChange[]> {
    const changes: ComparatorChange[] = [];
    for (const plugin of this.plugins) {
      for (const comparator of plugin.comparators ?? []) {
        try {
          changes.push(...await comparator.compare(declared, reflected, ctx));
        } catch (error) {
          throw wrapped(error, `plugin ${plugin.name}: comparator ${comparator.name} failed`);
        }
      }
    }
    return changes;
  }

  /** The names of the plugins that read `target` modules of other kinds. */
  get targetReaders(): string[] {
    return this.plugins.filter((p) => p.readTarget).map((p) => p.name);
  }

  /** The declaration the first plugin that knows the module reads from it, if any. */
  async readTarget(module: Readonly<Record<string, unknown>>, path: string): Promise<SchemaDeclaration | undefined> {
    for (const plugin of this.plugins) {
      if (!plugin.readTarget) continue;
      try {
        const declared = await plugin.readTarget(module, path);
        if (declared) return declared;
      } catch (error) {
        throw wrapped(error, `plugin ${plugin.name}: readTarget of ${path} failed`);
      }
    }
    return undefined;
  }

  /** The operations plugins define, with who defined each. */
  operations(): { definition: OperationDefinition; owner: string }[] {
    return this.plugins.flatMap((p) =>
      (p.operations ?? []).map((definition) => ({ definition, owner: p.name }))
    );
  }

  /**
   * `op` through every `rewriteOp` hook in turn, each seeing what the one before produced
   * (undefined keeps an op, null drops it, an array replaces it).
   */
  async rewrite(op: OpBase, ctx: HookContext): Promise<OpBase[]> {
    let stream: OpBase[] = [op];
    for (const entry of this.hooks.get("rewriteOp") ?? []) {
      const next: OpBase[] = [];
      for (const current of stream) {
        if (!matches(entry.filter, current)) {
          next.push(current);
          continue;
        }
        let result = this.call(entry, "rewriteOp", ctx, current, [current, ctx]) as
          | RewriteResult
          | Promise<RewriteResult>;
        if (isThenable(result)) result = await result;
        if (result === undefined) next.push(current);
        else if (result === null) continue;
        else if (Array.isArray(result)) next.push(...(result as OpBase[]));
        else next.push(result as OpBase);
      }
      for (const produced of next) checkOp(entry.plugin, produced);
      stream = next;
    }
    return stream;
  }

  /** The first defined answer of the `includeName` hooks; none includes the object. */
  async includeName(name: string, type: ObjectType, parents: ParentNames, ctx: HookContext): Promise<boolean> {
    return await this.firstAnswer("includeName", ctx, [name, type, parents]) ?? true;
  }

  /** The first defined answer of the `includeObject` hooks; none includes the object. */
  async includeObject(
    object: unknown,
    name: string,
    type: ObjectType,
    reflected: boolean,
    compareTo: unknown,
    ctx: HookContext,
  ): Promise<boolean> {
    return await this.firstAnswer("includeObject", ctx, [object, name, type, reflected, compareTo]) ??
      true;
  }

  /** Every `processRevisionDirectives` hook, in order, on the same list (edited in place). */
  async processRevisionDirectives(ctx: HookContext, revision: unknown, directives: unknown[]): Promise<void> {
    for (const entry of this.hooks.get("processRevisionDirectives") ?? []) {
      await this.call(entry, "processRevisionDirectives", ctx, undefined, [ctx, revision, directives]);
    }
  }

  /** Tells every observer of `hook` about a step. */
  async observe(hook: "beforeStep" | "afterStep" | "onError", event: StepEvent, ctx: HookContext): Promise<void> {
    for (const entry of this.hooks.get(hook) ?? []) {
      await this.call(entry, hook, ctx, undefined, [event]);
    }
  }

  private async firstAnswer(hook: HookName, ctx: HookContext, args: unknown[]): Promise<boolean | undefined> {
    for (const entry of this.hooks.get(hook) ?? []) {
      const answer = await this.call(entry, hook, ctx, undefined, args);
      if (answer !== undefined) return Boolean(answer);
    }
    return undefined;
  }

  /**
   * One hook call, with its failure and its timeout named. A hook that answers at once costs
   * a plain call; only a promise is raced against the timeout.
   */
  private call(
    entry: Entry<AnyFunction>,
    hook: HookName,
    ctx: HookContext,
    op: OpBase | undefined,
    args: unknown[],
  ): unknown {
    const fail = (error: unknown): never => {
      if (error instanceof PluginError) throw error;
      const why = String((error as Error)?.message ?? error).split("\n")[0];
      throw new PluginError(`${describe(entry.plugin, hook, ctx, op)} failed: ${why}`, { cause: error });
    };
    let result: unknown;
    try {
      result = entry.handler(...args);
    } catch (error) {
      fail(error);
    }
    if (!isThenable(result)) return result;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new PluginError(
              `${describe(entry.plugin, hook, ctx, op)} did not settle within ${this.timeoutMs} ms; fix the hook, or raise pluginTimeoutMs`,
            ),
          ),
        this.timeoutMs,
      );
    });
    return Promise.race([result, timeout]).catch(fail).finally(() => clearTimeout(timer));
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** `plugin audit: rewriteOp on dropTable users in revision a1 (upgrade)`. */
function describe(plugin: string, hook: HookName, ctx: HookContext, op: OpBase | undefined): string {
  const target = op ? ` on ${op.kind}${"table" in op && op.table ? ` ${String(op.table)}` : ""}` : "";
  const revision = ctx.revision ? ` in revision ${ctx.revision}${ctx.direction ? ` (${ctx.direction})` : ""}` : "";
  return `plugin ${plugin}: ${hook}${target}${revision}`;
}

function matches(
  filter: Entry<AnyFunction>["filter"],
  op: OpBase,
): boolean {
  if (!filter) return true;
  if (filter.kind && !filter.kind.includes(op.kind)) return false;
  if (filter.table !== undefined) {
    const table = (op as Partial<Op> & { table?: unknown }).table;
    if (typeof table !== "string") return false;
    if (typeof filter.table === "string" ? filter.table !== table : !filter.table.test(table)) {
      return false;
    }
  }
  return true;
}

/** A rewriter must give back ops: data with a `kind`. */
function checkOp(plugin: string, op: unknown): void {
  if (!op || typeof op !== "object" || typeof (op as OpBase).kind !== "string") {
    throw new PluginError(
      `plugin ${plugin}: rewriteOp returned ${JSON.stringify(op) ?? String(op)}, not an operation; return an op, an array of ops, null (drop) or undefined (keep)`,
    );
  }
}

/** A plugin's failure as a one-line PluginError (one it threw itself stays as it is). */
function wrapped(error: unknown, what: string): PluginError {
  if (error instanceof PluginError) return error;
  const why = String((error as Error)?.message ?? error).split("\n")[0];
  return new PluginError(`${what}: ${why}`, { cause: error });
}
