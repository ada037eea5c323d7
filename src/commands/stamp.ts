import { UsageError } from "../errors.ts";
import { planDowngrade } from "../revision/plan.ts";
import { stampChanges } from "../revision/stamp.ts";
import type { VersionChange } from "../revision/version_heads.ts";
import { underMigrationLock } from "../runtime/locked_transaction.ts";
import { VersionTable } from "../runtime/version_table.ts";
import type { HistoryEntry } from "../runtime/history_table.ts";
import { historyEntry, HistoryTable } from "../runtime/history_table.ts";
import { fileChecksum } from "../script/checksum.ts";
import type { CommandOptions, Project } from "./project.ts";
import { offlineDialect, openProject, withDatabase } from "./project.ts";

/** Options of `retort stamp`. */
export interface StampOptions extends CommandOptions {
  readonly revisions: readonly string[];
  /** Empty the version table first, whatever it holds. */
  readonly purge?: boolean;
  /** Print the SQL instead of running it (offline: starts from an empty version table). */
  readonly sql?: boolean;
  /**
   * Move no version: record the named applied revisions' files as they are now, so a change
   * made on purpose stops being reported (and refused with `strictChecksums`).
   */
  readonly acceptChanges?: boolean;
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
  return withDatabase(project, {}, async (db) => {
    const history = HistoryTable.of(db.versionTable);
    // Outside the stamp's transaction: on MySQL a CREATE TABLE would commit it early.
    await history.ensure(db.connection);
    const started = Date.now();
    // Stamping is how the user says the schema is repaired: a step a dead run left unfinished
    // is cleared with the stamp. A live run's lock is waited for, never cleared.
    return await underMigrationLock(db, async (tx, unfinished, clear) => {
      const before = await db.versionTable.read(tx);
      if (options.acceptChanges) {
        const accepted = acceptedRevisions(project, before, options.revisions);
        await history.append(tx, accepted.map((r) => stampEntry(project, r, started)));
        project.output.info(`Recorded the files of ${accepted.join(", ")} as they are now`);
        return { heads: before };
      }
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
      await history.append(tx, stampEntries(project, options.revisions, options.purge ? [] : before, heads, started));
      if (unfinished) {
        project.output.info(
          `Cleared the unfinished ${unfinished.direction} of ${unfinished.revision}`,
        );
      }
      project.output.info(`Stamped ${heads.length ? heads.join(", ") : "<base>"}`);
      return { heads };
    }, { log: (message) => project.output.info(message) });
  });
}

/**
 * One `stamp` entry per revision the stamp named that is in the version table afterwards
 * (`base` when it is empty), with the file's checksum: stamping says the schema is that file's.
 */
function stampEntries(
  project: Project,
  targets: readonly string[],
  before: readonly string[],
  heads: readonly string[],
  started: number,
): HistoryEntry[] {
  if (heads.length === 0) return [stampEntry(project, "base", started)];
  const named = new Set(targets.flatMap((t) => project.map.resolve(t, before)));
  return heads.filter((h) => named.has(h)).map((h) => stampEntry(project, h, started));
}

function stampEntry(project: Project, revision: string, started: number): HistoryEntry {
  const checksum = fileChecksum(project.scripts.get(revision)?.path);
  return historyEntry(revision, "stamp", checksum, started, project.tag);
}

/** `--accept-changes`: the named revisions, each of which must be applied. */
function acceptedRevisions(project: Project, rows: readonly string[], targets: readonly string[]): string[] {
  const known = rows.filter((row) => project.map.has(row));
  const applied = new Set(planDowngrade(project.map, known, "base").map((s) => s.revision));
  const named = targets.flatMap((t) => project.map.resolve(t, known));
  for (const revision of named) {
    if (!applied.has(revision)) {
      throw new UsageError(
        "NOT_APPLIED",
        `--accept-changes: ${revision} is not applied to the database; it only records the files of applied revisions`,
      );
    }
  }
  return named;
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
  const history = HistoryTable.of(versionTable);
  const statements = [
    dialect.createVersionTable(versionTable.name, versionTable.schema),
    history.create(),
    ...versionTable.statements(changes),
    ...history.statements(stampEntries(project, options.revisions, [], heads, Date.now())),
  ];
  const body = statements.map((statement) => `${dialect.inlineParams(statement)};`);
  const lines = dialect.capabilities.transactionalDdl ? ["BEGIN;", ...body, "COMMIT;"] : body;
  const sql = `${lines.join("\n\n")}\n`;
  project.output.result(sql.trimEnd());
  return { heads, sql };
}
