import type { Renames } from "../autogen/schema_change.ts";
import type { SchemaComparison } from "./autogenerate.ts";
import { compareProject } from "./autogenerate.ts";
import type { CommandOptions } from "./project.ts";
import { openProject, withDatabase } from "./project.ts";

/**
 * The differences between the declared schema (the config's `target`) and the database, as
 * the changes autogenerate detects and the ops it would write; nothing is written.
 *
 * @example
 * ```ts
 * const { changes, ops } = await compareSchema({ cwd: "./db" });
 * ```
 */
export async function compareSchema(
  options: CommandOptions & { renames?: Renames } = {},
): Promise<SchemaComparison> {
  const project = await openProject(options);
  return withDatabase(project, { readOnly: true }, (db) => compareProject(project, db, options.renames));
}
