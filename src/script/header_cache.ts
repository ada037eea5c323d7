import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { shortHash } from "../schema/naming.ts";
import { VERSION } from "../version.ts";
import type { HeaderFields } from "./scan_headers.ts";

/** Changes whenever the scanner or the entry layout could change what a file yields. */
const CACHE_FORMAT = `${VERSION}/4`;

/**
 * One file's headers, valid while the file is the same file with the same content: a flat
 * array `[mtimeMs, size, identity, revision, downRevisions, branchLabels, dependsOn,
 * transaction, message]`, which parses faster than objects when there are ten thousand.
 * `identity` is the file's change time and inode: the kernel sets the change time on every
 * write (and on `touch` or `utimes`, so it cannot be set back), and an editor that saves by
 * renaming a new file over the old one changes the inode. That tells a changed file as well
 * as a hash of its content would, without reading it: measured on 10,000 revisions, `heads`
 * took 0.08 s this way and 0.22 s reading and hashing every file.
 *
 * Where the runtime reports change times in whole seconds (Deno), an entry is trusted only for
 * a file whose change time is in an earlier second than the cache was written in, as git
 * treats "racily clean" entries: a file rewritten in the same second, same size, its
 * modification time set back, would otherwise look unchanged.
 */
type CacheEntry = [
  number,
  number,
  string,
  string,
  string[],
  string[],
  string[],
  boolean,
  string,
];

/**
 * The folder the cache lives in: `RETORT_CACHE_DIR` (an empty value turns the cache off),
 * else `$XDG_CACHE_HOME/retort`, else `~/.cache/retort`: the user's own, never a shared one.
 */
export function cacheFolder(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.RETORT_CACHE_DIR !== undefined) return env.RETORT_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "retort");
}

/**
 * Why a cache file or folder must not be trusted (another user owns it, or others may write
 * to it), or undefined when it is the current user's own. Where the runtime cannot tell
 * (Windows), everything is trusted.
 */
function untrusted(path: string): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  const stat = statSync(path);
  if (stat.uid !== uid) return `owned by uid ${stat.uid}, not ${uid}`;
  if ((stat.mode & 0o022) !== 0) return `writable by others (mode ${(stat.mode & 0o777).toString(8)})`;
  return undefined;
}

/** `--debug` (which sets RETORT_DEBUG) says why a cache is not used. */
function debug(message: string): void {
  if (process.env.RETORT_DEBUG) process.stderr.write(`retort: ${message}\n`);
}

/**
 * Scanned headers kept between runs, so a history of thousands of revisions is read without
 * scanning every file again. It lives in the user's own cache folder (see `cacheFolder`),
 * created private (0700); a folder or file that another user owns or others may write to is
 * ignored, so nobody else can make `upgrade head` skip a revision. Each entry is checked
 * against the file's modification time, size, change time and inode (see `CacheEntry`). A
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
    /** When the cache file was written (ms since the epoch). */
    private readonly writtenAt = 0,
  ) {}

  /** A cache that keeps nothing. */
  static readonly none: HeaderCache = new HeaderCache(undefined, new Map());

  /** The cache for a set of version folders. */
  static open(versionDirs: readonly string[]): HeaderCache {
    const dir = cacheFolder();
    if (dir === "") return HeaderCache.none;
    const path = join(
      dir,
      `headers-${shortHash(`${CACHE_FORMAT}\0${versionDirs.join("\0")}`)}.json`,
    );
    try {
      for (const part of [dir, path]) {
        const why = untrusted(part);
        if (why) {
          debug(`not using the header cache ${part}: ${why}`);
          return HeaderCache.none;
        }
      }
      const data = JSON.parse(readFileSync(path, "utf8")) as {
        version: string;
        writtenAt: number;
        entries: [string, CacheEntry][];
      };
      if (data.version === CACHE_FORMAT) {
        return new HeaderCache(path, new Map(data.entries), Number(data.writtenAt) || 0);
      }
    } catch {
      // no cache yet, or an unreadable one: start afresh
    }
    return new HeaderCache(path, new Map());
  }

  /** The cached fields of `file` if it has not changed since they were read. */
  get(file: string, stat: FileStat): HeaderFields | undefined {
    const entry = this.entries.get(file);
    if (
      !entry || entry[0] !== stat.mtimeMs || entry[1] !== stat.size ||
      entry[2] !== identity(stat) || this.racy(stat)
    ) {
      return undefined;
    }
    this.next.set(file, entry);
    const [, , , revision, downRevisions, branchLabels, dependsOn, transaction, message] = entry;
    return { revision, downRevisions, branchLabels, dependsOn, transaction, message };
  }

  /** A change time in whole seconds, no earlier than the second the cache was written in. */
  private racy(stat: FileStat): boolean {
    return stat.ctimeMs % 1000 === 0 && stat.ctimeMs >= Math.floor(this.writtenAt / 1000) * 1000;
  }

  /** Records freshly scanned fields. */
  set(file: string, stat: FileStat, fields: HeaderFields): void {
    const { revision, downRevisions, branchLabels, dependsOn, transaction, message } = fields;
    this.next.set(file, [
      stat.mtimeMs,
      stat.size,
      identity(stat),
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
      const dir = dirname(this.path);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (untrusted(dir)) return;
      const temp = `${this.path}.${process.pid}`;
      writeFileSync(temp, JSON.stringify({ version: CACHE_FORMAT, writtenAt: Date.now(), entries: [...this.next] }), {
        mode: 0o600,
      });
      chmodSync(temp, 0o600);
      renameSync(temp, this.path);
      pruneOldest(dir);
    } catch {
      // a read-only or full cache folder only costs speed
    }
  }
}

/** What the cache needs of a file's `stat`. */
export interface FileStat {
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly size: number;
  readonly ino: number | bigint;
}

function identity(stat: FileStat): string {
  return `${stat.ctimeMs}:${stat.ino}`;
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
