/**
 * The revision graph: revisions, identifier lookup, migration planning, version-table rows
 * and history. Pure: no I/O.
 *
 * @example
 * ```ts
 * import { planUpgrade, RevisionMap } from "./src/revision/mod.ts";
 * const map = new RevisionMap(sources);
 * for (const step of planUpgrade(map, currentRows, "head")) console.log(step.revision);
 * ```
 * @module
 */
export type { Revision, RevisionSource } from "./revision.ts";
export { RevisionError, type RevisionErrorCode } from "./revision_error.ts";
export { RevisionMap } from "./revision_map.ts";
export { type MigrationStep, planDowngrade, planStamp, planUpgrade } from "./plan.ts";
export { stampChanges } from "./stamp.ts";
export { updateHeads, type VersionChange } from "./version_heads.ts";
export { historyOrder, rangeForSql } from "./history.ts";
