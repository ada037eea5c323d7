import { RetortError } from "../errors.ts";

/**
 * The stable codes a {@link RevisionError} carries. Each names one way a revision graph or a
 * revision identifier can be wrong.
 *
 * @example
 * ```ts
 * if (err instanceof RevisionError && err.code === "MULTIPLE_HEADS") console.error(err.message);
 * ```
 */
export type RevisionErrorCode =
  | "MULTIPLE_HEADS"
  | "AMBIGUOUS_REVISION"
  | "UNKNOWN_REVISION"
  | "UNKNOWN_BRANCH"
  | "REVISION_NOT_IN_BRANCH"
  | "DUPLICATE_BRANCH_LABEL"
  | "DUPLICATE_REVISION"
  | "INVALID_REVISION_ID"
  | "INVALID_BRANCH_LABEL"
  | "CYCLE"
  | "MISSING_PARENT"
  | "RELATIVE_TOO_FAR"
  | "INVALID_RELATIVE"
  | "AMBIGUOUS_WALK"
  | "AMBIGUOUS_UPGRADE"
  | "OVERLAPPING_TARGETS"
  | "INVALID_DOWNGRADE_TARGET"
  | "RANGE_NOT_ANCESTOR"
  | "INVALID_RANGE"
  | "NO_CURRENT_HEADS"
  | "VERSION_TABLE_MISMATCH";

/**
 * A problem with the revision graph or with a revision identifier the user typed. The CLI
 * prints the one-line message and exits with code 1.
 *
 * @example
 * ```ts
 * throw new RevisionError("UNKNOWN_REVISION", "no revision 'abcd'; run `retort history` to list them");
 * ```
 */
export class RevisionError extends RetortError {
  declare readonly code: RevisionErrorCode;

  constructor(code: RevisionErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { exitCode: 1, cause: options.cause });
    this.name = "RevisionError";
  }
}
