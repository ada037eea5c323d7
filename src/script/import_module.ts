import { statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { RetortError } from "../errors.ts";

let runningRetort: Record<string, unknown> | undefined;
let retortRegistered = false;

/**
 * Hands the loader the running retort's public module (`mod.ts`), which the entry points
 * (`cli.ts`, `mod.ts`) pass in, so that `import ... from "retort"` in a project's files
 * resolves to this running retort, even inside the compiled binary (where no node_modules
 * exist). Under Deno the project's import map does this job.
 *
 * @example
 * ```ts
 * import * as api from "./mod.ts";
 * provideRetortModule(api);
 * ```
 */
export function provideRetortModule(api: Record<string, unknown>): void {
  runningRetort = api;
}

function registerRetortModule(): void {
  if (retortRegistered || !runningRetort) return;
  const bun = (globalThis as { Bun?: { plugin(p: unknown): void } }).Bun;
  if (!bun) return;
  retortRegistered = true;
  const api = runningRetort;
  bun.plugin({
    name: "retort-self",
    setup(build: { module(name: string, load: () => unknown): void }) {
      build.module("retort", () => ({ exports: { ...api }, loader: "object" }));
    },
  });
}

/**
 * Imports a project file (a revision or a TypeScript config). A file that fails to load is
 * reported in one line with its path and, for syntax errors, the line and column. With
 * `fresh`, a file changed since it was last imported in this process is imported again (a
 * library user comparing the declared schema after editing it), not served from the cache.
 */
export async function importModule(
  path: string,
  options: { fresh?: boolean } = {},
): Promise<Record<string, unknown>> {
  registerRetortModule();
  let specifier = pathToFileURL(path).href;
  if (options.fresh) {
    const stat = statSync(path);
    const version = `?v=${stat.mtimeMs}-${stat.ctimeMs}-${stat.size}`;
    // Bun keys its module cache by path and ignores a file URL's query, not a path's.
    specifier = "Bun" in globalThis ? `${path}${version}` : `${specifier}${version}`;
  }
  try {
    return await import(specifier);
  } catch (error) {
    throw new RetortError(
      "MODULE_LOAD_FAILED",
      `${where(path, error)}: cannot load: ${describe(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** `path:line:column` when the runtime tells where the error is (maybe in an imported helper). */
function where(path: string, error: unknown): string {
  // Bun: a BuildMessage with its position, or for several errors ("N errors building ...") an
  // AggregateError whose first error has one.
  type Positioned = { position?: { file?: string; line?: number; column?: number } };
  const first = (error as { errors?: Positioned[] })?.errors?.[0];
  const position = (first ?? (error as Positioned))?.position;
  if (position?.line) return `${position.file || path}:${position.line}:${position.column ?? 1}`;
  const message = stripAnsi(String((error as Error)?.message ?? ""));
  const match = /at (file:\/\/\S+?):(\d+):(\d+)/.exec(message);
  return match ? `${fileURLToPath(match[1])}:${match[2]}:${match[3]}` : path;
}

function describe(error: unknown): string {
  const inner = (error as { errors?: { message?: string }[] })?.errors?.[0];
  const message = stripAnsi(String(inner?.message ?? (error as Error)?.message ?? error));
  const first = message.split("\n")[0].replace(/^(TypeError|SyntaxError): /, "");
  return first.replace(/^SyntaxError: /, "syntax error: ");
}

function stripAnsi(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}
