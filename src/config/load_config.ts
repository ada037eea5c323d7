import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { RetortError, UsageError } from "../errors.ts";
import { importModule } from "../script/import_module.ts";
import type { ResolvedConfig, RetortConfig } from "./config.ts";
import { configKeys } from "./config.ts";
import type { Plugin } from "../plugin/plugin.ts";
import { defaultPluginTimeoutMs } from "../plugin/plugin_chain.ts";
import { loadPlugins } from "./load_plugins.ts";

/** The file names searched for, in order, when no `-c` is given. */
export const configFileNames = ["retort.config.ts", "retort.config.js", "retort.json"] as const;

/** Where the command-line and environment settings come from. */
export interface ConfigSources {
  /** `-c/--config`. */
  readonly configFile?: string;
  /** `--url`. */
  readonly url?: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Finds the config file: `-c FILE`, else the first of `configFileNames` in the working dir. */
export function findConfigFile(sources: ConfigSources): string {
  if (sources.configFile) {
    const path = resolve(sources.cwd, sources.configFile);
    if (!existsSync(path)) {
      throw new UsageError(
        "CONFIG_NOT_FOUND",
        `config file ${path} does not exist; check -c/--config`,
      );
    }
    return path;
  }
  for (const name of configFileNames) {
    const path = resolve(sources.cwd, name);
    if (existsSync(path)) return path;
  }
  throw new UsageError(
    "CONFIG_NOT_FOUND",
    `no ${configFileNames.join(", ")} in ${sources.cwd}; run \`retort init\` or pass -c FILE`,
  );
}

/** Whether `dir` holds one of the config files retort looks for. */
export function hasConfigFile(dir: string): boolean {
  return configFileNames.some((name) => existsSync(resolve(dir, name)));
}

/**
 * Finds, reads and validates the project's config, and applies `--url`/`DATABASE_URL`;
 * `overrides.scriptLocation` (relative to the working directory) replaces the config's.
 */
export async function loadConfig(
  sources: ConfigSources,
  overrides: { scriptLocation?: string } = {},
): Promise<ResolvedConfig> {
  const path = findConfigFile(sources);
  const raw = path.endsWith(".json")
    ? readJsonConfig(path, sources.env)
    : await readModuleConfig(path);
  const config = validate(raw, path);
  const scriptLocation = overrides.scriptLocation === undefined
    ? {}
    : { scriptLocation: resolve(sources.cwd, overrides.scriptLocation), versionLocations: undefined };
  const plugins = await loadPlugins(config, path);
  return resolveConfig({ ...config, ...scriptLocation }, path, sources, plugins);
}

/** Applies defaults and makes paths absolute. */
export function resolveConfig(
  config: RetortConfig,
  configPath: string | undefined,
  sources: ConfigSources,
  plugins: readonly Plugin[] = [],
): ResolvedConfig {
  const rootDir = configPath ? dirname(configPath) : sources.cwd;
  const scriptDir = resolve(rootDir, config.scriptLocation ?? "migrations");
  const fromCommandLine = sources.url || sources.env.DATABASE_URL;
  const url = fromCommandLine || config.url;
  return {
    configPath,
    rootDir,
    url,
    ...(fromCommandLine && config.url ? { configUrl: config.url } : {}),
    ...(url
      ? {
        urlSource: sources.url
          ? "--url" as const
          : fromCommandLine
          ? "DATABASE_URL" as const
          : "config" as const,
      }
      : {}),
    urlBaseDir: fromCommandLine ? sources.cwd : rootDir,
    scriptDir,
    versionDirs: config.versionLocations?.map((dir) => resolve(rootDir, dir)) ??
      [resolve(scriptDir, "versions")],
    versionTable: config.versionTable ?? "retort_version",
    versionTableSchema: config.versionTableSchema,
    transactionPerMigration: config.transactionPerMigration ?? false,
    strictChecksums: config.strictChecksums ?? false,
    fileTemplate: config.fileTemplate ?? "%(rev)s_%(slug)s",
    lockTimeoutMs: config.lockTimeoutMs ?? 60_000,
    namingConvention: config.namingConvention,
    plugins,
    pluginTimeoutMs: config.pluginTimeoutMs ?? defaultPluginTimeoutMs,
    ...(config.target ? { target: resolve(rootDir, config.target) } : {}),
    compareType: config.compareType ?? true,
    compareServerDefault: config.compareServerDefault ?? false,
    ...(config.renderAsBatch === undefined ? {} : { renderAsBatch: config.renderAsBatch }),
    includeSchemas: config.includeSchemas ?? [],
  };
}

function readJsonConfig(path: string, env: ConfigSources["env"]): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError("CONFIG_UNREADABLE", `cannot read ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      "CONFIG_INVALID",
      `${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
  return substituteEnv(data, env, path);
}

/** Replaces `${VAR}` in every string of a JSON config with the environment variable. */
function substituteEnv(value: unknown, env: ConfigSources["env"], path: string): unknown {
  if (typeof value === "string") {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const found = env[name];
      if (found === undefined) {
        throw new UsageError(
          "CONFIG_INVALID",
          `${path} uses \${${name}} but ${name} is not set; export it or edit the file`,
        );
      }
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((v) => substituteEnv(v, env, path));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substituteEnv(v, env, path)]),
    );
  }
  return value;
}

/** A `retort.config.ts`'s default export (or what its default function returns); a config that does not load is a usage error. */
async function readModuleConfig(path: string): Promise<unknown> {
  try {
    const module = await importModule(path);
    const config = module.default;
    return typeof config === "function" ? await config() : config;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = error instanceof RetortError
      ? error.message
      : `${path}: ${String((error as Error)?.message ?? error).split("\n")[0]}`;
    throw new UsageError("CONFIG_INVALID", message);
  }
}

function validate(data: unknown, path: string): RetortConfig {
  const file = basename(path);
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    throw new UsageError("CONFIG_INVALID", `${path} must hold an object of settings (see README)`);
  }
  for (const [key, value] of Object.entries(data)) {
    const expected = configKeys[key as keyof RetortConfig];
    if (!expected) {
      throw new UsageError(
        "CONFIG_INVALID",
        `${file}: unknown setting "${key}"; known settings are ${
          Object.keys(configKeys).join(", ")
        }`,
      );
    }
    const ok = expected === "string[]"
      ? Array.isArray(value) && value.every((v) => typeof v === "string")
      : expected === "hook"
      ? typeof value === "function" || (typeof value === "object" && value !== null)
      : valueKind(value) === expected;
    if (!ok && value !== undefined && value !== null) {
      throw new UsageError("CONFIG_INVALID", `${file}: "${key}" must be ${kindNames[expected]}`);
    }
  }
  const timeout = (data as RetortConfig).lockTimeoutMs;
  if (timeout !== undefined && timeout !== null && !(Number.isInteger(timeout) && timeout >= 0 && timeout <= maxLockTimeoutMs)) {
    throw new UsageError(
      "CONFIG_INVALID",
      `${file}: "lockTimeoutMs" must be a whole number of milliseconds from 0 to ${maxLockTimeoutMs} (about 24 days), not ${timeout}`,
    );
  }
  return data as RetortConfig;
}

/** The longest wait PostgreSQL's lock_timeout and MySQL's GET_LOCK take (a 32-bit count of ms). */
const maxLockTimeoutMs = 2_147_483_647;

const kindNames: Record<string, string> = {
  string: "a string",
  boolean: "true or false",
  number: "a number",
  "string[]": "an array of strings",
  hook: "a function (in retort.config.ts)",
  object: "an object",
  array: "an array",
};

function valueKind(value: unknown): string {
  return Array.isArray(value) ? "array" : typeof value;
}
