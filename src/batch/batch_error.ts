import { RetortError } from "../errors.ts";

/**
 * A batch that cannot be carried out as asked, with a stable `code` (`BATCH_NEEDS_COPY_FROM`,
 * `BATCH_NEEDS_REBUILD`, `BATCH_UNKNOWN_COLUMN`, `BATCH_FOREIGN_KEYS_ON`, ...) and a one-line
 * message that names the table and says what to do. Nothing has changed when it is thrown.
 *
 * @example
 * ```ts
 * throw new BatchError("BATCH_UNKNOWN_COLUMN", "batchAlterTable users: no column 'emial'; check its name");
 * ```
 */
export class BatchError extends RetortError {
  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
    this.name = "BatchError";
  }
}
