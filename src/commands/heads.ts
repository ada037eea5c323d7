import { formatRevisionDetail, formatRevisionLine } from "../ui/format_revision.ts";
import type { CommandOptions } from "./project.ts";
import { openProject } from "./project.ts";

/**
 * Lists the heads of the revision graph (no database needed).
 *
 * @example
 * ```ts
 * const { heads } = await heads({});
 * ```
 */
export async function heads(
  options: CommandOptions & { verbose?: boolean } = {},
): Promise<{ heads: { revision: string; branchLabels: readonly string[]; message: string }[] }> {
  const { map, scripts, output } = await openProject(options);
  const list = map.heads.map((id) => {
    const revision = map.get(id);
    const script = scripts.get(id);
    output.result(
      options.verbose
        ? formatRevisionDetail(revision, script)
        : formatRevisionLine(revision, script, { branches: true, headMarker: true }),
    );
    return { revision: id, branchLabels: revision.branchLabels, message: script?.message ?? "" };
  });
  return { heads: list };
}
