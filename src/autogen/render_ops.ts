import type { Op } from "../ops/op.ts";
import type { OperationRegistry } from "../ops/operation_registry.ts";
import { formatTs } from "./format_ts.ts";

/** A revision function's body, and the context names it uses. */
export interface RenderedBody {
  /** `await op.x(...);` lines, formatted, joined for a body indented two spaces. */
  readonly text: string;
  /** `op`, plus `t` and `sql` where the body uses them. */
  readonly uses: readonly string[];
}

/**
 * The body of `upgrade()` or `downgrade()` for `ops`: each op's `render` from its definition,
 * laid out as `deno fmt` would; an op with no `render` stops with its definition's error. An
 * empty list gives a `pass`-like comment.
 *
 * @example
 * ```ts
 * renderBody([{ kind: "dropTable", table: "users" }], registry).text; // 'await op.dropTable("users");'
 * ```
 */
export function renderBody(
  ops: readonly Op[],
  registry: OperationRegistry,
  options: { indent?: number; width?: number; empty?: string } = {},
): RenderedBody {
  const indent = options.indent ?? 2;
  if (ops.length === 0) {
    return { text: options.empty ?? "// nothing to do", uses: ["op"] };
  }
  const lines = ops.map((op) => formatTs(`await ${registry.render(op)};`, indent, options.width ?? 80));
  const text = lines.join(`\n${" ".repeat(indent)}`);
  const uses = ["op", ...(/\bt\.\w+\(/.test(text) ? ["t"] : []), ...(/\bsql`/.test(text) ? ["sql"] : [])];
  return { text, uses };
}

/**
 * The downgrade of `upgrade`: each op's inverse (`reverse()`), last first. An op with no
 * inverse is written as a comment that says so, for the author to fill in.
 */
export function reverseOps(
  upgrade: readonly Op[],
  registry: OperationRegistry,
): { ops: Op[]; missing: Op[] } {
  const ops: Op[] = [];
  const missing: Op[] = [];
  for (const op of [...upgrade].reverse()) {
    const back = registry.reverse(op);
    if (back) ops.push(back);
    else missing.push(op);
  }
  return { ops, missing };
}
