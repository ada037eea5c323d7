import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import process from "node:process";
import { join, resolve } from "node:path";
import { configFileNames } from "../config/load_config.ts";
import { RetortError, UsageError } from "../errors.ts";
import { writeEditorTypes } from "../script/editor_types.ts";
import { defaultRevisionTemplate } from "../script/template.ts";
import type { CommandOptions } from "./project.ts";

/** Options of `retort init`. */
export interface InitOptions extends CommandOptions {
  /** The project folder (default: the working directory). */
  readonly directory?: string;
  readonly template?: "generic";
  /** The URL written into `retort.json` (default: a SQLite file beside it). */
  readonly databaseUrl?: string;
}

/** What `init` created. */
export interface InitResult {
  readonly configPath: string;
  readonly scriptDir: string;
  /** `retort.d.ts`, and the `tsconfig.json` / `deno.json` that map `"retort"` to it. */
  readonly editorTypes: readonly string[];
}

/**
 * Makes a new project: `retort.json`, `migrations/versions/` and the revision template.
 *
 * @example
 * ```ts
 * await init({ directory: "./db" });
 * ```
 */
export function init(options: InitOptions = {}): Promise<InitResult> {
  if (options.template && options.template !== "generic") {
    throw new UsageError(
      "UNKNOWN_TEMPLATE",
      `unknown template "${options.template}"; use --template generic`,
    );
  }
  const root = resolve(options.cwd ?? process.cwd(), options.directory ?? ".");
  for (const name of configFileNames) {
    if (existsSync(join(root, name))) {
      throw new RetortError(
        "ALREADY_INITIALIZED",
        `${join(root, name)} already exists; this project is set up`,
      );
    }
  }
  const scriptDir = join(root, "migrations");
  if (existsSync(scriptDir) && readdirSync(scriptDir).length > 0) {
    throw new RetortError(
      "ALREADY_INITIALIZED",
      `${scriptDir} exists and is not empty; pick another folder: retort init DIR`,
    );
  }
  mkdirSync(join(scriptDir, "versions"), { recursive: true });
  writeFileSync(join(scriptDir, "script.ts.tmpl"), defaultRevisionTemplate);
  const configPath = join(root, "retort.json");
  const config = {
    url: options.databaseUrl ?? options.url ?? "sqlite:app.db",
    scriptLocation: "migrations",
  };
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  options.output?.info(`Created ${configPath}`);
  options.output?.info(`Created ${scriptDir}/ with versions/ and script.ts.tmpl`);
  const types = writeEditorTypes(root);
  for (const path of types.written) options.output?.info(`Created ${path}`);
  return Promise.resolve({ configPath, scriptDir, editorTypes: types.written });
}
