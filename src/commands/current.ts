import { RetortError } from "../errors.ts";
import type { StepInProgress } from "../runtime/lock_report.ts";
import type { DirtyReport } from "../runtime/lock_report.ts";
import { dirtyReport } from "../runtime/lock_report.ts";
import type { ChangedRevision } from "../runtime/checksum_drift.ts";
import { RunLock } from "../runtime/run_lock.ts";
import { changedLine, changedRevisions } from "./checksums.ts";
import { formatRevisionDetail, formatRevisionLine } from "../ui/format_revision.ts";
import type { RevisionInfo } from "../ui/revision_json.ts";
import { revisionInfo } from "../ui/revision_json.ts";
import type { CommandOptions, Project } from "./project.ts";
import { openProject, withDatabase } from "./project.ts";

/** A step that started outside a transaction (MySQL) and never finished (see docs/json.md). */
export type DirtyState = DirtyReport;

/**
 * Shows the revisions the database is at: the tip of every applied branch. On a database a
 * failed MySQL step left dirty, the rows come back with `dirty` (the CLI then exits 1).
 *
 * @example
 * ```ts
 * const { current, dirty } = await current({});
 * ```
 */
export async function current(
  options: CommandOptions & { verbose?: boolean } = {},
): Promise<{ current: RevisionInfo[]; dirty: DirtyState | null; changedSinceApplied?: ChangedRevision[] }> {
  const project = await openProject(options);
  const { map, scripts, output } = project;
  const { rows, dirty, changed } = await readVersionRows(project, { verbose: options.verbose });
  const result = map.currentRevisions(rows).map((id) => {
    const revision = map.get(id);
    const script = scripts.get(id);
    output.result(
      options.verbose
        ? formatRevisionDetail(revision, script)
        : formatRevisionLine(map, revision, script, { treeMarkers: true }),
    );
    return revisionInfo(revision, script);
  });
  for (const c of changed ?? []) output.result(`changed since applied: ${changedLine(project, c)}`);
  return {
    current: result,
    dirty: dirty ? dirtyState(dirty) : null,
    ...(changed ? { changedSinceApplied: changed } : {}),
  };
}

/** The dirty step as the library and `--json` report it. */
export function dirtyState(step: StepInProgress): DirtyState {
  return dirtyReport(step);
}

/**
 * The version table's rows, checked against the revision files: a row no file defines is
 * an error that says how to repair it (unless `allowUnknown`, which returns them instead).
 */
export async function readVersionRows(
  project: Project,
  options: { verbose?: boolean; allowUnknown?: boolean } = {},
): Promise<{ rows: string[]; unknown: string[]; dirty?: StepInProgress; changed?: ChangedRevision[] }> {
  const { rows, step, changed } = await withDatabase(project, { readOnly: true }, async (db) => {
    const lock = RunLock.of(db.versionTable);
    return {
      rows: await db.versionTable.read(db.connection),
      step: await lock.inProgress(db.connection),
      // -v: the applied revisions whose file is not the one that ran
      changed: options.verbose ? await changedRevisions(project, db) : undefined,
    };
  });
  const unknown = rows.filter((id) => !project.map.has(id));
  if (unknown.length > 0 && !options.allowUnknown) {
    throw new RetortError(
      "UNKNOWN_DATABASE_REVISION",
      `the database is at revision ${unknown[0]}, which no file in ${
        project.config.versionDirs.join(", ")
      } defines; ` +
        "restore that file, or `retort stamp --purge REV` the revision the schema matches",
    );
  }
  if (step && !step.stale) {
    project.output.info(`(${step.direction} ${step.revision} is running now)`);
  }
  return {
    rows: rows.filter((id) => project.map.has(id)),
    unknown,
    dirty: step?.stale ? step : undefined,
    ...(changed ? { changed } : {}),
  };
}
