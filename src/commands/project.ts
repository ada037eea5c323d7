import process from "node:process";
import type { ResolvedConfig } from "../config/config.ts";
import { parseDatabaseUrl } from "../config/database_url.ts";
import { loadConfig } from "../config/load_config.ts";
import type { Dialect } from "../dialect/dialect.ts";
import { dialectFor } from "../dialect/dialect_for.ts";
import { connect } from "../driver/connect.ts";
import type { Connection } from "../driver/connection.ts";
import { UsageError } from "../errors.ts";
import { RevisionMap } from "../revision/revision_map.ts";
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
}

/** A loaded project: its config, its revision files and their graph. */
export interface Project {
  readonly config: ResolvedConfig;
  readonly scripts: ReadonlyMap<string, RevisionScript>;
  readonly map: RevisionMap;
  readonly output: Output;
}

/** Loads the config and scans the revision files into a graph. */
export async function openProject(options: CommandOptions): Promise<Project> {
  const config = await loadConfig({
    configFile: options.config,
    url: options.url,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
  });
  const list = scanScripts(config.versionDirs);
  const map = new RevisionMap(list.map(toRevisionSource));
  const scripts = new Map(list.map((script) => [script.revision, script]));
  return { config, scripts, map, output: options.output ?? silentOutput };
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
  const target = databaseTarget(project);
  const open = () =>
    connect(target, { lockTimeoutMs: config.lockTimeoutMs, readOnly: options.readOnly });
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
