import { planUpgrade } from "../revision/plan.ts";
import type { RevisionInfo } from "../ui/revision_json.ts";
import { revisionInfo } from "../ui/revision_json.ts";
import type { DirtyState } from "./current.ts";
import { dirtyState, readVersionRows } from "./current.ts";
import type { CommandOptions } from "./project.ts";
import { openProject } from "./project.ts";

/** Where the database stands against the revision files. */
export interface DatabaseStatus {
  /** The revisions the database is at (the tip of each applied branch). */
  readonly current: RevisionInfo[];
  /** Version-table rows that no revision file defines. */
  readonly unknownRevisions: string[];
  /** The heads of the revision graph. */
  readonly heads: RevisionInfo[];
  /** The steps `upgrade heads` would run, in order. */
  readonly pending: { readonly revision: string; readonly direction: "upgrade" }[];
  /** A MySQL step that started and never finished, if any. */
  readonly dirty: DirtyState | null;
  /** At every head, nothing unknown, not dirty. */
  readonly upToDate: boolean;
}

/**
 * The database's revisions, the graph's heads, what `upgrade heads` would run, and whether
 * a failed step left it dirty — in one call, without changing anything.
 *
 * @example
 * ```ts
 * const { upToDate, pending } = await status({ cwd: "./db" });
 * if (!upToDate) console.log(`${pending.length} migrations to run`);
 * ```
 */
export async function status(options: CommandOptions = {}): Promise<DatabaseStatus> {
  const project = await openProject(options);
  const { map, scripts } = project;
  const { rows, unknown, dirty } = await readVersionRows(project, { allowUnknown: true });
  const pending = unknown.length > 0 ? [] : planUpgrade(map, rows, "heads").map((step) => ({
    revision: step.revision,
    direction: "upgrade" as const,
  }));
  const info = (id: string) => revisionInfo(map.get(id), scripts.get(id));
  return {
    current: map.currentRevisions(rows).map(info),
    unknownRevisions: unknown,
    heads: map.heads.map(info),
    pending,
    dirty: dirty ? dirtyState(dirty) : null,
    upToDate: pending.length === 0 && unknown.length === 0 && !dirty,
  };
}

/**
 * True when the database is at every head of the revision graph and no step left it dirty:
 * the check an app makes at start before it serves requests.
 *
 * @example
 * ```ts
 * if (!(await isUpToDate({ cwd: "./db" }))) throw new Error("run `retort upgrade head` first");
 * ```
 */
export async function isUpToDate(options: CommandOptions = {}): Promise<boolean> {
  return (await status(options)).upToDate;
}
