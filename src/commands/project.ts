import process from "node:process";
import type { ResolvedConfig } from "../config/config.ts";
import { parseDatabaseUrl } from "../config/database_url.ts";
import { hasConfigFile, loadConfig, resolveConfig } from "../config/load_config.ts";
import { redactSecrets } from "../config/redact_secrets.ts";
import type { Dialect } from "../dialect/dialect.ts";
import { dialectFor } from "../dialect/dialect_for.ts";
import { connect } from "../driver/connect.ts";
import type { Connection } from "../driver/connection.ts";
import { UsageError } from "../errors.ts";
import type { OperationRegistry } from "../ops/operation_registry.ts";
import { PluginChain } from "../plugin/plugin_chain.ts";
import { RevisionMap } from "../revision/revision_map.ts";
import { builtinRegistry } from "../runtime/builtin_registry.ts";
import { VersionTable } from "../runtime/version_table.ts";
import type { RevisionScript } from "../script/script_directory.ts";
import { scanScripts, toRevisionSource } from "../script/script_directory.ts";
import type { Output } from "../ui/output.ts";
import { silentOutput } from "../ui/output.ts";

/**
 * Options every command takes: where the project is, and how to talk back.
 *
 * @example
 * ```ts
 * await upgrade({ cwd: "/srv/app", target: "head" });
 * ```
 */
export interface CommandOptions {
  /** The working directory (default: the process's). */
  readonly cwd?: string;
  /** A config file, as `-c/--config`. */
  readonly config?: string;
  /** A database URL, as `--url`; wins over `DATABASE_URL` and the config. */
  readonly url?: string;
  /** Environment variables (default: the process's). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly output?: Output;
  /**
   * An open connection to use instead of connecting to the URL (from `connect()`), e.g. a
   * `:memory:` SQLite database a test migrates and then uses. It stays open afterwards.
   */
  readonly connection?: Connection;
  /**
   * The folder with `versions/` when there is no config file to say so (library use); with
   * a config file, its `scriptLocation` wins unless this is given.
   */
  readonly scriptLocation?: string;
  /** `-x key=value` arguments for plugins (`ctx.args`); `-x flag` alone gives `"true"`. */
  readonly args?: Readonly<Record<string, string>>;
  /** `--tag`: recorded with each step and stamp in the history table (a release, a ticket). */
  readonly tag?: string;
}

/** A loaded project: its config, its revision files and their graph. */
export interface Project {
  readonly config: ResolvedConfig;
  readonly scripts: ReadonlyMap<string, RevisionScript>;
  readonly map: RevisionMap;
  readonly output: Output;
  /** The caller's own open connection, if it gave one. */
  readonly connection?: Connection;
  /** Every operation migrations can call: retort's own and the plugins'. */
  readonly registry: OperationRegistry;
  /** The config's plugins, in order. */
  readonly plugins: PluginChain;
  readonly args: Readonly<Record<string, string>>;
  readonly tag?: string;
}

/**
 * Loads the config and scans the revision files into a graph. Without a config file, a
 * library call that says where its revisions are (`scriptLocation`) or what to connect to
 * (`url`, `connection`) runs with the defaults.
 */
export async function openProject(options: CommandOptions): Promise<Project> {
  const sources = {
    configFile: options.config,
    url: options.url,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
  };
  const configless = options.config === undefined && !hasConfigFile(sources.cwd) &&
    (options.scriptLocation !== undefined || options.url !== undefined ||
      options.connection !== undefined);
  const config = configless
    ? resolveConfig({ scriptLocation: options.scriptLocation }, undefined, sources)
    : await loadConfig(sources, { scriptLocation: options.scriptLocation });
  const list = scanScripts(config.versionDirs);
  const map = new RevisionMap(list.map(toRevisionSource));
  const scripts = new Map(list.map((script) => [script.revision, script]));
  const registry = builtinRegistry().extend();
  for (const { definition, owner } of new PluginChain(config.plugins).operations()) {
    registry.register(definition, owner);
  }
  return {
    config,
    scripts,
    map,
    output: options.output ?? silentOutput,
    ...(options.connection ? { connection: options.connection } : {}),
    registry,
    plugins: new PluginChain(config.plugins, config.pluginTimeoutMs),
    args: options.args ?? {},
    ...(options.tag === undefined ? {} : { tag: options.tag }),
  };
}

/** An open database with the pieces that go with it. */
export interface Database {
  readonly connection: Connection;
  /** Opens another connection to the same database. */
  readonly reconnect: () => Promise<Connection>;
  readonly dialect: Dialect;
  readonly versionTable: VersionTable;
  readonly lockTimeoutMs: number;
}

/** The project's database URL, or a usage error saying where to set one. */
function databaseTarget(project: Project) {
  const { config } = project;
  if (!config.url) {
    throw new UsageError(
      "NO_DATABASE_URL",
      `no database URL: set "url" in ${
        config.configPath ?? "the config"
      }, DATABASE_URL, or pass --url`,
    );
  }
  return parseDatabaseUrl(config.url, config.urlBaseDir);
}

/** The dialect the project's URL names, for `--sql` scripts (no connection is made). */
export function offlineDialect(project: Project): Dialect {
  const { kind } = databaseTarget(project);
  return dialectFor(kind === "libsql" ? "sqlite" : kind);
}

/** Connects to the project's database, runs `work`, and always closes the connection. */
export async function withDatabase<T>(
  project: Project,
  options: { readOnly?: boolean },
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const { config } = project;
  const given = project.connection;
  const target = given ? undefined : databaseTarget(project);
  const open = given
    ? () => Promise.resolve(borrowed(given))
    : () =>
      connect(target!, {
        lockTimeoutMs: config.lockTimeoutMs,
        readOnly: options.readOnly,
      });
  if (!given) project.output.info(`Database: ${describeTarget(project)}`);
  const connection = await open();
  const dialect = dialectFor(connection.kind);
  try {
    return await work({
      connection,
      reconnect: open,
      dialect,
      versionTable: new VersionTable(dialect, config.versionTable, config.versionTableSchema),
      lockTimeoutMs: config.lockTimeoutMs,
    });
  } finally {
    await connection.close();
  }
}

/**
 * The caller's connection, lent to a command: closing it does nothing, so it stays open for
 * the caller; a second "connection" (the MySQL lock's heartbeat) is the same one.
 */
function borrowed(connection: Connection): Connection {
  return {
    kind: connection.kind,
    query: (sql, params) => connection.query(sql, params),
    execute: (sql, params) => connection.execute(sql, params),
    transaction: (work) => connection.transaction(work),
    close: () => Promise.resolve(),
  };
}

/** The database URL with its password masked, and where it came from when that matters. */
export function describeTarget(project: Project): string {
  const { url, urlSource, configPath } = project.config;
  const shown = redactSecrets(url ?? "");
  if (urlSource === "DATABASE_URL" && project.config.configUrl) {
    return `${shown} (from DATABASE_URL, which overrides the url in ${configPath})`;
  }
  if (urlSource === "DATABASE_URL") return `${shown} (from DATABASE_URL)`;
  if (urlSource === "--url") return `${shown} (from --url)`;
  return shown;
}
