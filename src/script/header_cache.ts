import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { shortHash } from "../ops/naming.ts";
import { VERSION } from "../version.ts";
import type { HeaderFields } from "./scan_headers.ts";

/** One file's headers, valid while the file keeps its modification time and size. */
interface CacheEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly fields: HeaderFields;
}

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

  /** The cache for a set of version folders. */
  static open(versionDirs: readonly string[]): HeaderCache {
    const dir = process.env.RETORT_CACHE_DIR ?? join(tmpdir(), "retort-cache");
    if (dir === "") return new HeaderCache(undefined, new Map());
    const path = join(dir, `headers-${shortHash(`${VERSION}\0${versionDirs.join("\0")}`)}.json`);
    try {
      const data = JSON.parse(readFileSync(path, "utf8")) as {
        version: string;
        entries: [string, CacheEntry][];
      };
      if (data.version === VERSION) return new HeaderCache(path, new Map(data.entries));
    } catch {
      // no cache yet, or an unreadable one: start afresh
    }
    return new HeaderCache(path, new Map());
  }

  /** The cached fields of `file` if it has not changed since they were read. */
  get(file: string, mtimeMs: number, size: number): HeaderFields | undefined {
    const entry = this.entries.get(file);
    if (!entry || entry.mtimeMs !== mtimeMs || entry.size !== size) return undefined;
    this.next.set(file, entry);
    return entry.fields;
  }

  /** Records freshly scanned fields. */
  set(file: string, mtimeMs: number, size: number, fields: HeaderFields): void {
    this.next.set(file, { mtimeMs, size, fields });
    this.changed = true;
  }

  /** Writes the cache back if anything was added or went away (atomically, best effort). */
  save(): void {
    if (!this.path || (!this.changed && this.next.size === this.entries.size)) return;
    try {
      mkdirSync(join(this.path, ".."), { recursive: true });
      const temp = `${this.path}.${process.pid}`;
      writeFileSync(temp, JSON.stringify({ version: VERSION, entries: [...this.next] }));
      renameSync(temp, this.path);
    } catch {
      // a read-only or full temp folder only costs speed
    }
  }
}
