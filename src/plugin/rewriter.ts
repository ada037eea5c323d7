import type { Op, OpBase, OpKinds } from "../ops/op.ts";
import type { HookContext, RewriteOp, RewriteResult } from "./plugin.ts";

/** A `rewriteOp` function that also takes rewrites per op kind, and chains. */
export interface Rewriter extends RewriteOp {
  /** Rewrites ops of `kind` with `fn`; other ops pass unchanged. */
  rewrites<K extends keyof OpKinds>(
    kind: K,
    fn: (op: OpKinds[K], ctx: HookContext) => RewriteResult | Promise<RewriteResult>,
  ): Rewriter;
  /** A rewriter that feeds what this one produces through `next`. */
  chain(next: RewriteOp): Rewriter;
}

/**
 * Alembic's `Rewriter`: collects rewrites by operation kind into one `rewriteOp` function,
 * usable wherever a `rewriteOp` hook goes (a plugin, or the config's own `rewriteOp`).
 *
 * @example
 * ```ts
 * // add a NOT NULL column nullable, then make it NOT NULL: the seed's two-step example
 * export const twoStep = rewriter().rewrites("addColumn", (op) => {
 *   if (op.column.nullable !== false) return undefined;
 *   return [
 *     { ...op, column: { ...op.column, nullable: true } },
 *     { kind: "alterColumn", table: op.table, column: op.column.name, nullable: false,
 *       existingType: op.column.type },
 *   ];
 * });
 * ```
 */
export function rewriter(): Rewriter {
  return build(new Map(), []);
}

type Rewrite = (op: OpBase, ctx: HookContext) => RewriteResult | Promise<RewriteResult>;

function build(byKind: ReadonlyMap<string, Rewrite>, after: readonly RewriteOp[]): Rewriter {
  const apply = async (op: Op, ctx: HookContext): Promise<RewriteResult> => {
    const own = byKind.get(op.kind);
    let stream: OpBase[] = [op];
    if (own) stream = spread(await own(op, ctx), op);
    for (const next of after) {
      const out: OpBase[] = [];
      for (const current of stream) out.push(...spread(await next(current as Op, ctx), current));
      stream = out;
    }
    return stream.length === 1 && stream[0] === op ? undefined : stream;
  };
  return Object.assign(apply, {
    rewrites: <K extends keyof OpKinds>(
      kind: K,
      fn: (op: OpKinds[K], ctx: HookContext) => RewriteResult | Promise<RewriteResult>,
    ) => build(new Map([...byKind, [kind, fn as Rewrite]]), after),
    chain: (next: RewriteOp) => build(byKind, [...after, next]),
  });
}

/** A rewrite's result as a list: undefined keeps `op`, null drops it. */
function spread(result: RewriteResult, op: OpBase): OpBase[] {
  if (result === undefined) return [op];
  if (result === null) return [];
  return Array.isArray(result) ? [...(result as OpBase[])] : [result as OpBase];
}
