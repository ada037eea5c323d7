import { RetortError } from "../errors.ts";

/**
 * A plugin's hook failed (threw, rejected or did not settle in time): the message names the
 * plugin, the hook, and the revision and operation it was called for.
 *
 * @example
 * ```ts
 * throw new PluginError("plugin audit: rewriteOp failed on dropTable users in revision a1: no drops");
 * ```
 */
export class PluginError extends RetortError {
  constructor(message: string, options: { cause?: unknown; exitCode?: 1 | 2 } = {}) {
    super("PLUGIN_ERROR", message, options);
    this.name = "PluginError";
  }
}
