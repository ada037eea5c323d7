/**
 * `skip-empty`: an autogenerate that finds nothing writes no revision (and says so), instead of
 * an empty one. `retort revision --autogenerate --allow-empty` still writes one, and so does a
 * plain `retort revision`.
 *
 * ```json
 * { "plugins": ["retort/plugins/skip-empty"] }
 * ```
 * @module
 */
import { definePlugin } from "retort";
import type { HookContext, MigrationScript, Plugin } from "retort";

/**
 * The plugin (it has no options).
 *
 * @example
 * ```ts
 * export default defineConfig({ target: "db/schema.ts", plugins: [skipEmpty()] });
 * ```
 */
export default function skipEmpty(): Plugin {
  return definePlugin({
    name: "skip-empty",
    processRevisionDirectives: {
      order: "post", // judge what the other processors left
      handler: (ctx: HookContext, _revision: unknown, directives: unknown[]) => {
        if (!ctx.autogenerate || ctx.args["allow-empty"] !== undefined) return;
        const scripts = directives as MigrationScript[];
        if (scripts.every((s) => s.upgradeOps.length === 0 && s.downgradeOps.length === 0)) {
          directives.length = 0;
        }
      },
    },
  });
}
