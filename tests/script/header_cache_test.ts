import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
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

describe("the header cache", () => {
  it("serves unchanged files from the cache and re-reads changed, new and removed ones", () => {
    dir = mkdtempSync(join(tmpdir(), "retort-cache-test-"));
    const versions = join(dir, "versions");
    const cacheDir = join(dir, "cache");
    mkdirSync(versions);
    process.env.RETORT_CACHE_DIR = cacheDir;
    writeFileSync(join(versions, "a.ts"), revision("a1", null, "first"));
    writeFileSync(join(versions, "b.ts"), revision("b2", "a1", "second"));
    assert.deepEqual(scanScripts([versions]).map((s) => s.message), ["first", "second"]);
    assert.equal(readdirSync(cacheDir).length, 1, "the cache was written");

    writeFileSync(join(versions, "b.ts"), revision("b2", "a1", "second, edited"));
    writeFileSync(join(versions, "c.ts"), revision("c3", "b2", "third"));
    assert.deepEqual(scanScripts([versions]).map((s) => s.message), [
      "first",
      "second, edited",
      "third",
    ]);

    // same size, new modification time: read again
    writeFileSync(join(versions, "c.ts"), revision("c3", "b2", "THIRD"));
    utimesSync(join(versions, "c.ts"), new Date(), new Date(Date.now() + 5000));
    rmSync(join(versions, "a.ts"));
    writeFileSync(join(versions, "b.ts"), revision("b2", null, "second, edited"));
    const scripts = scanScripts([versions]);
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
    writeFileSync(join(versions, "a.ts"), revision("a1", null, "first"));
    process.env.RETORT_CACHE_DIR = join(dir, "cache");
    scanScripts([versions]);
    const [file] = readdirSync(join(dir, "cache"));
    writeFileSync(join(dir, "cache", file), "{ not json");
    assert.deepEqual(scanScripts([versions]).map((s) => s.revision), ["a1"]);
    writeFileSync(join(dir, "not-a-dir"), "");
    process.env.RETORT_CACHE_DIR = join(dir, "not-a-dir");
    assert.deepEqual(scanScripts([versions]).map((s) => s.revision), ["a1"]);
    process.env.RETORT_CACHE_DIR = "";
    assert.deepEqual(scanScripts([versions]).map((s) => s.revision), ["a1"]);
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
