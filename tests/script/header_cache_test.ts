import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { chmodSync, chownSync, readFileSync, statSync } from "node:fs";
import { cacheFolder } from "../../src/script/header_cache.ts";
import { scanScripts } from "../../src/script/script_directory.ts";

let dir: string;
const saved = process.env.RETORT_CACHE_DIR;
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  if (saved === undefined) delete process.env.RETORT_CACHE_DIR;
  else process.env.RETORT_CACHE_DIR = saved;
});

const revision = (id: string, down: string | null, message: string) =>
  `/** ${message} */\nexport const revision = "${id}";\nexport const downRevision = ${
    JSON.stringify(down)
  };\n`;

/** Enough other revisions that the cache is used (small projects skip it). */
function fill(versions: string): void {
  for (let i = 0; i < 300; i++) {
    writeFileSync(join(versions, `zz_${i}.ts`), revision(`zz${i}`, null, "filler"));
  }
}

const scan = (versions: string) =>
  scanScripts([versions]).filter((s) => !s.revision.startsWith("zz"));

describe("the header cache", () => {
  it("serves unchanged files from the cache and re-reads changed, new and removed ones", () => {
    dir = mkdtempSync(join(tmpdir(), "retort-cache-test-"));
    const versions = join(dir, "versions");
    const cacheDir = join(dir, "cache");
    mkdirSync(versions);
    fill(versions);
    process.env.RETORT_CACHE_DIR = cacheDir;
    writeFileSync(join(versions, "a.ts"), revision("a1", null, "first"));
    writeFileSync(join(versions, "b.ts"), revision("b2", "a1", "second"));
    assert.deepEqual(scan(versions).map((s) => s.message), ["first", "second"]);
    assert.equal(readdirSync(cacheDir).length, 1, "the cache was written");

    writeFileSync(join(versions, "b.ts"), revision("b2", "a1", "second, edited"));
    writeFileSync(join(versions, "c.ts"), revision("c3", "b2", "third"));
    assert.deepEqual(scan(versions).map((s) => s.message), [
      "first",
      "second, edited",
      "third",
    ]);

    // same size, new modification time: read again
    writeFileSync(join(versions, "c.ts"), revision("c3", "b2", "THIRD"));
    utimesSync(join(versions, "c.ts"), new Date(), new Date(Date.now() + 5000));
    rmSync(join(versions, "a.ts"));
    writeFileSync(join(versions, "b.ts"), revision("b2", null, "second, edited"));
    const scripts = scan(versions);
    assert.deepEqual(scripts.map((s) => [s.revision, s.message]), [["b2", "second, edited"], [
      "c3",
      "THIRD",
    ]]);
    assert.deepEqual(scripts[0].downRevisions, []);
  });

  it("works without a usable cache: corrupt, unwritable, or turned off", () => {
    dir = mkdtempSync(join(tmpdir(), "retort-cache-test-"));
    const versions = join(dir, "versions");
    mkdirSync(versions);
    fill(versions);
    writeFileSync(join(versions, "a.ts"), revision("a1", null, "first"));
    process.env.RETORT_CACHE_DIR = join(dir, "cache");
    scanScripts([versions]);
    const [file] = readdirSync(join(dir, "cache"));
    writeFileSync(join(dir, "cache", file), "{ not json");
    assert.deepEqual(scan(versions).map((s) => s.revision), ["a1"]);
    writeFileSync(join(dir, "not-a-dir"), "");
    process.env.RETORT_CACHE_DIR = join(dir, "not-a-dir");
    assert.deepEqual(scan(versions).map((s) => s.revision), ["a1"]);
    process.env.RETORT_CACHE_DIR = "";
    assert.deepEqual(scan(versions).map((s) => s.revision), ["a1"]);
  });

  it("still rejects a bad header every time (bad files are never cached)", () => {
    dir = mkdtempSync(join(tmpdir(), "retort-cache-test-"));
    const versions = join(dir, "versions");
    mkdirSync(versions);
    process.env.RETORT_CACHE_DIR = join(dir, "cache");
    writeFileSync(
      join(versions, "a.ts"),
      "export const revision = id();\nexport const downRevision = null;\n",
    );
    assert.throws(() => scanScripts([versions]), /a\.ts:1: `revision` must be a literal/);
    assert.throws(() => scanScripts([versions]), /a\.ts:1: `revision` must be a literal/);
  });
});

describe("a header cache nobody else can poison", () => {
  /** A project of 300 fillers plus a1 <- b2, its cache written once. */
  function cached(): { versions: string; cacheFile: string } {
    dir = mkdtempSync(join(tmpdir(), "retort-cache-test-"));
    const versions = join(dir, "versions");
    mkdirSync(versions);
    fill(versions);
    writeFileSync(join(versions, "a.ts"), revision("a1", null, "first"));
    writeFileSync(join(versions, "b.ts"), revision("b2", "a1", "second"));
    process.env.RETORT_CACHE_DIR = join(dir, "cache");
    scanScripts([versions]);
    const [name] = readdirSync(join(dir, "cache"));
    return { versions, cacheFile: join(dir, "cache", name) };
  }

  it("is private: the folder is 0700, the file 0600", () => {
    const { cacheFile } = cached();
    assert.equal(statSync(join(dir, "cache")).mode & 0o777, 0o700);
    assert.equal(statSync(cacheFile).mode & 0o777, 0o600);
  });

  it("checks each entry against the file's content, not only its time and size", () => {
    const { versions } = cached();
    const file = join(versions, "b.ts");
    const { atime, mtime } = statSync(file);
    writeFileSync(file, revision("b2", "zz", "SECOND")); // same size
    utimesSync(file, atime, mtime); // same time
    const b2 = scan(versions).find((s) => s.revision === "b2")!;
    assert.deepEqual([b2.downRevisions, b2.message], [["zz"], "SECOND"]);
  });

  it("ignores a cache file another user owns, or that others may write to", { skip: process.getuid?.() !== 0 && "needs root to chown" }, async () => {
    const { versions, cacheFile } = cached();
    if ("Deno" in globalThis) {
      // Deno's change times are whole seconds: files changed in the second the cache was
      // written in are read again until a later write of the cache (see header_cache.ts).
      await new Promise((done) => setTimeout(done, 1100));
      scanScripts([versions]);
    }
    // what someone else would write: b2's entry changed (here its message, to see it used)
    const data = JSON.parse(readFileSync(cacheFile, "utf8"));
    for (const [path, entry] of data.entries) if (path.endsWith("b.ts")) entry[8] = "from the cache";
    writeFileSync(cacheFile, JSON.stringify(data));
    assert.equal(scan(versions).find((s) => s.revision === "b2")!.message, "from the cache", "own cache: used");
    chownSync(cacheFile, 4242, 4242);
    assert.equal(scan(versions).find((s) => s.revision === "b2")!.message, "second");
    chownSync(cacheFile, 0, 0);
    chmodSync(cacheFile, 0o666);
    assert.equal(scan(versions).find((s) => s.revision === "b2")!.message, "second");
    chmodSync(cacheFile, 0o600);
    chmodSync(join(dir, "cache"), 0o777);
    assert.equal(scan(versions).find((s) => s.revision === "b2")!.message, "second");
  });

  it("lives in the user's own cache folder, never the shared temp folder", () => {
    dir = mkdtempSync(join(tmpdir(), "retort-cache-test-"));
    assert.equal(cacheFolder({ XDG_CACHE_HOME: "/home/ada/.cache-x" }), "/home/ada/.cache-x/retort");
    assert.match(cacheFolder({}), /\/\.cache\/retort$/);
    assert.equal(cacheFolder({ RETORT_CACHE_DIR: "" }), "");
  });
});

describe("the header cache folder", () => {
  it("is not used by small projects, and keeps at most 100 projects' caches", () => {
    dir = mkdtempSync(join(tmpdir(), "retort-cache-test-"));
    const cacheDir = join(dir, "cache");
    process.env.RETORT_CACHE_DIR = cacheDir;
    const small = join(dir, "small");
    mkdirSync(small);
    writeFileSync(join(small, "a.ts"), revision("a1", null, "first"));
    scanScripts([small]);
    assert.equal(existsSync(cacheDir), false, "a small project writes no cache");

    mkdirSync(cacheDir);
    for (let i = 0; i < 120; i++) writeFileSync(join(cacheDir, `headers-old${i}.json`), "{}");
    const big = join(dir, "big");
    mkdirSync(big);
    fill(big);
    scanScripts([big]);
    const left = readdirSync(cacheDir);
    assert.equal(left.length, 100);
    assert.equal(left.filter((n) => !n.startsWith("headers-old")).length, 1, "the new cache stays");
  });
});
