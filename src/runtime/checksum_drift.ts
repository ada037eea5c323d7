import { RetortError } from "../errors.ts";
import { planDowngrade } from "../revision/plan.ts";
import type { RevisionMap } from "../revision/revision_map.ts";
import type { HistoryEntry } from "./history_table.ts";

/** An applied revision whose file is not the file that ran. */
export interface ChangedRevision {
  readonly revision: string;
  /** The checksum recorded when it last ran (or was stamped), and the file's now. */
  readonly recorded: string;
  readonly now: string | null;
  /** When that was. */
  readonly at: string;
}

/**
 * The revisions the database is at (the version rows and everything below them) whose file
 * changed since their last `upgrade` or `stamp` in the history. Revisions applied before the
 * history existed have no checksum to compare and are left out.
 *
 * @example
 * ```ts
 * changedSinceApplied(map, ["c3"], entries, (rev) => fileChecksum(scripts.get(rev)?.path));
 * ```
 */
export function changedSinceApplied(
  map: RevisionMap,
  rows: readonly string[],
  entries: readonly HistoryEntry[],
  checksumOf: (revision: string) => string | null,
): ChangedRevision[] {
  if (rows.some((row) => !map.has(row))) return [];
  const last = new Map<string, HistoryEntry>();
  for (const e of entries) if (e.direction !== "downgrade") last.set(e.revision, e);
  const changed: ChangedRevision[] = [];
  for (const { revision } of planDowngrade(map, rows, "base").reverse()) {
    const entry = last.get(revision);
    if (!entry?.checksum) continue;
    const now = checksumOf(revision);
    if (now !== entry.checksum) changed.push({ revision, recorded: entry.checksum, now, at: entry.finishedAt });
  }
  return changed;
}

/** What `strictChecksums` stops a run with: each changed revision named, and what to do. */
export function checksumError(changed: readonly ChangedRevision[]): RetortError {
  const names = changed.map((c) => c.revision).join(", ");
  return new RetortError(
    "CHECKSUM_MISMATCH",
    `the file of applied revision${changed.length === 1 ? "" : "s"} ${names} changed since ${
      changed.length === 1 ? "it" : "they"
    } ran (strictChecksums); restore ${changed.length === 1 ? "it" : "them"}, or if the change is meant, \`retort stamp --accept-changes ${names.replaceAll(",", "")}\` records the file${changed.length === 1 ? "" : "s"} as ${changed.length === 1 ? "it is" : "they are"} now`,
  );
}
