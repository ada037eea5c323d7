import { historyOrder } from "../revision/history.ts";
import { formatRevisionDetail, formatRevisionLine } from "../ui/format_revision.ts";
import type { CommandOptions } from "./project.ts";
import { openProject } from "./project.ts";

/** One entry of `history`. */
export interface HistoryEntry {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly isHead: boolean;
  readonly message: string;
  readonly path: string;
}

/**
 * Lists revisions newest first, optionally within `range` (`START:END`).
 *
 * @example
 * ```ts
 * const { revisions } = await history({ range: "base:head" });
 * ```
 */
export async function history(
  options: CommandOptions & { range?: string; verbose?: boolean } = {},
): Promise<{ revisions: HistoryEntry[] }> {
  const { map, scripts, output } = await openProject(options);
  const revisions = historyOrder(map, options.range).map((revision) => {
    const script = scripts.get(revision.revision);
    output.result(
      options.verbose
        ? `${formatRevisionDetail(revision, script)}\n`
        : formatRevisionLine(revision, script, {
          parents: true,
          branches: true,
          doc: true,
          headMarker: true,
          treeMarkers: true,
        }),
    );
    return {
      revision: revision.revision,
      downRevisions: revision.downRevisions,
      isHead: revision.isHead,
      message: script?.message ?? "",
      path: script?.path ?? "",
    };
  });
  return { revisions };
}
