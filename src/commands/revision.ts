import process from "node:process";
import { resolve } from "node:path";
import { RetortError } from "../errors.ts";
import { checkRevisionId, newRevisionId, writeRevision } from "../script/write_revision.ts";
import type { CommandOptions } from "./project.ts";
import { openProject } from "./project.ts";

/** Options of `retort revision`. */
export interface RevisionOptions extends CommandOptions {
  readonly message: string;
  /** The parent: default `head`; `base` starts a new root. */
  readonly head?: string;
  readonly splice?: boolean;
  readonly branchLabel?: string;
  readonly dependsOn?: readonly string[];
  readonly revId?: string;
  readonly versionPath?: string;
}

/** The revision file that was written. */
export interface RevisionResult {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly path: string;
}

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
  const downRevisions = map.resolve(options.head ?? "head");
  if (!options.splice) {
    for (const parent of downRevisions) {
      if (!map.get(parent).isHead) {
        throw new RetortError(
          "NOT_A_HEAD",
          `${parent} is not a head; pass --splice to branch from it, or --head with a head revision`,
        );
      }
    }
  }
  const dependsOn = (options.dependsOn ?? []).map((dep) => {
    const ids = map.resolve(dep);
    if (ids.length !== 1) {
      throw new RetortError("UNKNOWN_REVISION", `--depends-on ${dep} does not name one revision`);
    }
    return ids[0];
  });
  const versionDir = options.versionPath
    ? resolve(options.cwd ?? process.cwd(), options.versionPath)
    : config.versionDirs[0];
  const path = writeRevision({
    scriptDir: config.scriptDir,
    versionDir,
    fileTemplate: config.fileTemplate,
    revision: {
      revision: id,
      message: options.message,
      downRevisions,
      branchLabels: options.branchLabel ? [options.branchLabel] : [],
      dependsOn,
      createDate: new Date(),
    },
  });
  project.output.info(`Generating ${path} ... done`);
  return { revision: id, downRevisions, path };
}
