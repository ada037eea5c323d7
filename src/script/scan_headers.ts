import { RetortError } from "../errors.ts";

/** What a revision file says about itself, read from its text without running it. */
export interface RevisionHeaders {
  readonly revision: string;
  readonly downRevisions: string[];
  readonly branchLabels: string[];
  readonly dependsOn: string[];
  /** `export const transaction = false` opts the revision out of the run's transaction. */
  readonly transaction: boolean;
  /** First line of the leading doc comment. */
  readonly message: string;
  /** The leading doc comment, without its comment markers. */
  readonly doc: string;
  readonly createDate?: string;
}

type Literal = string | boolean | null | string[];

type HeaderName = "revision" | "downRevision" | "branchLabels" | "dependsOn" | "transaction";

const exportPattern =
  /^export\s+const\s+(revision|downRevision|branchLabels|dependsOn|transaction)\b\s*(?::[^=\n]*)?=\s*/gm;

/** The header exports of a revision file as plain fields; see {@link scanHeaders}. */
export function scanHeaderFields(text: string, path: string): HeaderFields {
  const found = new Map<HeaderName, Literal>();
  // An export inside a /* */ comment is not one: match on the text with comments blanked
  // out (same length, so positions still point into `text`).
  const visible = text.includes("/*") ? blankBlockComments(text) : text;
  for (const match of visible.matchAll(exportPattern)) {
    const name = match[1] as HeaderName;
    const start = match.index! + match[0].length;
    if (found.has(name)) {
      throw headerError(path, text, match.index!, `\`${name}\` is exported twice`);
    }
    const value = readLiteral(text, start);
    if (value === undefined) {
      throw headerError(
        path,
        text,
        start,
        `\`${name}\` must be a literal (${
          expected(name)
        }) so retort can read it without running the file`,
      );
    }
    checkShape(name, value, path, text, start);
    found.set(name, value);
  }
  const revision = found.get("revision");
  if (typeof revision !== "string" || revision === "") {
    throw headerError(
      path,
      text,
      0,
      'no `export const revision = "<id>"`; every revision file needs one',
    );
  }
  if (!found.has("downRevision")) {
    throw headerError(
      path,
      text,
      0,
      "no `export const downRevision = ...`; use null for a first revision",
    );
  }
  return {
    revision,
    downRevisions: toList(found.get("downRevision")),
    branchLabels: toList(found.get("branchLabels")),
    dependsOn: toList(found.get("dependsOn")),
    transaction: found.get("transaction") !== false,
    message: firstLine(leadingComment(text)),
  };
}

/** The headers of a file as plain data (what the header cache keeps). */
export type HeaderFields = Omit<RevisionHeaders, "doc" | "createDate">;

/**
 * Reads the header exports of a revision file from its source text. Each must be a literal,
 * so the revision graph is known without importing any module.
 *
 * @example
 * ```ts
 * scanHeaders('export const revision = "ab12";\nexport const downRevision = null;', "x.ts");
 * ```
 */
export function scanHeaders(text: string, path: string): RevisionHeaders {
  return withDoc(scanHeaderFields(text, path), () => docText(text));
}

/** The leading doc comment of a revision file's text, without its comment markers. */
export function docText(text: string): string {
  return commentText(leadingComment(text));
}

/** Headers whose doc text is fetched (and cleaned) only when something asks for it. */
export function withDoc(fields: HeaderFields, readDoc: () => string): RevisionHeaders {
  return new LazyDocHeaders(fields, readDoc);
}

class LazyDocHeaders implements RevisionHeaders {
  readonly revision: string;
  readonly downRevisions: string[];
  readonly branchLabels: string[];
  readonly dependsOn: string[];
  readonly transaction: boolean;
  readonly message: string;

  constructor(fields: HeaderFields, private readonly readDoc: () => string) {
    this.revision = fields.revision;
    this.downRevisions = fields.downRevisions;
    this.branchLabels = fields.branchLabels;
    this.dependsOn = fields.dependsOn;
    this.transaction = fields.transaction;
    this.message = fields.message;
  }

  get doc(): string {
    return this.readDoc();
  }

  get createDate(): string | undefined {
    return /^Create Date:\s*(.+)$/m.exec(this.doc)?.[1].trim();
  }
}

function toList(value: Literal | undefined): string[] {
  if (value === undefined || value === null) return [];
  return typeof value === "string" ? [value] : (value as string[]);
}

function expected(name: HeaderName): string {
  if (name === "revision") return "a string";
  if (name === "transaction") return "true or false";
  return "a string, an array of strings, or null";
}

function checkShape(
  name: HeaderName,
  value: Literal,
  path: string,
  text: string,
  at: number,
): void {
  const ok = name === "revision"
    ? typeof value === "string"
    : name === "transaction"
    ? typeof value === "boolean"
    : typeof value !== "boolean";
  if (!ok) throw headerError(path, text, at, `\`${name}\` must be ${expected(name)}`);
}

const keyword = /(null|undefined|true|false)\s*(?:as\s+const\s*)?(?:;|\n|$)/y;
const literalEnd = /\s*(?:as\s+const\s*)?(?:;|\n|$)/y;

/** Parses a string, null, boolean or array-of-strings literal at `start`; undefined otherwise. */
function readLiteral(text: string, start: number): Literal | undefined {
  keyword.lastIndex = start;
  const simple = keyword.exec(text);
  if (simple) {
    return simple[1] === "true" ? true : simple[1] === "false" ? false : null;
  }
  const string = readString(text, start);
  if (string) return isEnd(text, string.end) ? string.value : undefined;
  if (text[start] !== "[") return undefined;
  const items: string[] = [];
  let i = skipSpace(text, start + 1);
  while (text[i] !== "]") {
    const item = readString(text, i);
    if (!item) return undefined;
    items.push(item.value);
    i = skipSpace(text, item.end);
    if (text[i] === ",") i = skipSpace(text, i + 1);
    else if (text[i] !== "]") return undefined;
  }
  return isEnd(text, i + 1) ? items : undefined;
}

function readString(text: string, start: number): { value: string; end: number } | undefined {
  const quote = text[start];
  if (quote !== '"' && quote !== "'" && quote !== "`") return undefined;
  const close = text.indexOf(quote, start + 1);
  if (close < 0) return undefined;
  const plain = text.slice(start + 1, close);
  if (!/[\\\n$]/.test(plain)) return { value: plain, end: close + 1 };
  let value = "";
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === quote) return { value, end: i + 1 };
    if (c === "\n" && quote !== "`") return undefined;
    if (c === "$" && quote === "`" && text[i + 1] === "{") return undefined;
    if (c === "\\") {
      value += text[++i];
      continue;
    }
    value += c;
  }
  return undefined;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  return i;
}

function isEnd(text: string, i: number): boolean {
  literalEnd.lastIndex = i;
  return literalEnd.test(text);
}

const blockComment = /^\s*\/\*\*?([\s\S]*?)\*\//;
const lineComments = /^(\s*\/\/[^\n]*\n)+/;

/** The raw `/** ... *\/` comment (or `//` lines) at the top of the file, markers included. */
function leadingComment(text: string): string {
  return blockComment.exec(text)?.[0] ?? lineComments.exec(text)?.[0] ?? "";
}

/** A leading comment without its comment markers. */
function commentText(comment: string): string {
  const block = blockComment.exec(comment);
  if (block) {
    return block[1].split("\n").map((line) => line.replace(/^\s*\* ?/, "").trimEnd()).join("\n")
      .trim();
  }
  return comment.split("\n").map((line) => line.replace(/^\s*\/\/ ?/, "")).join("\n").trim();
}

/** The first line of text in a leading comment, found without cleaning the whole comment. */
function firstLine(comment: string): string {
  for (const line of comment.split("\n", 8)) {
    const text = line.replace(/^\s*(?:\/\*\*?|\*(?!\/)|\/\/)?\s*/, "").replace(/\s*\*\/\s*$/, "")
      .trim();
    if (text) return text;
  }
  return "";
}

function headerError(path: string, text: string, offset: number, why: string): RetortError {
  const line = text.slice(0, offset).split("\n").length;
  return new RetortError("INVALID_REVISION_HEADER", `${path}:${line}: ${why}`);
}

/** `text` with every `/* ... *\/` comment replaced by spaces, line breaks kept. */
function blankBlockComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "));
}
