import { fileURLToPath, pathToFileURL } from "node:url";
import { RetortError } from "../errors.ts";

let retortRegistered: Promise<void> | undefined;

/**
 * Makes `import ... from "retort"` in a project's files resolve to this running retort, even
 * inside the compiled binary (where no node_modules exist). Under Deno the project's import
 * map does this job.
 */
function registerRetortModule(): Promise<void> {
  retortRegistered ??= (async () => {
    const bun = (globalThis as { Bun?: { plugin(p: unknown): void } }).Bun;
    if (!bun) return;
    const api = await import("../../mod.ts");
    bun.plugin({
      name: "retort-self",
      setup(build: { module(name: string, load: () => unknown): void }) {
        build.module("retort", () => ({ exports: { ...api }, loader: "object" }));
      },
    });
  })();
  return retortRegistered;
}

/**
 * Imports a project file (a revision or a TypeScript config). A file that fails to load is
 * reported in one line with its path and, for syntax errors, the line and column.
 */
export async function importModule(path: string): Promise<Record<string, unknown>> {
  await registerRetortModule();
  try {
    return await import(pathToFileURL(path).href);
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
  const position = (error as { position?: { file?: string; line?: number; column?: number } })
    ?.position;
  if (position?.line) return `${position.file || path}:${position.line}:${position.column ?? 1}`;
  const message = stripAnsi(String((error as Error)?.message ?? ""));
  const match = /at (file:\/\/\S+?):(\d+):(\d+)/.exec(message);
  return match ? `${fileURLToPath(match[1])}:${match[2]}:${match[3]}` : path;
}

function describe(error: unknown): string {
  const message = stripAnsi(String((error as Error)?.message ?? error));
  const first = message.split("\n")[0].replace(/^(TypeError|SyntaxError): /, "");
  return first.replace(/^SyntaxError: /, "syntax error: ");
}

function stripAnsi(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}
