/** Raw SQL passed through as written, e.g. a server default expression. */
export interface SqlFragment {
  readonly sql: string;
}

/** True when `value` is a raw SQL fragment made by `sql`. */
export function isSqlFragment(value: unknown): value is SqlFragment {
  return typeof value === "object" && value !== null &&
    typeof (value as SqlFragment).sql === "string";
}

/**
 * Marks text as raw SQL, for server defaults and other expressions.
 *
 * @example
 * ```ts
 * t.column("created_at", t.timestamp(), { serverDefault: sql`CURRENT_TIMESTAMP` });
 * ```
 */
export function sql(strings: TemplateStringsArray | string, ...values: unknown[]): SqlFragment {
  if (typeof strings === "string") return Object.freeze({ sql: strings });
  let text = strings[0];
  values.forEach((value, i) => (text += String(value) + strings[i + 1]));
  return Object.freeze({ sql: text });
}
