import type { ChangedRevision } from "../runtime/checksum_drift.ts";
import { changedSinceApplied } from "../runtime/checksum_drift.ts";
import { HistoryTable } from "../runtime/history_table.ts";
import { fileChecksum } from "../script/checksum.ts";
import type { Database, Project } from "./project.ts";

/** The applied revisions whose file changed since it ran, read from the database's history. */
export async function changedRevisions(project: Project, db: Database): Promise<ChangedRevision[]> {
  const rows = await db.versionTable.read(db.connection);
  const entries = await HistoryTable.of(db.versionTable).read(db.connection);
  return changedSinceApplied(
    project.map,
    rows,
    entries,
    (revision) => fileChecksum(project.scripts.get(revision)?.path),
  );
}

/** The line `current -v` and `check` print for a changed revision. */
export function changedLine(project: Project, changed: ChangedRevision): string {
  const path = project.scripts.get(changed.revision)?.path ?? "(no file)";
  return `${changed.revision}: ${path} changed since it ran (${changed.at})`;
}
