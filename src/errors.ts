/**
 * A failure the user can act on: a stable `code`, a one-line message that names the
 * culprit and says what to do next, and the exit code the CLI ends with.
 *
 * @example
 * ```ts
 * throw new RetortError("UNKNOWN_REVISION", "no revision 'abc'; run `retort history` to list them");
 * ```
 */
export class RetortError extends Error {
  readonly code: string;
  readonly exitCode: 1 | 2;

  constructor(code: string, message: string, options: { exitCode?: 1 | 2; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "RetortError";
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Bad command-line usage or configuration the user typed: exit code 2. */
export class UsageError extends RetortError {
  constructor(code: string, message: string) {
    super(code, message, { exitCode: 2 });
    this.name = "UsageError";
  }
}
