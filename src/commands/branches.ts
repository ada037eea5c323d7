import { historyOrder } from "../revision/history.ts";
import { formatRevisionDetail, formatRevisionLine } from "../ui/format_revision.ts";
import type { RevisionInfo } from "../ui/revision_json.ts";
import { revisionInfo } from "../ui/revision_json.ts";
import type { CommandOptions } from "./project.ts";
import { openProject } from "./project.ts";

/**
 * Lists the branch points, newest first, each with the revisions it branches into.
 *
 * @example
 * ```ts
 * const { branchPoints } = await branches({});
 * ```
 */
export async function branches(
  options: CommandOptions & { verbose?: boolean } = {},
): Promise<{ branchPoints: (RevisionInfo & { readonly branchesInto: readonly string[] })[] }> {
  const { map, scripts, output } = await openProject(options);
  const branchPoints = historyOrder(map).filter((revision) => revision.isBranchPoint).map(
    (point) => {
      const indent = " ".repeat(point.revision.length);
      const children = point.nextRevisions.map((id) =>
        `${indent} -> ${
          formatRevisionLine(map, map.get(id), scripts.get(id), {
            branches: true,
            treeMarkers: true,
            doc: options.verbose,
          })
        }`
      );
      const head = options.verbose
        ? formatRevisionDetail(point, scripts.get(point.revision))
        : formatRevisionLine(map, point, scripts.get(point.revision), {
          branches: true,
          treeMarkers: true,
        });
      output.result(`${head}\n${children.join("\n")}\n`);
      return {
        ...revisionInfo(point, scripts.get(point.revision)),
        branchesInto: point.nextRevisions,
      };
    },
  );
  return { branchPoints };
}
