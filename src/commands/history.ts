import { historyOrder } from "../revision/history.ts";
import type { Revision } from "../revision/revision.ts";
import { formatRevisionDetail, formatRevisionLine } from "../ui/format_revision.ts";
import { drawGraph } from "../ui/revision_graph.ts";
import type { RevisionInfo } from "../ui/revision_json.ts";
import { revisionInfo } from "../ui/revision_json.ts";
import { readVersionRows } from "./current.ts";
import type { CommandOptions } from "./project.ts";
import { openProject } from "./project.ts";

/** One entry of `history`: the revision, and with `indicateCurrent` whether the database is at it. */
export type HistoryEntry = RevisionInfo & { readonly isCurrent?: boolean };

/** Options of `retort history`. */
export interface HistoryOptions extends CommandOptions {
  /** `START:END`, either side optional; `current` on a side reads the database. */
  readonly range?: string;
  readonly verbose?: boolean;
  /** Mark the revisions the database is at. */
  readonly indicateCurrent?: boolean;
  /** Draw the graph as `git log --graph` does. */
  readonly graph?: boolean;
}

/**
 * Lists revisions newest first, optionally within `range`.
 *
 * @example
 * ```ts
 * const { revisions } = await history({ range: "base:head" });
 * ```
 */
export async function history(
  options: HistoryOptions = {},
): Promise<{ revisions: HistoryEntry[] }> {
  const project = await openProject(options);
  const { map, scripts, output } = project;
  const needsDatabase = options.indicateCurrent ||
    /(^|:)\s*current\s*($|:)/.test(options.range ?? "");
  const rows = needsDatabase ? (await readVersionRows(project)).rows : undefined;
  const currents = new Set(options.indicateCurrent ? rows : []);
  const revisions = historyOrder(map, options.range, rows);
  const line = (revision: Revision) => {
    const script = scripts.get(revision.revision);
    const current = currents.has(revision.revision);
    return options.verbose && !options.graph
      ? `${formatRevisionDetail(revision, script, { current })}\n`
      : formatRevisionLine(map, revision, script, {
        parents: !options.graph,
        branches: true,
        doc: true,
        treeMarkers: true,
        current,
      });
  };
  if (options.graph) {
    const nodes = revisions.map((revision) => ({
      id: revision.revision,
      parents: revision.downRevisions,
      revision,
    }));
    for (const row of drawGraph(nodes, (node) => line(node.revision))) output.result(row);
  } else {
    for (const revision of revisions) output.result(line(revision));
  }
  return {
    revisions: revisions.map((revision) => ({
      ...revisionInfo(revision, scripts.get(revision.revision)),
      ...(options.indicateCurrent ? { isCurrent: currents.has(revision.revision) } : {}),
    })),
  };
}
