/**
 * `destructive-guard`: refuses, at run time, what loses data — dropping a table or a column, a
 * type change that narrows a column, dropping the default of a NOT NULL column — unless the
 * revision says it means it (`export const destructive = true`) or the run passes
 * `-x allow-destructive`. Batch sub-operations are guarded too. Downgrades, which undo by
 * nature, are guarded only with `{ downgrades: true }`.
 *
 * ```json
 * { "plugins": ["retort/plugins/destructive-guard"] }
 * ```
 * @module
 */
import { definePlugin } from "retort";
import type { AlterColumnOp, ColumnType, HookContext, Op, Plugin } from "retort";

/** Options: also guard downgrades. */
export interface DestructiveGuardOptions {
  readonly downgrades?: boolean;
}

/**
 * The plugin, made with its options.
 *
 * @example
 * ```ts
 * export default defineConfig({ plugins: [destructiveGuard({ downgrades: true })] });
 * ```
 */
export default function destructiveGuard(options: DestructiveGuardOptions = {}): Plugin {
  return definePlugin({
    name: "destructive-guard",
    rewriteOp: {
      order: "post", // judge what the other rewriters produced
      filter: { kind: ["dropTable", "dropColumn", "alterColumn"] },
      handler: (op: Op, ctx: HookContext) => {
        // A guard of what runs: autogenerate only writes the drop, for a person to review.
        if (ctx.phase === "autogenerate") return undefined;
        if (ctx.direction === "downgrade" && !options.downgrades) return undefined;
        if (ctx.exports?.destructive === true || ctx.args["allow-destructive"] !== undefined) {
          return undefined;
        }
        const loss = whatIsLost(op);
        if (!loss) return undefined;
        throw new Error(
          `${loss}; if that is meant, add \`export const destructive = true\` to revision ${ctx.revision}, ` +
            "or run with -x allow-destructive",
        );
      },
    },
  });
}

/** What the op destroys, in words, or undefined when it keeps every value. */
function whatIsLost(op: Op): string | undefined {
  const on = "table" in op && op.table ? String(op.table) : "";
  if (op.kind === "dropTable") return `dropTable ${on} deletes the table and its rows`;
  if (op.kind === "dropColumn") return `dropColumn ${on}.${op.column} deletes the column's values`;
  if (op.kind !== "alterColumn") return undefined;
  const alter = op as AlterColumnOp;
  if (alter.type !== undefined && narrows(alter.type, alter.existingType)) {
    return `alterColumn ${on}.${alter.column} changes the type to a narrower one` +
      (alter.existingType ? "" : " (or one retort cannot compare: give existingType)");
  }
  const notNull = alter.nullable === false || (alter.nullable === undefined && alter.existingNullable === false);
  if (alter.serverDefault === null && notNull) {
    return `alterColumn ${on}.${alter.column} drops the default of a NOT NULL column, so inserts that relied on it fail`;
  }
  return undefined;
}

const integerWidth: Record<string, number> = { smallint: 2, integer: 4, bigint: 8 };

/** True when values of `from` may not fit `to` (unknown `from`: assume they may not). */
function narrows(to: ColumnType, from: ColumnType | undefined): boolean {
  if (!from) return true;
  if (JSON.stringify(from) === JSON.stringify(to)) return false;
  if (from.name in integerWidth && to.name in integerWidth) {
    return integerWidth[to.name] < integerWidth[from.name];
  }
  if ((from.name === "varchar" || from.name === "char") && to.name === "text") return false;
  if ((from.name === "varchar" || from.name === "char") && to.name === "varchar") {
    if (to.length === undefined) return false;
    return from.length === undefined || to.length < from.length;
  }
  if (from.name === "varchar" && to.name === "char") return true;
  if (from.name === "numeric" && to.name === "numeric") {
    return (to.precision ?? Infinity) < (from.precision ?? Infinity) ||
      (to.scale ?? 0) < (from.scale ?? 0);
  }
  if (from.name === "real" && to.name === "double") return false;
  if (to.name === "text" || to.name === "raw") return to.name === "raw";
  return true;
}
