import { RetortError } from "../errors.ts";

/** A revision's step failed: which revision, which way, and why. */
export class MigrationError extends RetortError {
  readonly revision: string;

  constructor(revision: string, direction: string, cause: unknown, outcome: string) {
    const why = String((cause as Error)?.message ?? cause).split("\n")[0];
    super("MIGRATION_FAILED", `${direction} ${revision} failed: ${why}; ${outcome}`, { cause });
    this.name = "MigrationError";
    this.revision = revision;
  }
}
