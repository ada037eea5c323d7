import { UsageError } from "../errors.ts";
import type { Plugin } from "./plugin.ts";
import { hookKeys, pluginKeys } from "./plugin.ts";

/**
 * A plugin as loaded from the config, checked: a name, only known keys, hooks that are
 * functions (or `{ handler, order, filter }`), `operations` and `comparators` lists. Every
 * problem is a one-line usage error naming the plugin (or where it came from) and the key.
 *
 * @example
 * ```ts
 * checkPlugin(await import("./plugins/audit.ts").then((m) => m.default), "./plugins/audit.ts");
 * ```
 */
export function checkPlugin(value: unknown, source: string): Plugin {
  const fail = (why: string) => {
    throw new UsageError("INVALID_PLUGIN", why);
  };
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    fail(`plugin ${source} is not a plugin object (got ${describe(value)}); export default definePlugin({ name, ... })`);
  }
  const plugin = value as Record<string, unknown>;
  if (typeof plugin.name !== "string" || plugin.name.trim() === "") {
    fail(`plugin ${source} has no name; give it name: "..."`);
  }
  const name = plugin.name as string;
  for (const key of Object.keys(plugin)) {
    if (!(pluginKeys as readonly string[]).includes(key)) {
      fail(`plugin ${name}: unknown key "${key}"; a plugin has ${pluginKeys.join(", ")}`);
    }
  }
  for (const key of hookKeys) {
    const hook = plugin[key];
    if (hook === undefined || typeof hook === "function") continue;
    if (!hook || typeof hook !== "object" || typeof (hook as { handler?: unknown }).handler !== "function") {
      fail(`plugin ${name}: ${key} must be a function, or { handler: function, order?, filter? }`);
    }
    const { order, filter } = hook as { order?: unknown; filter?: { kind?: unknown; table?: unknown } };
    if (order !== undefined && order !== "pre" && order !== "post") {
      fail(`plugin ${name}: ${key}.order must be "pre" or "post", not ${JSON.stringify(order)}`);
    }
    if (filter !== undefined) {
      const kindOk = filter.kind === undefined ||
        (Array.isArray(filter.kind) && filter.kind.every((k) => typeof k === "string"));
      const tableOk = filter.table === undefined || typeof filter.table === "string" ||
        filter.table instanceof RegExp;
      if (!kindOk || !tableOk) {
        fail(`plugin ${name}: ${key}.filter takes { kind?: string[], table?: string | RegExp }`);
      }
    }
  }
  for (const key of ["operations", "comparators"] as const) {
    if (plugin[key] !== undefined && !Array.isArray(plugin[key])) fail(`plugin ${name}: ${key} must be an array`);
  }
  for (const [i, c] of ((plugin.comparators ?? []) as unknown[]).entries()) {
    const comparator = c as { name?: unknown; compare?: unknown } | null;
    if (typeof comparator?.name !== "string" || typeof comparator.compare !== "function") {
      fail(`plugin ${name}: comparators[${i}] must be { name: string, compare(declared, reflected, ctx) }`);
    }
  }
  if (plugin.readTarget !== undefined && typeof plugin.readTarget !== "function") {
    fail(`plugin ${name}: readTarget must be a function, not ${describe(plugin.readTarget)}`);
  }
  return plugin as unknown as Plugin;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}
