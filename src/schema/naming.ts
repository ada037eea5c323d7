/**
 * Templates for the names of indexes and constraints created without one, as SQLAlchemy's
 * `naming_convention`. Tokens: `%(table_name)s`, `%(column_0_name)s`, `%(column_0_N_name)s`
 * (all columns joined by `_`), `%(column_0N_name)s` (joined without separator),
 * `%(referred_table_name)s`, `%(constraint_name)s` (for checks: a short hash of the condition).
 */
export interface NamingConvention {
  readonly ix?: string;
  readonly uq?: string;
  readonly ck?: string;
  readonly fk?: string;
  readonly pk?: string;
}

/** The convention used unless the config sets `namingConvention`. */
export const defaultNamingConvention: Required<NamingConvention> = Object.freeze({
  ix: "ix_%(table_name)s_%(column_0_N_name)s",
  uq: "uq_%(table_name)s_%(column_0_N_name)s",
  ck: "ck_%(table_name)s_%(constraint_name)s",
  fk: "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
  pk: "pk_%(table_name)s",
});

/** The longest name, in UTF-8 bytes, every supported database accepts (PostgreSQL's limit). */
export const maxIdentifierLength = 63;

/** What a name is made from. */
export interface NameParts {
  readonly table: string;
  readonly columns?: readonly string[];
  readonly referredTable?: string;
  readonly constraintName?: string;
}

/**
 * The name the convention gives an unnamed index or constraint. Names longer than 63 bytes
 * (UTF-8, as PostgreSQL counts) are cut and end in a hash of the full name, so they stay
 * unique and the same on every database.
 *
 * @example
 * ```ts
 * conventionalName(defaultNamingConvention, "uq", { table: "users", columns: ["email"] }); // "uq_users_email"
 * ```
 */
export function conventionalName(
  convention: NamingConvention,
  kind: keyof NamingConvention,
  parts: NameParts,
): string {
  const template = convention[kind] ?? defaultNamingConvention[kind];
  const columns = parts.columns ?? [];
  const tokens: Record<string, string> = {
    table_name: parts.table,
    column_0_name: columns[0] ?? "",
    column_0_N_name: columns.join("_"),
    column_0N_name: columns.join(""),
    referred_table_name: parts.referredTable ?? "",
    constraint_name: parts.constraintName ?? "",
  };
  const name = template.replace(/%\((\w+)\)s/g, (whole, token: string) => tokens[token] ?? whole);
  return fitName(name);
}

/**
 * Cuts a name to `limit` UTF-8 bytes (default `maxIdentifierLength`), ending in a hash of the
 * whole so two long names that share a beginning stay different; never splits a character.
 *
 * @example
 * ```ts
 * fitName("ix_" + "ж".repeat(40)).length; // 34: 63 bytes at most, with the hash
 * ```
 */
export function fitName(name: string, limit = maxIdentifierLength): string {
  if (byteLength(name) <= limit) return name;
  const hash = shortHash(name);
  return `${cutToBytes(name, limit - hash.length - 1)}_${hash}`;
}

const encoder = new TextEncoder();

/** The length of `text` in UTF-8 bytes, as PostgreSQL measures identifiers. */
export function byteLength(text: string): number {
  // deno-lint-ignore no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text.length : encoder.encode(text).length;
}

/** The longest start of `text` that fits in `bytes` UTF-8 bytes, whole characters only. */
export function cutToBytes(text: string, bytes: number): string {
  let used = 0;
  let end = 0;
  for (const char of text) {
    const size = byteLength(char);
    if (used + size > bytes) break;
    used += size;
    end += char.length;
  }
  return text.slice(0, end);
}

/** An 8-hex-digit FNV-1a hash of the UTF-16 code units: stable across runtimes and runs. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
