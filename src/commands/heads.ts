import { formatRevisionDetail, formatRevisionLine } from "../ui/format_revision.ts";
import type { CommandOptions } from "./project.ts";
import { openProject } from "./project.ts";

/**
 * Lists the heads of the revision graph (no database needed). With `resolveDependencies`,
 * a head that another revision depends on is not listed.
 *
 * @example
 * ```ts
 * const { heads } = await heads({});
 * ```
 */
export async function heads(
  options: CommandOptions & { verbose?: boolean; resolveDependencies?: boolean } = {},
): Promise<{ heads: { revision: string; branchLabels: readonly string[]; message: string }[] }> {
  const { map, scripts, output } = await openProject(options);
  const ids = options.resolveDependencies ? map.resolvedHeads : map.heads;
  const list = ids.map((id) => {
    const revision = map.get(id);
    const script = scripts.get(id);
    output.result(
      options.verbose
        ? formatRevisionDetail(revision, script)
        : formatRevisionLine(map, revision, script, { branches: true }),
    );
    return { revision: id, branchLabels: revision.allBranchLabels, message: script?.message ?? "" };
  });
  return { heads: list };
}
