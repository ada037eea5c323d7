import { formatRevisionDetail } from "../ui/format_revision.ts";
import type { RevisionInfo } from "../ui/revision_json.ts";
import { revisionInfo } from "../ui/revision_json.ts";
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
): Promise<{ revisions: (RevisionInfo & { readonly doc: string })[] }> {
  const { map, scripts, output } = await openProject(options);
  const ids = map.resolve(options.revision);
  return {
    revisions: ids.map((id) => {
      const revision = map.get(id);
      const script = scripts.get(id);
      output.result(formatRevisionDetail(revision, script));
      return { ...revisionInfo(revision, script), doc: script?.doc ?? "" };
    }),
  };
}
