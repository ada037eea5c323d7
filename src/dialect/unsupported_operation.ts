import { RetortError } from "../errors.ts";

/**
 * An operation the database cannot carry out as asked (code `UNSUPPORTED_OPERATION`), with a
 * one-line message naming the table, column or op and the way around it.
 *
 * @example
 * ```ts
 * throw new UnsupportedOperationError("dropIndex ix_a: MySQL needs the table the index is on; pass { table }");
 * ```
 */
export class UnsupportedOperationError extends RetortError {
  constructor(message: string) {
    super("UNSUPPORTED_OPERATION", message);
    this.name = "UnsupportedOperationError";
  }
}
