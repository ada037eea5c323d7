import { stampChanges } from "../revision/stamp.ts";
import type { CommandOptions } from "./project.ts";
import { openProject, withDatabase } from "./project.ts";

/** Options of `retort stamp`. */
export interface StampOptions extends CommandOptions {
  readonly revisions: readonly string[];
  /** Empty the version table first, whatever it holds. */
  readonly purge?: boolean;
}

/**
 * Writes the version table as if the database were at `revisions`, running no migration.
 *
 * @example
 * ```ts
 * await stamp({ revisions: ["head"] });
 * ```
 */
export async function stamp(options: StampOptions): Promise<{ heads: readonly string[] }> {
  const project = await openProject(options);
  return withDatabase(
    project,
    {},
    ({ connection, versionTable }) =>
      connection.transaction(async (tx) => {
        await versionTable.ensure(tx);
        const before = await versionTable.read(tx);
        const { heads, changes } = stampChanges(
          project.map,
          before,
          options.revisions,
          options.purge ?? false,
        );
        await versionTable.apply(tx, changes);
        project.output.info(`Stamped ${heads.length ? heads.join(", ") : "<base>"}`);
        return { heads };
      }),
  );
}
