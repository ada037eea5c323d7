import { RetortError } from "../../errors.ts";

/**
 * A `CREATE TABLE` statement retort cannot read (code `UNREADABLE_TABLE`), with a one-line
 * message that quotes the start of the statement and asks for it to be reported.
 *
 * @example
 * ```ts
 * throw new UnreadableTableError("cannot read table definition (expected TABLE): CREATE VIEW v; report it");
 * ```
 */
export class UnreadableTableError extends RetortError {
  constructor(message: string) {
    super("UNREADABLE_TABLE", message);
    this.name = "UnreadableTableError";
  }
}
