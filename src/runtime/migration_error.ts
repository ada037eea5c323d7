import { RetortError } from "../errors.ts";
import { PluginError } from "../plugin/plugin_error.ts";

/** A revision's step failed: which revision, which way, and why. */
export class MigrationError extends RetortError {
  readonly revision: string;

  constructor(revision: string, direction: string, cause: unknown, outcome: string) {
    const why = String((cause as Error)?.message ?? cause).split("\n")[0];
    const code = cause instanceof PluginError ? "PLUGIN_ERROR" : "MIGRATION_FAILED";
    super(code, `${direction} ${revision} failed: ${why}; ${outcome}`, { cause });
    this.name = "MigrationError";
    this.revision = revision;
  }
}
