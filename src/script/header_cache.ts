import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { shortHash } from "../schema/naming.ts";
import { VERSION } from "../version.ts";
import type { HeaderFields } from "./scan_headers.ts";

/** Changes whenever the scanner or the entry layout could change what a file yields. */
const CACHE_FORMAT = `${VERSION}/2`;

/**
 * One file's headers, valid while the file keeps its modification time and size: a flat array
 * `[mtimeMs, size, revision, downRevisions, branchLabels, dependsOn, transaction, message]`,
 * which parses faster than objects when there are ten thousand of them.
 */
type CacheEntry = [number, number, string, string[], string[], string[], boolean, string];

/**
 * Scanned headers kept between runs, so a history of thousands of revisions is read from one
 * file plus a `stat` per revision instead of reading every file. It lives in the temp folder
 * (`RETORT_CACHE_DIR` moves it; an empty value turns it off), never in the project, and a
 * cache that cannot be read or written is simply not used.
 *
 * @example
 * ```ts
 * const cache = HeaderCache.open(["/app/migrations/versions"]);
 * ```
 */
export class HeaderCache {
  private changed = false;
  private readonly next = new Map<string, CacheEntry>();

  private constructor(
    private readonly path: string | undefined,
    private readonly entries: Map<string, CacheEntry>,
  ) {}

  /** A cache that keeps nothing. */
  static readonly none: HeaderCache = new HeaderCache(undefined, new Map());

  /** The cache for a set of version folders. */
  static open(versionDirs: readonly string[]): HeaderCache {
    const dir = process.env.RETORT_CACHE_DIR ?? join(tmpdir(), "retort-cache");
    if (dir === "") return HeaderCache.none;
    const path = join(
      dir,
      `headers-${shortHash(`${CACHE_FORMAT}\0${versionDirs.join("\0")}`)}.json`,
    );
    try {
      const data = JSON.parse(readFileSync(path, "utf8")) as {
        version: string;
        entries: [string, CacheEntry][];
      };
      if (data.version === CACHE_FORMAT) return new HeaderCache(path, new Map(data.entries));
    } catch {
      // no cache yet, or an unreadable one: start afresh
    }
    return new HeaderCache(path, new Map());
  }

  /** The cached fields of `file` if it has not changed since they were read. */
  get(file: string, mtimeMs: number, size: number): HeaderFields | undefined {
    const entry = this.entries.get(file);
    if (!entry || entry[0] !== mtimeMs || entry[1] !== size) return undefined;
    this.next.set(file, entry);
    const [, , revision, downRevisions, branchLabels, dependsOn, transaction, message] = entry;
    return { revision, downRevisions, branchLabels, dependsOn, transaction, message };
  }

  /** Records freshly scanned fields. */
  set(file: string, mtimeMs: number, size: number, fields: HeaderFields): void {
    const { revision, downRevisions, branchLabels, dependsOn, transaction, message } = fields;
    this.next.set(file, [
      mtimeMs,
      size,
      revision,
      downRevisions,
      branchLabels,
      dependsOn,
      transaction,
      message,
    ]);
    this.changed = true;
  }

  /** Writes the cache back if anything was added or went away (atomically, best effort). */
  save(): void {
    if (!this.path || (!this.changed && this.next.size === this.entries.size)) return;
    try {
      mkdirSync(join(this.path, ".."), { recursive: true });
      const temp = `${this.path}.${process.pid}`;
      writeFileSync(temp, JSON.stringify({ version: CACHE_FORMAT, entries: [...this.next] }));
      renameSync(temp, this.path);
      pruneOldest(join(this.path, ".."));
    } catch {
      // a read-only or full temp folder only costs speed
    }
  }
}

/** Keeps the cache folder small: past 100 projects' caches, the least recently written go. */
function pruneOldest(dir: string): void {
  const names = readdirSync(dir).filter((name) => name.startsWith("headers-"));
  if (names.length <= 100) return;
  const byAge = names.map((name) => ({
    path: join(dir, name),
    mtimeMs: statSync(join(dir, name)).mtimeMs,
  }))
    .sort((a, b) => a.mtimeMs - b.mtimeMs);
  for (const { path } of byAge.slice(0, names.length - 100)) rmSync(path, { force: true });
}
