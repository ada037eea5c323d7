import { formatRevisionDetail, formatRevisionLine } from "../ui/format_revision.ts";
import type { RevisionInfo } from "../ui/revision_json.ts";
import { revisionInfo } from "../ui/revision_json.ts";
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
): Promise<{ heads: RevisionInfo[] }> {
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
    return revisionInfo(revision, script);
  });
  return { heads: list };
}
