import { formatRevisionDetail } from "../ui/format_revision.ts";
import type { CommandOptions } from "./project.ts";
import { openProject } from "./project.ts";

/**
 * Shows one or more revisions in full: parents, children, path and doc text.
 *
 * @example
 * ```ts
 * await show({ revision: "head" });
 * ```
 */
export async function show(
  options: CommandOptions & { revision: string },
): Promise<
  { revisions: { revision: string; downRevisions: readonly string[]; path: string; doc: string }[] }
> {
  const { map, scripts, output } = await openProject(options);
  const ids = map.resolve(options.revision);
  return {
    revisions: ids.map((id) => {
      const revision = map.get(id);
      const script = scripts.get(id);
      output.result(formatRevisionDetail(revision, script));
      return {
        revision: id,
        downRevisions: revision.downRevisions,
        path: script?.path ?? "",
        doc: script?.doc ?? "",
      };
    }),
  };
}
