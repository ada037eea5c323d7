import type { Plugin } from "../plugin/plugin.ts";
import type { NamingConvention } from "../schema/naming.ts";

/**
 * A project's settings, as written in `retort.json` or returned by `retort.config.ts`.
 *
 * @example
 * ```ts
 * export default defineConfig({ url: "sqlite:app.db", transactionPerMigration: true });
 * ```
 */
export interface RetortConfig {
  /** Database URL; `--url` and `DATABASE_URL` take precedence. */
  url?: string;
  /** Folder of the migration environment (default `migrations`). */
  scriptLocation?: string;
  /** Folders holding revision files (default `<scriptLocation>/versions`). */
  versionLocations?: string[];
  /** Name of the version table (default `retort_version`). */
  versionTable?: string;
  versionTableSchema?: string;
  /** One transaction per revision instead of one for the whole run. */
  transactionPerMigration?: boolean;
  /** `upgrade` refuses to run while an applied revision's file differs from the one that ran. */
  strictChecksums?: boolean;
  /** New revision file names: `%(rev)s`, `%(slug)s`, `%(year)d`... (default `%(rev)s_%(slug)s`). */
  fileTemplate?: string;
  lockTimeoutMs?: number;
  /** Names for unnamed indexes and constraints (SQLAlchemy's `naming_convention` tokens). */
  namingConvention?: NamingConvention;
  /**
   * Plugins, in order: plugin objects (`retort.config.ts`), or paths relative to the config
   * file (`"./plugins/audit.ts"`) and first-party names (`"retort/plugins/destructive-guard"`),
   * each alone or as `[path, options]` for a plugin whose module exports a function of options.
   */
  plugins?: PluginEntry[];
  /** How long a plugin hook may take to settle (default 30 s). */
  pluginTimeoutMs?: number;
  /** The config's own hooks (Alembic's `context.configure(...)` arguments), a first plugin named `config`. */
  rewriteOp?: Plugin["rewriteOp"];
  includeName?: Plugin["includeName"];
  includeObject?: Plugin["includeObject"];
  processRevisionDirectives?: Plugin["processRevisionDirectives"];
  /** The schema module (relative to the config) whose default export is `defineSchema(...)`. */
  target?: string;
  /** Autogenerate compares column types (default true). */
  compareType?: boolean;
  /** Autogenerate compares server defaults (default false). */
  compareServerDefault?: boolean;
  /** Autogenerate writes column and constraint changes as `batchAlterTable` blocks (default: on SQLite). */
  renderAsBatch?: boolean;
  /** Schemas autogenerate reads besides the current one. */
  includeSchemas?: string[];
}

/** One entry of `plugins`. */
export type PluginEntry = Plugin | string | readonly [string, unknown];

/** Identity function that gives a TypeScript config file its types. */
export function defineConfig(config: RetortConfig): RetortConfig {
  return config;
}

/** The settings a command runs with: defaults applied, paths absolute. */
export interface ResolvedConfig {
  /** The config file, or undefined when running from defaults (e.g. `init`). */
  readonly configPath?: string;
  /** The folder relative paths in the config are resolved against. */
  readonly rootDir: string;
  /** URL from `--url`, `DATABASE_URL` or the config, whichever comes first. */
  readonly url?: string;
  /** Where `url` came from. */
  readonly urlSource?: "--url" | "DATABASE_URL" | "config";
  /** The config file's own url, when `--url` or `DATABASE_URL` replaced it. */
  readonly configUrl?: string;
  /** The folder relative SQLite paths in `url` resolve against. */
  readonly urlBaseDir: string;
  readonly scriptDir: string;
  readonly versionDirs: readonly string[];
  readonly versionTable: string;
  readonly versionTableSchema?: string;
  readonly transactionPerMigration: boolean;
  readonly strictChecksums: boolean;
  readonly fileTemplate: string;
  readonly lockTimeoutMs: number;
  readonly namingConvention?: NamingConvention;
  /** The plugins, loaded and checked, the config's own hooks first (as plugin `config`). */
  readonly plugins: readonly Plugin[];
  readonly pluginTimeoutMs: number;
  /** The schema module, as an absolute path. */
  readonly target?: string;
  readonly compareType: boolean;
  readonly compareServerDefault: boolean;
  /** Undefined: batches on SQLite only. */
  readonly renderAsBatch?: boolean;
  readonly includeSchemas: readonly string[];
}

/** The keys a config may have, with the type each must be. */
export const configKeys: Readonly<
  Record<
    keyof RetortConfig,
    "string" | "boolean" | "number" | "string[]" | "object" | "array" | "hook"
  >
> = {
  url: "string",
  scriptLocation: "string",
  versionLocations: "string[]",
  versionTable: "string",
  versionTableSchema: "string",
  transactionPerMigration: "boolean",
  strictChecksums: "boolean",
  fileTemplate: "string",
  lockTimeoutMs: "number",
  namingConvention: "object",
  target: "string",
  compareType: "boolean",
  compareServerDefault: "boolean",
  renderAsBatch: "boolean",
  includeSchemas: "string[]",
  plugins: "array",
  pluginTimeoutMs: "number",
  rewriteOp: "hook",
  includeName: "hook",
  includeObject: "hook",
  processRevisionDirectives: "hook",
};
