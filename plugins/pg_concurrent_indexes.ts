/**
 * `pg-concurrent-indexes`: on PostgreSQL, `op.createIndex` and `op.dropIndex` run
 * `CONCURRENTLY` (without blocking writes) in revisions that run outside a transaction
 * (`export const transaction = false`); inside one, where CONCURRENTLY cannot run, they are
 * refused with the way out — except on a table the same revision created, which nobody else
 * uses yet. Other databases are left alone.
 *
 * ```json
 * { "plugins": ["retort/plugins/pg-concurrent-indexes"] }
 * ```
 * @module
 */
import { definePlugin } from "retort";
import type { HookContext, OpBase, Plugin } from "retort";

/** Options: `allowInTransaction` lets index builds inside a transaction through as they are. */
export interface ConcurrentIndexOptions {
  readonly allowInTransaction?: boolean;
}

/**
 * The plugin, made with its options.
 *
 * @example
 * ```ts
 * export default defineConfig({ plugins: [pgConcurrentIndexes()] });
 * ```
 */
export default function pgConcurrentIndexes(options: ConcurrentIndexOptions = {}): Plugin {
  // tables created by each revision's step so far (a step's ops pass here in order)
  const created = new Map<string, Set<string>>();
  return definePlugin({
    name: "pg-concurrent-indexes",
    rewriteOp: {
      filter: { kind: ["createTable", "createIndex", "dropIndex"] },
      handler: (op: OpBase, ctx: HookContext) => {
        if (ctx.dialect.name !== "postgres" || ctx.within) return undefined;
        const step = `${ctx.revision}:${ctx.direction}`;
        const table = (op as { table?: string }).table ?? "";
        if (op.kind === "createTable") {
          if (!created.has(step)) created.set(step, new Set());
          created.get(step)!.add(table);
          return undefined;
        }
        if (created.get(step)?.has(table)) return undefined;
        if (!ctx.inTransaction) return { ...op, concurrently: true };
        if (options.allowInTransaction) return undefined;
        const name = (op as { name?: string }).name ?? "";
        throw new Error(
          `${op.kind} ${name} on ${table} would lock the table for writes; indexes are built CONCURRENTLY, ` +
            `which cannot run inside a transaction: add \`export const transaction = false\` to revision ${ctx.revision}`,
        );
      },
    },
  });
}
