/**
 * What the script scanner reads from the headers of one revision file.
 *
 * @example
 * ```ts
 * const source: RevisionSource = {
 *   revision: "ae1027a6acf2",
 *   downRevisions: ["1975ea83b712"],
 *   branchLabels: [],
 *   dependsOn: [],
 *   path: "migrations/versions/ae1027a6acf2_add_user_table.ts",
 * };
 * ```
 */
export interface RevisionSource {
  /** The revision id. It may not contain `@`, `+`, `-` or `:`. */
  revision: string;
  /** Parent ids: `[]` makes a base, two or more make a merge point. */
  downRevisions: string[];
  /** Labels this revision declares; they also name every revision above it. */
  branchLabels: string[];
  /** Revisions that must run first without being parents: ids, unique prefixes or branch labels. */
  dependsOn: string[];
  /** The file the revision came from, used in error messages. */
  path?: string;
}

/**
 * One node of a {@link RevisionMap}: a revision with its resolved links.
 *
 * @example
 * ```ts
 * const rev = new RevisionMap([{ revision: "a1b2", downRevisions: [], branchLabels: [], dependsOn: [] }]).get("a1b2");
 * rev.isBase; // true
 * ```
 */
export interface Revision {
  /** The revision id. */
  readonly revision: string;
  /** Parent ids as declared (the version-table lineage). */
  readonly downRevisions: readonly string[];
  /** `dependsOn` resolved to full revision ids. */
  readonly dependsOn: readonly string[];
  /** The branch labels this revision declares itself. */
  readonly branchLabels: readonly string[];
  /**
   * Every branch label naming this revision: its own, those spread up from labelled ancestors,
   * and those spread down from a labelled revision to the branch point below it (as Alembic does).
   */
  readonly allBranchLabels: readonly string[];
  /** Ids of the revisions whose `downRevisions` name this one, in file order. */
  readonly nextRevisions: readonly string[];
  /** Position in the input (file order). */
  readonly order: number;
  /** No revision names this one as a parent. */
  readonly isHead: boolean;
  /** No parents. */
  readonly isBase: boolean;
  /** Two or more revisions name this one as a parent. */
  readonly isBranchPoint: boolean;
  /** Two or more parents. */
  readonly isMergePoint: boolean;
  /** The file the revision came from, when known. */
  readonly path?: string;
}
