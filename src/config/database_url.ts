import { resolve } from "node:path";
import { UsageError } from "../errors.ts";
import { redactSecrets } from "./redact_secrets.ts";

/** A parsed database URL: which database, and how to reach it. */
export type DatabaseTarget =
  | { readonly kind: "sqlite"; readonly path: string | ":memory:" }
  | { readonly kind: "libsql" | "postgres" | "mysql"; readonly url: string };

/**
 * Parses a database URL. SQLite paths that are relative resolve against `baseDir`.
 *
 * Accepted: `sqlite:relative.db`, and SQLAlchemy's forms (so a URL pasted from alembic.ini
 * means the same file): `sqlite:///relative.db`, `sqlite:////absolute/path.db`; also
 * `sqlite:/absolute/path.db`, `file:path.db`, `file:///absolute/path.db`, `:memory:`,
 * `postgres://` `postgresql://`, `mysql://` `mariadb://`, and remote libSQL `libsql://`
 * `http(s)://`.
 */
export function parseDatabaseUrl(url: string, baseDir: string): DatabaseTarget {
  const text = url.trim();
  if (text === "") throw badUrl(url, "it is empty");
  if (text === ":memory:" || text === "sqlite::memory:" || text === "sqlite://:memory:") {
    return { kind: "sqlite", path: ":memory:" };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === "sqlite" || scheme === "file") {
    let path = text.slice(scheme.length + 1);
    if (path.startsWith("//")) {
      path = path.slice(2); // an empty authority: file:///abs, sqlite:///rel, sqlite:////abs
      // SQLAlchemy: three slashes then a relative path, four for an absolute one.
      if (scheme === "sqlite" && path.startsWith("/")) path = path.slice(1);
    }
    path = decoded(url, path.split("?")[0]);
    if (path === "") throw badUrl(url, "it names no file");
    return { kind: "sqlite", path: resolve(baseDir, path) };
  }
  const kind = scheme ? serverKinds[scheme] : undefined;
  if (kind) {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      throw badUrl(url, "it is not a valid URL");
    }
    if (!parsed.hostname) throw badUrl(url, "it names no host");
    decoded(url, parsed.username);
    decoded(url, parsed.password);
    decoded(url, parsed.pathname);
    return { kind, url: text };
  }
  throw badUrl(url, scheme ? `unknown scheme "${scheme}:"` : "it has no scheme");
}

const serverKinds: Record<string, "libsql" | "postgres" | "mysql"> = {
  postgres: "postgres",
  postgresql: "postgres",
  mysql: "mysql",
  mariadb: "mysql",
  libsql: "libsql",
  http: "libsql",
  https: "libsql",
};

/** The URL with any password replaced by `***`, safe to print. */
export function redactUrl(url: string): string {
  return redactSecrets(url);
}

function badUrl(url: string, why: string): UsageError {
  return new UsageError(
    "INVALID_URL",
    `database URL "${redactUrl(url)}" is unusable: ${why}; ` +
      "write e.g. sqlite:app.db, postgres://user@host/db, mysql://user@host/db or libsql://host",
  );
}

/** `%xx` escapes decoded, or a usage error naming the URL when one is not valid (`%zz`). */
function decoded(url: string, text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw badUrl(url, "it holds a % that is not followed by two hex digits (write a literal % as %25)");
  }
}
