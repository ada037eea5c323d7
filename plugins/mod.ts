/**
 * retort's own plugins, each loaded only when a config names it as `"retort/plugins/NAME"`.
 * They use nothing but retort's public API, as any plugin would.
 * @module
 */
export const firstPartyPlugins: Readonly<
  Record<string, () => Promise<Record<string, unknown>>>
> = {
  "nullable-two-step": () => import("./nullable_two_step.ts"),
  "pg-concurrent-indexes": () => import("./pg_concurrent_indexes.ts"),
  "destructive-guard": () => import("./destructive_guard.ts"),
  "skip-empty": () => import("./skip_empty.ts"),
  "views": () => import("./views.ts"),
  "drizzle": () => import("./drizzle.ts"),
};
