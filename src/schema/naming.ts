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

/**
 * The longest name every supported database accepts, in UTF-8 bytes: PostgreSQL's limit,
 * which counts bytes (MySQL's 64 counts characters, so it holds there too).
 */
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
 * (UTF-8) are cut and end in a hash of the full name, so they stay unique and the same on
 * every database.
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

const utf8 = new TextEncoder();

/**
 * Cuts a name to `maxIdentifierLength` UTF-8 bytes, ending in a hash of the whole so it
 * stays unique. The cut falls between characters (never inside a surrogate pair), and a
 * name of multibyte characters is measured in bytes, as PostgreSQL does: it would otherwise
 * cut the name itself, without the hash.
 *
 * @example
 * ```ts
 * fitName("ix_" + "é".repeat(40)); // "ix_" and 25 "é" (53 bytes), "_" and an 8-digit hash
 * ```
 */
export function fitName(name: string): string {
  if (utf8.encode(name).length <= maxIdentifierLength) return name;
  const hash = shortHash(name);
  const room = maxIdentifierLength - hash.length - 1;
  let kept = "";
  let bytes = 0;
  for (const char of name) {
    bytes += utf8.encode(char).length;
    if (bytes > room) break;
    kept += char;
  }
  return `${kept}_${hash}`;
}

/** An 8-hex-digit FNV-1a hash: stable across runtimes and runs. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
