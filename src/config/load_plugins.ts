import { existsSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { RetortError, UsageError } from "../errors.ts";
import { checkPlugin } from "../plugin/check_plugin.ts";
import type { Plugin } from "../plugin/plugin.ts";
import { importModule } from "../script/import_module.ts";
import type { PluginEntry, RetortConfig } from "./config.ts";

/** First-party plugins by name, each loaded only when a config asks for it. */
export type FirstPartyPlugins = Readonly<Record<string, () => Promise<Record<string, unknown>>>>;

let firstParty: FirstPartyPlugins = {};

/**
 * Hands the loader retort's own plugins (`plugins/` in this repository), which the entry
 * points (`cli.ts`, `mod.ts`) pass in, so `"retort/plugins/NAME"` works from source and
 * inside the compiled binary alike.
 */
export function provideFirstPartyPlugins(plugins: FirstPartyPlugins): void {
  firstParty = plugins;
}

const firstPartyPrefix = "retort/plugins/";

/**
 * The config's plugins, loaded and checked before anything connects: the config's own hooks
 * as a first plugin named `config`, then each entry of `plugins` in order — an object as it
 * is; a path (relative to the config file) or a first-party name whose module's default
 * export is the plugin, or a function that makes it (called with the options of a
 * `[path, options]` entry).
 *
 * @example
 * ```ts
 * const plugins = await loadPlugins({ plugins: ["./plugins/audit.ts"] }, "/srv/app/retort.json");
 * ```
 */
export async function loadPlugins(config: RetortConfig, configPath: string): Promise<Plugin[]> {
  const own = {
    rewriteOp: config.rewriteOp,
    includeName: config.includeName,
    includeObject: config.includeObject,
    processRevisionDirectives: config.processRevisionDirectives,
  };
  const hooks = Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined));
  const plugins: Plugin[] = Object.keys(hooks).length
    ? [checkPlugin({ name: "config", ...hooks }, basename(configPath))]
    : [];
  for (const entry of config.plugins ?? []) {
    plugins.push(await loadEntry(entry, dirname(configPath), basename(configPath)));
  }
  const names = new Map<string, number>();
  plugins.forEach((p, i) => {
    if (names.has(p.name)) {
      throw new UsageError(
        "DUPLICATE_PLUGIN",
        `plugin ${p.name} is loaded twice (entries ${names.get(p.name)! + 1} and ${i + 1}); remove one`,
      );
    }
    names.set(p.name, i);
  });
  return plugins;
}

async function loadEntry(entry: PluginEntry, root: string, file: string): Promise<Plugin> {
  if (typeof entry === "string") return checkPlugin(await fromModule(entry, root, undefined), entry);
  if (Array.isArray(entry)) {
    const [spec, options] = entry as readonly [unknown, unknown];
    if (typeof spec !== "string") {
      throw new UsageError("INVALID_PLUGIN", `${file}: a [path, options] plugin entry needs a path first`);
    }
    return checkPlugin(await fromModule(spec, root, options), spec);
  }
  return checkPlugin(entry, `#${file}`);
}

/** A plugin module's default export, called with `options` when it is a function. */
async function fromModule(spec: string, root: string, options: unknown): Promise<unknown> {
  let module: Record<string, unknown>;
  if (spec.startsWith(firstPartyPrefix)) {
    const name = spec.slice(firstPartyPrefix.length);
    const load = firstParty[name];
    if (!load) {
      throw new UsageError(
        "UNKNOWN_PLUGIN",
        `no first-party plugin "${name}"; retort has ${Object.keys(firstParty).join(", ") || "none"}`,
      );
    }
    module = await load();
  } else {
    const path = resolve(root, spec);
    if (!existsSync(path)) {
      throw new UsageError("PLUGIN_NOT_FOUND", `plugin ${spec} does not exist (looked at ${path}); fix the path in plugins`);
    }
    try {
      module = await importModule(path);
    } catch (error) {
      throw new UsageError("INVALID_PLUGIN", (error as RetortError).message);
    }
  }
  const made = module.default;
  if (typeof made === "function") {
    try {
      return await made(options);
    } catch (error) {
      throw new UsageError(
        "INVALID_PLUGIN",
        `plugin ${spec}: making it with its options failed: ${String((error as Error)?.message ?? error).split("\n")[0]}`,
      );
    }
  }
  if (options !== undefined) {
    throw new UsageError(
      "INVALID_PLUGIN",
      `plugin ${spec} takes no options (its default export is not a function); write "${spec}" alone`,
    );
  }
  return made;
}
