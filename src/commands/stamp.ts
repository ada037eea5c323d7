import { stampChanges } from "../revision/stamp.ts";
import type { VersionChange } from "../revision/version_heads.ts";
import { underMigrationLock } from "../runtime/locked_transaction.ts";
import { VersionTable } from "../runtime/version_table.ts";
import type { CommandOptions, Project } from "./project.ts";
import { offlineDialect, openProject, withDatabase } from "./project.ts";

/** Options of `retort stamp`. */
export interface StampOptions extends CommandOptions {
  readonly revisions: readonly string[];
  /** Empty the version table first, whatever it holds. */
  readonly purge?: boolean;
  /** Print the SQL instead of running it (offline: starts from an empty version table). */
  readonly sql?: boolean;
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
  if (options.sql) return stampOffline(project, options);
  return withDatabase(project, {}, (db) =>
    // Stamping is how the user says the schema is repaired: a step a dead run left unfinished
    // is cleared with the stamp. A live run's lock is waited for, never cleared.
    underMigrationLock(db, async (tx, unfinished, clear) => {
      const before = await db.versionTable.read(tx);
      // --purge empties the table whatever it holds, rows no file defines included: that is
      // how a database at an unknown revision is repaired.
      const purged: VersionChange[] = options.purge
        ? before.map((revision) => ({ kind: "delete", revision }))
        : [];
      const { heads, changes } = stampChanges(
        project.map,
        options.purge ? [] : before,
        options.revisions,
        false,
      );
      if (unfinished) await clear();
      await db.versionTable.apply(tx, [...purged, ...changes]);
      if (unfinished) {
        project.output.info(
          `Cleared the unfinished ${unfinished.direction} of ${unfinished.revision}`,
        );
      }
      project.output.info(`Stamped ${heads.length ? heads.join(", ") : "<base>"}`);
      return { heads };
    }, { log: (message) => project.output.info(message) }));
}

/** `stamp --sql`: the version-table statements, from an empty table. */
function stampOffline(
  project: Project,
  options: StampOptions,
): { heads: readonly string[]; sql: string } {
  const dialect = offlineDialect(project);
  const versionTable = new VersionTable(
    dialect,
    project.config.versionTable,
    project.config.versionTableSchema,
  );
  const { heads, changes } = stampChanges(project.map, [], options.revisions, false);
  const statements = [
    dialect.createVersionTable(versionTable.name, versionTable.schema),
    ...versionTable.statements(changes),
  ];
  const body = statements.map((statement) => `${dialect.inlineParams(statement)};`);
  const lines = dialect.capabilities.transactionalDdl ? ["BEGIN;", ...body, "COMMIT;"] : body;
  const sql = `${lines.join("\n\n")}\n`;
  project.output.result(sql.trimEnd());
  return { heads, sql };
}
