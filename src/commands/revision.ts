import process from "node:process";
import { dirname, resolve } from "node:path";
import { RetortError, UsageError } from "../errors.ts";
import { checkRevisionId, newRevisionId, writeRevision } from "../script/write_revision.ts";
import type { RevisionSource } from "../revision/revision.ts";
import { RevisionMap } from "../revision/revision_map.ts";
import { toRevisionSource } from "../script/script_directory.ts";
import type { RevisionInfo } from "../ui/revision_json.ts";
import { revisionInfo } from "../ui/revision_json.ts";
import type { CommandOptions, Project } from "./project.ts";
import { openProject } from "./project.ts";

/** Options of `retort revision`. */
export interface RevisionOptions extends CommandOptions {
  readonly message: string;
  /** The parent: default `head`; `base` starts a new root; `label@head` extends a branch. */
  readonly head?: string;
  /** Allow a parent that is not a head (branching from the middle of history). */
  readonly splice?: boolean;
  readonly branchLabel?: string;
  readonly dependsOn?: readonly string[];
  readonly revId?: string;
  readonly versionPath?: string;
}

/** The revision file that was written, as every command reports a revision. */
export type RevisionResult = RevisionInfo;

/**
 * Writes a new revision file whose parent is the current head (or `--head`).
 *
 * @example
 * ```ts
 * const { path } = await revision({ message: "add users" });
 * ```
 */
export async function revision(options: RevisionOptions): Promise<RevisionResult> {
  const project = await openProject(options);
  return writeNewRevision(project, options, options.head ?? "head", options.splice ?? false);
}

/**
 * Writes a revision whose parents are what `parents` names (one identifier or several);
 * shared by `revision` and `merge`.
 */
export function writeNewRevision(
  project: Project,
  options: Omit<RevisionOptions, "head" | "splice">,
  parents: string | readonly string[],
  splice: boolean,
): RevisionResult {
  const { map, config } = project;
  const id = options.revId ?? newRevisionId();
  checkRevisionId(id);
  if (map.has(id)) {
    throw new RetortError(
      "DUPLICATE_REVISION",
      `revision id ${id} is already used by ${
        project.scripts.get(id)?.path
      }; pick another --rev-id`,
    );
  }
  const downRevisions = [
    ...new Set(
      (typeof parents === "string" ? [parents] : parents).flatMap((p) => resolveParent(project, p)),
    ),
  ];
  if (!splice) {
    for (const parent of downRevisions) {
      if (!map.get(parent).isHead) {
        throw new RetortError(
          "NOT_A_HEAD",
          `revision ${parent} is not a head; pass --splice to branch from it, or name a head`,
        );
      }
    }
  }
  if (options.branchLabel) {
    if (map.revisions.some((r) => r.branchLabels.includes(options.branchLabel!))) {
      throw new RetortError(
        "DUPLICATE_BRANCH_LABEL",
        `branch label '${options.branchLabel}' is already used; pick another --branch-label`,
      );
    }
  }
  const dependsOn = (options.dependsOn ?? []).flatMap((dep) => {
    const ids = map.resolve(dep);
    if (ids.length === 0) {
      throw new RetortError("UNKNOWN_REVISION", `--depends-on ${dep} names no revision`);
    }
    return ids;
  });
  const branchLabels = options.branchLabel ? [options.branchLabel] : [];
  const versionDir = versionDirFor(project, options, downRevisions);
  // The graph with the new revision in it must hold before anything is written.
  const graph = graphWith(project, { revision: id, downRevisions, branchLabels, dependsOn });
  const created = new Date();
  const path = writeRevision({
    scriptDir: config.scriptDir,
    versionDir,
    fileTemplate: config.fileTemplate,
    revision: {
      revision: id,
      message: options.message,
      downRevisions,
      branchLabels,
      dependsOn,
      createDate: created,
    },
  });
  project.output.info(`Generating ${path} ... done`);
  return {
    ...revisionInfo(graph.get(id), undefined),
    message: options.message,
    path,
    createDate: created.toISOString(),
  };
}

/** The project's graph with one more revision, or the graph's error saying nothing was written. */
function graphWith(project: Project, source: RevisionSource): RevisionMap {
  const sources = [...project.scripts.values()].map(toRevisionSource);
  try {
    return new RevisionMap([...sources, source]);
  } catch (error) {
    const e = error as RetortError;
    const usage = e.code === "INVALID_BRANCH_LABEL" || e.code === "INVALID_REVISION_ID";
    throw new RetortError(e.code ?? "INVALID_REVISION", `${e.message}; nothing was written`, {
      exitCode: usage ? 2 : 1,
      cause: error,
    });
  }
}

function resolveParent(project: Project, identifier: string): string[] {
  try {
    return project.map.resolve(identifier);
  } catch (error) {
    if ((error as RetortError).code === "MULTIPLE_HEADS" && identifier === "head") {
      throw new RetortError(
        "MULTIPLE_HEADS",
        `there are several heads (${
          project.map.heads.join(", ")
        }); pass --head REV (or label@head) to pick one, or \`retort merge heads\` first`,
      );
    }
    throw error;
  }
}

/**
 * Where the new file goes: `--version-path` (one of the version folders), else the folder of
 * its parent's file when there are several, else the only version folder.
 */
function versionDirFor(
  project: Project,
  options: { versionPath?: string; cwd?: string },
  parents: string[],
): string {
  const dirs = project.config.versionDirs;
  if (options.versionPath) {
    const dir = resolve(options.cwd ?? process.cwd(), options.versionPath);
    if (!dirs.includes(dir)) {
      throw new UsageError(
        "UNKNOWN_VERSION_PATH",
        `--version-path ${dir} is not one of the version folders (${
          dirs.join(", ")
        }); add it to versionLocations`,
      );
    }
    return dir;
  }
  if (dirs.length === 1) return dirs[0];
  const parentPath = parents.map((p) => project.scripts.get(p)?.path).find(Boolean);
  if (parentPath) return dirname(parentPath);
  throw new UsageError(
    "VERSION_PATH_NEEDED",
    `there are ${dirs.length} version folders and the new revision has no parent to follow; pass --version-path`,
  );
}
