import { existsSync } from "node:fs";
import { RetortError, UsageError } from "../errors.ts";
import type { SchemaDeclaration } from "../schema/define_schema.ts";
import { isDeclaredSchema } from "../schema/define_schema.ts";
import { importModule } from "./import_module.ts";

/**
 * The declared schema a config's `target` names: the module's default export, made with
 * `defineSchema` (or, through a plugin, a module it knows how to read: `read(module)` turns
 * its exports into a declaration; `readers` names the plugins that tried). Every problem is
 * a one-line usage error.
 *
 * @example
 * ```ts
 * const declared = await loadTarget("/srv/app/db/schema.ts");
 * ```
 */
export async function loadTarget(
  path: string | undefined,
  read?: (module: Record<string, unknown>, path: string) => Promise<SchemaDeclaration | undefined>,
  readers: readonly string[] = [],
): Promise<SchemaDeclaration> {
  if (!path) {
    throw new UsageError(
      "NO_TARGET",
      'autogenerate needs the declared schema: set "target" in the config to the module whose default export is defineSchema(...)',
    );
  }
  if (!existsSync(path)) {
    throw new UsageError("TARGET_NOT_FOUND", `target ${path} does not exist; fix "target" in the config`);
  }
  let module: Record<string, unknown>;
  try {
    module = await importModule(path, { fresh: true });
  } catch (error) {
    throw new UsageError("TARGET_INVALID", (error as RetortError).message);
  }
  if (isDeclaredSchema(module.default)) return module.default;
  const fromPlugin = await read?.(module, path);
  if (fromPlugin) return fromPlugin;
  const otherwise = readers.length
    ? `, or export what plugin ${readers.join(" or ")} reads (it found nothing to read)`
    : read
    ? ", or load the plugin that reads it"
    : "";
  throw new UsageError(
    "TARGET_INVALID",
    `target ${path} exports no schema: make its default export defineSchema({ tables: [...] })${otherwise}`,
  );
}
