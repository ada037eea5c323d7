import process from "node:process";
import { dirname, resolve } from "node:path";
import { findConfigFile } from "../config/load_config.ts";
import type { EditorTypesResult } from "../script/editor_types.ts";
import { writeEditorTypes } from "../script/editor_types.ts";
import type { CommandOptions } from "./project.ts";

/**
 * `retort types`: (re)writes `retort.d.ts` beside the project's config (or into `directory`)
 * with the declarations of the running retort, and the `tsconfig.json` / `deno.json`
 * mapping `"retort"` to it where they do not exist yet. Run it after upgrading retort.
 *
 * @example
 * ```ts
 * await types({ cwd: "/srv/app" });
 * ```
 */
export function types(
  options: CommandOptions & { directory?: string } = {},
): Promise<EditorTypesResult> {
  const cwd = options.cwd ?? process.cwd();
  const dir = options.directory
    ? resolve(cwd, options.directory)
    : dirname(findConfigFile({ configFile: options.config, cwd, env: {} }));
  const result = writeEditorTypes(dir);
  for (const path of result.written) options.output?.info(`Wrote ${path}`);
  for (const path of result.kept) {
    options.output?.info(
      `Kept ${path}; map "retort" to ./retort.d.ts in it if your editor does not find the types`,
    );
  }
  return Promise.resolve(result);
}
