import { readFileSync } from "node:fs";
import { RetortError } from "../errors.ts";
import { importModule } from "./import_module.ts";

interface BunTranspiler {
  transformSync(code: string): string;
}

type TranspilerClass = new (options: { loader: string }) => BunTranspiler;

let transpiler: BunTranspiler | null | undefined;

/** Bun's own TypeScript parser, where the runtime has one. */
function bunTranspiler(): BunTranspiler | null {
  if (transpiler !== undefined) return transpiler;
  const bun = (globalThis as { Bun?: { Transpiler?: TranspilerClass } }).Bun;
  transpiler = bun?.Transpiler ? new bun.Transpiler({ loader: "ts" }) : null;
  return transpiler;
}

/**
 * Refuses a run whose revision files do not all compile, before its first step: a syntax
 * error in revision N must not surface after N-1 steps committed (on MySQL, for good).
 * Under Bun each file is parsed, not run; under Deno, which has no parser to call, each is
 * imported ahead (its top-level code runs now; its `upgrade()` / `downgrade()` still run at
 * their step). Throws `MODULE_LOAD_FAILED` naming `path:line:column`.
 *
 * @example
 * ```ts
 * await checkCompiles(["migrations/versions/a1_users.ts"]);
 * ```
 */
export async function checkCompiles(paths: readonly string[]): Promise<void> {
  const parser = bunTranspiler();
  if (!parser) {
    try {
      await Promise.all(paths.map((path) => importModule(path)));
    } catch (error) {
      const e = error as RetortError;
      throw new RetortError(e.code, `${e.message}; nothing was run`, { cause: error });
    }
    return;
  }
  for (const path of paths) {
    try {
      parser.transformSync(readFileSync(path, "utf8"));
    } catch (error) {
      // One error is a BuildMessage with its position; several come as an AggregateError.
      const many = (error as { errors?: { message: string; position?: Position }[] }).errors;
      const first = many?.[0] ?? (error as { message: string; position?: Position });
      const at = first?.position ? `${path}:${first.position.line}:${first.position.column}` : path;
      throw new RetortError(
        "MODULE_LOAD_FAILED",
        `${at}: cannot load: syntax error: ${first?.message ?? (error as Error).message}; nothing was run`,
        { cause: error },
      );
    }
  }
}

interface Position {
  readonly line: number;
  readonly column: number;
}
