import { RetortError } from "../errors.ts";
import { formatRevisionDetail, formatRevisionLine } from "../ui/format_revision.ts";
import type { CommandOptions } from "./project.ts";
import { openProject, withDatabase } from "./project.ts";

/** One revision the database is at. */
export interface CurrentRevision {
  readonly revision: string;
  readonly isHead: boolean;
  readonly message: string;
}

/**
 * Shows the revisions the database is at (one per unmerged head).
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
  const heads = await withDatabase(
    project,
    { readOnly: true },
    ({ connection, versionTable }) => versionTable.read(connection),
  );
  const result = heads.map((id) => {
    if (!map.has(id)) {
      throw new RetortError(
        "UNKNOWN_DATABASE_REVISION",
        `the database is at revision ${id}, which no file in ${
          project.config.versionDirs.join(", ")
        } defines; ` +
          "restore that file, or `retort stamp` the revision the schema matches",
      );
    }
    const revision = map.get(id);
    const script = scripts.get(id);
    output.result(
      options.verbose
        ? formatRevisionDetail(revision, script, { current: true })
        : formatRevisionLine(revision, script, { headMarker: true, treeMarkers: true }),
    );
    return { revision: id, isHead: revision.isHead, message: script?.message ?? "" };
  });
  return { current: result };
}
