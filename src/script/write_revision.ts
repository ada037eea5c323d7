import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RetortError } from "../errors.ts";
import { defaultRevisionTemplate, renderTemplate } from "./template.ts";

/** What a new revision file says. */
export interface NewRevision {
  readonly revision: string;
  readonly message: string;
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly createDate: Date;
  readonly upgrades?: string;
  readonly downgrades?: string;
  /** The context names each function's body uses (`op`, `t`, `sql`), for its parameter list. */
  readonly upgradeUses?: readonly string[];
  readonly downgradeUses?: readonly string[];
}

/** A fresh 12-hex-digit revision id, as Alembic makes them. */
export function newRevisionId(): string {
  return crypto.randomUUID().replaceAll("-", "").slice(-12);
}

/** A revision id given with `--rev-id` must be usable as a file name and an identifier. */
export function checkRevisionId(id: string): void {
  if (!/^[A-Za-z0-9_]+$/.test(id)) {
    throw new RetortError(
      "INVALID_REVISION_ID",
      `revision id "${id}" may hold only letters, digits and underscores; pick another --rev-id`,
      { exitCode: 2 },
    );
  }
}

/** Letters that do not decompose into a base letter and accents. */
const spelledOut: Record<string, string> = {
  "ß": "ss",
  "æ": "ae",
  "œ": "oe",
  "ø": "o",
  "ł": "l",
  "đ": "d",
  "ð": "d",
  "þ": "th",
  "ı": "i",
};

/**
 * The message made into a file-name part: lower case ASCII (accents dropped, `ß` spelled
 * `ss`), words joined by underscores.
 *
 * @example
 * ```ts
 * slugify("Ünïcode straße"); // "unicode_strasse"
 * ```
 */
export function slugify(message: string, maxLength = 40): string {
  const slug = message.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[ßæœøłđðþı]/g, (c) => spelledOut[c]).replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return slug.slice(0, maxLength).replace(/_+$/, "");
}

/** The file name from `fileTemplate` (`%(rev)s_%(slug)s`, plus `%(year)d` and friends). */
export function revisionFileName(template: string, revision: NewRevision): string {
  const d = revision.createDate;
  const two = (n: number) => String(n).padStart(2, "0");
  const values: Record<string, string> = {
    rev: revision.revision,
    slug: slugify(revision.message),
    year: String(d.getUTCFullYear()),
    month: two(d.getUTCMonth() + 1),
    day: two(d.getUTCDate()),
    hour: two(d.getUTCHours()),
    minute: two(d.getUTCMinutes()),
    second: two(d.getUTCSeconds()),
    epoch: String(Math.floor(d.getTime() / 1000)),
  };
  const name = template.replace(/%\((\w+)\)[sd]/g, (whole, key: string) => values[key] ?? whole);
  return `${name.replace(/_+$/, "")}.ts`;
}

/** Writes the revision file from the project's template; returns its path. */
export function writeRevision(options: {
  scriptDir: string;
  versionDir: string;
  fileTemplate: string;
  revision: NewRevision;
}): string {
  const { revision } = options;
  const templatePath = join(options.scriptDir, "script.ts.tmpl");
  const template = existsSync(templatePath)
    ? readFileSync(templatePath, "utf8")
    : defaultRevisionTemplate;
  const literal = (values: readonly string[]) =>
    values.length === 0
      ? "null"
      : values.length === 1
      ? JSON.stringify(values[0])
      : JSON.stringify(values);
  let text = renderTemplate(template, {
    message: revision.message.replaceAll("*/", "* /"),
    revision: revision.revision,
    revisionLiteral: JSON.stringify(revision.revision),
    revises: revision.downRevisions.join(", "),
    createDate: revision.createDate.toISOString(),
    downRevision: literal(revision.downRevisions),
    branchLabels: revision.branchLabels.length ? JSON.stringify(revision.branchLabels) : "null",
    dependsOn: literal(revision.dependsOn),
    upgrades: revision.upgrades ?? "// write the schema change here, e.g. await op.addColumn(...)",
    downgrades: revision.downgrades ?? "// undo what upgrade() did",
  });
  mkdirSync(options.versionDir, { recursive: true });
  const path = join(options.versionDir, revisionFileName(options.fileTemplate, revision));
  text = withParameters(text, "upgrade", revision.upgradeUses);
  text = withParameters(text, "downgrade", revision.downgradeUses);
  text = text.replace(/[ \t]+$/gm, "");
  if (existsSync(path)) {
    throw new RetortError(
      "REVISION_EXISTS",
      `${path} already exists; pick another --rev-id or message`,
    );
  }
  writeFileSync(path, text);
  return path;
}

/**
 * `export async function upgrade({ op, t }: MigrationContext)` with exactly the names the body
 * uses, its parameter on a line of its own when the signature would pass 80 columns (as
 * `deno fmt` lays it out).
 */
function withParameters(text: string, name: string, uses: readonly string[] | undefined): string {
  if (!uses) return text;
  const pattern = new RegExp(
    `^export\\s+async\\s+function\\s+${name}\\s*\\(\\s*\\{[^}]*\\}(\\s*:\\s*[\\w.]+)\\s*\\)(.*)$`,
    "m",
  );
  return text.replace(pattern, (line, type: string, rest: string) => {
    const parameter = `{ ${uses.join(", ")} }${type.replace(/\s+/g, " ").replace(" :", ":")}`;
    const one = `export async function ${name}(${parameter})${rest}`;
    return one.length <= 80 ? one : `export async function ${name}(\n  ${parameter},\n)${rest}`;
  });
}
