import type { HistoryEntry } from "../runtime/history_table.ts";
import { HistoryTable } from "../runtime/history_table.ts";
import { fileChecksum } from "../script/checksum.ts";
import type { CommandOptions } from "./project.ts";
import { openProject, withDatabase } from "./project.ts";

/** A history row as `history --applied` reports it. */
export interface AppliedEntry extends HistoryEntry {
  /** Whether the revision's file is still the one that ran (null: no checksum to compare). */
  readonly fileUnchanged: boolean | null;
}

/**
 * `retort history --applied`: what ran on this database, oldest first, from the history table
 * (steps, stamps, their times, host, retort version and `--tag`), each marked when the
 * revision's file changed since.
 *
 * @example
 * ```ts
 * const { entries } = await appliedHistory({ cwd: "./db" });
 * ```
 */
export async function appliedHistory(options: CommandOptions = {}): Promise<{ entries: AppliedEntry[] }> {
  const project = await openProject(options);
  const rows = await withDatabase(
    project,
    { readOnly: true },
    (db) => HistoryTable.of(db.versionTable).read(db.connection),
  );
  const now = new Map<string, string | null>();
  const checksumOf = (revision: string) => {
    if (!now.has(revision)) now.set(revision, fileChecksum(project.scripts.get(revision)?.path));
    return now.get(revision) ?? null;
  };
  const entries = rows.map((e): AppliedEntry => ({
    ...e,
    fileUnchanged: e.checksum === null ? null : checksumOf(e.revision) === e.checksum,
  }));
  if (entries.length === 0) project.output.info("Nothing has run on this database yet (its history is empty).");
  for (const e of entries) {
    const parts = [
      e.startedAt,
      e.direction.padEnd(9),
      e.revision,
      `${e.durationMs} ms`,
      e.host,
      `retort ${e.retortVersion}`,
      ...(e.tag === null ? [] : [`tag ${e.tag}`]),
      ...(e.fileUnchanged === false ? ["(file changed since)"] : []),
    ];
    project.output.result(parts.join("  "));
  }
  return { entries };
}
