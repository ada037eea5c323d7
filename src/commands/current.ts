import { RetortError } from "../errors.ts";
import type { StepInProgress } from "../runtime/run_lock.ts";
import { dirtyError, RunLock } from "../runtime/run_lock.ts";
import { formatRevisionDetail, formatRevisionLine } from "../ui/format_revision.ts";
import type { CommandOptions, Project } from "./project.ts";
import { openProject, withDatabase } from "./project.ts";

/** One revision the database is at. */
export interface CurrentRevision {
  readonly revision: string;
  readonly isHead: boolean;
  readonly message: string;
}

/**
 * Shows the revisions the database is at: the tip of every applied branch.
 *
 * @example
 * ```ts
 * const { current } = await current({});
 * ```
 */
export async function current(
  options: CommandOptions & { verbose?: boolean } = {},
): Promise<{ current: CurrentRevision[] }> {
  const project = await openProject(options);
  const { map, scripts, output } = project;
  const { rows, dirty } = await readVersionRows(project);
  const result = map.currentRevisions(rows).map((id) => {
    const revision = map.get(id);
    const script = scripts.get(id);
    output.result(
      options.verbose
        ? formatRevisionDetail(revision, script)
        : formatRevisionLine(map, revision, script, { treeMarkers: true }),
    );
    return { revision: id, isHead: revision.isHead, message: script?.message ?? "" };
  });
  if (dirty) throw dirtyError(dirty);
  return { current: result };
}

/**
 * The version table's rows, checked against the revision files: a row no file defines is
 * an error that says how to repair it.
 */
export async function readVersionRows(
  project: Project,
): Promise<{ rows: string[]; dirty?: StepInProgress }> {
  const { rows, step } = await withDatabase(project, { readOnly: true }, async (db) => {
    const lock = RunLock.of(db.versionTable);
    return {
      rows: await db.versionTable.read(db.connection),
      step: await lock.inProgress(db.connection),
    };
  });
  for (const id of rows) {
    if (!project.map.has(id)) {
      throw new RetortError(
        "UNKNOWN_DATABASE_REVISION",
        `the database is at revision ${id}, which no file in ${
          project.config.versionDirs.join(", ")
        } defines; ` +
          "restore that file, or `retort stamp --purge REV` the revision the schema matches",
      );
    }
  }
  if (step && !step.stale) {
    project.output.info(`(${step.direction} ${step.revision} is running now)`);
  }
  return { rows, dirty: step?.stale ? step : undefined };
}
