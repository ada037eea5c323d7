export { checkPlugin } from "./check_plugin.ts";
export { definePlugin, hookKeys, pluginKeys } from "./plugin.ts";
export type {
  Comparator,
  ComparatorChange,
  ComparatorContext,
  Hook,
  HookContext,
  HookName,
  ObjectType,
  ParentNames,
  Plugin,
  ReadTarget,
  RewriteOp,
  RewriteResult,
  StepEvent,
} from "./plugin.ts";
export { defaultPluginTimeoutMs, PluginChain } from "./plugin_chain.ts";
export { PluginError } from "./plugin_error.ts";
export { rewriter } from "./rewriter.ts";
export type { Rewriter } from "./rewriter.ts";
