import process from "node:process";
import { dirname, resolve } from "node:path";
import { RetortError, UsageError } from "../errors.ts";
import { checkRevisionId, newRevisionId, writeRevision } from "../script/write_revision.ts";
import type { NewRevision } from "../script/write_revision.ts";
import type { MigrationScript } from "../autogen/migration_script.ts";
import { asBatches } from "../autogen/render_as_batch.ts";
import { renderBody } from "../autogen/render_ops.ts";
import type { RenameCandidate } from "../autogen/schema_change.ts";
import type { Dialect } from "../dialect/dialect.ts";
import { dialectFor } from "../dialect/dialect_for.ts";
import type { Op } from "../ops/op.ts";
import type { HookContext } from "../plugin/plugin.ts";
import { autogenerateContext, compareProject } from "./autogenerate.ts";
import type { RevisionSource } from "../revision/revision.ts";
import { RevisionMap } from "../revision/revision_map.ts";
import { toRevisionSource } from "../script/script_directory.ts";
import type { RevisionInfo } from "../ui/revision_json.ts";
import { revisionInfo } from "../ui/revision_json.ts";
import type { CommandOptions, Project } from "./project.ts";
import { offlineDialect, openProject, withDatabase } from "./project.ts";

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
  /** Write the ops that take the database to the declared schema (`target`). */
  readonly autogenerate?: boolean;
  /** Renames to write instead of a drop and an add: `old:new` tables, `table.old:new` columns. */
  readonly renameTables?: readonly string[];
  readonly renameColumns?: readonly string[];
  /** With `autogenerate`: write the revision even when nothing changed (`skip-empty` lets it). */
  readonly allowEmpty?: boolean;
  /** Asked about each drop and add that look like a rename (the CLI asks on a terminal). */
  readonly confirmRename?: (candidate: RenameCandidate) => Promise<boolean>;
}

/** The revision file that was written, as every command reports a revision. */
export type RevisionResult = RevisionInfo;

/**
 * Writes a new revision file whose parent is the current head (or `--head`).
 *
 * @example
 * ```ts
 * const written = await revision({ message: "add users" });
 * console.log(written?.path); // undefined only when a processRevisionDirectives hook kept nothing
 * ```
 */
export async function revision(options: RevisionOptions): Promise<RevisionResult | undefined> {
  const project = await openProject(options);
  const head = options.head ?? "head";
  if (!options.autogenerate && !project.plugins.processesDirectives) {
    return writeNewRevision(project, options, head, options.splice ?? false);
  }
  if (!options.autogenerate) {
    const ctx = { phase: "autogenerate" as const, dialect: dialectOrDefault(project), autogenerate: false, args: project.args };
    return writeScripts(project, options, await directives(project, options, ctx, [], []));
  }
  return withDatabase(project, { readOnly: true }, async (db) => {
    const renames = parseRenames(options);
    let found = await compareProject(project, db, renames, { candidates: options.confirmRename !== undefined });
    const confirmed = await confirmRenames(found.renameCandidates, options.confirmRename);
    if (confirmed.tables.size || confirmed.columns.size) {
      found = await compareProject(project, db, {
        tables: new Map([...renames.tables, ...confirmed.tables]),
        columns: new Map([...renames.columns, ...confirmed.columns]),
      });
    }
    for (const change of found.changes) project.output.info(`Detected ${change.description}`);
    if (found.changes.length === 0) project.output.info("No changes in the schema detected.");
    const ctx = {
      ...autogenerateContext(project, db),
      ...(options.allowEmpty ? { args: { ...project.args, "allow-empty": "true" } } : {}),
    };
    const scripts = await directives(project, options, ctx, [...found.ops], [...found.downgradeOps], found.cannotUndo);
    return writeScripts(project, options, scripts, db.dialect.name === "sqlite");
  });
}

/** The revision as a MigrationScript, through every processRevisionDirectives hook. */
async function directives(
  project: Project,
  options: RevisionOptions,
  ctx: HookContext,
  upgradeOps: Op[],
  downgradeOps: Op[],
  cannotUndo: readonly Op[] = [],
): Promise<(MigrationScript & { cannotUndo: readonly Op[] })[]> {
  const script = {
    message: options.message,
    revId: options.revId ?? newRevisionId(),
    head: options.head ?? "head",
    branchLabels: options.branchLabel ? [options.branchLabel] : [],
    dependsOn: [...(options.dependsOn ?? [])],
    upgradeOps,
    downgradeOps,
    cannotUndo,
  };
  const list: unknown[] = [script];
  await project.plugins.processRevisionDirectives(ctx, { message: options.message, autogenerate: ctx.autogenerate }, list);
  return list as (MigrationScript & { cannotUndo: readonly Op[] })[];
}

/** Writes each script left after the directive processors; none left writes nothing. */
function writeScripts(
  project: Project,
  options: RevisionOptions,
  scripts: readonly (MigrationScript & { cannotUndo?: readonly Op[] })[],
  sqlite = false,
): RevisionResult | undefined {
  if (scripts.length === 0) {
    project.output.info("No revision written: a processRevisionDirectives hook left nothing to write");
    return undefined;
  }
  let last: RevisionResult | undefined;
  for (const script of scripts) {
    const batch = project.config.renderAsBatch ?? sqlite;
    const up = renderBody(batch ? asBatches(script.upgradeOps) : script.upgradeOps, project.registry);
    const down = renderBody(batch ? asBatches(script.downgradeOps) : script.downgradeOps, project.registry);
    const missing = (script.cannotUndo ?? []).map((op) => `// retort cannot undo this by itself: ${project.registry.render(op)}`);
    last = writeNewRevision(
      project,
      {
        ...options,
        message: script.message,
        revId: script.revId,
        branchLabel: script.branchLabels[0],
        dependsOn: script.dependsOn,
      },
      script.head,
      options.splice ?? false,
      options.autogenerate || script.upgradeOps.length > 0
        ? {
          upgrades: up.text,
          downgrades: [...missing, down.text].join("\n  "),
          upgradeUses: up.uses,
          downgradeUses: down.uses,
        }
        : undefined,
    );
  }
  return last;
}

/** `--rename-table old:new` and `--rename-column table.old:new` as maps. */
function parseRenames(options: RevisionOptions): { tables: Map<string, string>; columns: Map<string, string> } {
  const pairs = (list: readonly string[] | undefined, flag: string, shape: RegExp) =>
    new Map((list ?? []).map((text) => {
      const match = shape.exec(text);
      if (!match) throw new UsageError("INVALID_RENAME", `${flag} ${text}: write ${flag === "--rename-table" ? "old:new" : "table.old:new"}`);
      return [match[1], match[2]] as [string, string];
    }));
  return {
    tables: pairs(options.renameTables, "--rename-table", /^([^:]+):([^:]+)$/),
    columns: pairs(options.renameColumns, "--rename-column", /^([^:.]+\.[^:]+):([^:.]+)$/),
  };
}

/** The rename candidates the user confirms. */
async function confirmRenames(
  candidates: readonly RenameCandidate[],
  confirm: RevisionOptions["confirmRename"],
): Promise<{ tables: Map<string, string>; columns: Map<string, string> }> {
  const tables = new Map<string, string>();
  const columns = new Map<string, string>();
  if (!confirm) return { tables, columns };
  for (const candidate of candidates) {
    if (!(await confirm(candidate))) continue;
    if (candidate.kind === "table") tables.set(candidate.from, candidate.to);
    else columns.set(`${candidate.table}.${candidate.from}`, candidate.to);
  }
  return { tables, columns };
}

/** The dialect of the project's URL, for hooks of a revision written with no database. */
function dialectOrDefault(project: Project): Dialect {
  try {
    return offlineDialect(project);
  } catch {
    return dialectFor("sqlite");
  }
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
  bodies?: Pick<NewRevision, "upgrades" | "downgrades" | "upgradeUses" | "downgradeUses">,
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
      ...bodies,
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
