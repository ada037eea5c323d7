/**
 * True when two identifiers name the same thing as SQLite (and MySQL for columns) compares
 * them: without regard to ASCII case.
 *
 * @example
 * ```ts
 * sameName("Email", "email"); // true
 * ```
 */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
