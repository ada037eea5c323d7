// README's Deno setup, followed from an empty folder: a copy of retort in vendor/retort with
// its production dependencies, the README's deno.json, and `deno task db ...` with no
// downloads (a fresh, cache-only Deno).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { repoRoot } from "../_project.ts";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const config = /<!-- tested: tests\/e2e\/deno_vendor_test\.ts[^>]*-->\n```json\n([\s\S]*?)```/.exec(readme)?.[1];
const deno = join(repoRoot, "node_modules", ".bin", "deno");

describe("README: retort vendored into a Deno project", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "retort-deno-"));
    const vendor = join(dir, "vendor", "retort");
    mkdirSync(vendor, { recursive: true });
    for (const entry of ["mod.ts", "cli.ts", "src", "plugins", "package.json", "package-lock.json", "deno.json"]) {
      cpSync(join(repoRoot, entry), join(vendor, entry), { recursive: true });
    }
    const install = spawnSync("npm", ["ci", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"], {
      cwd: vendor,
      encoding: "utf8",
    });
    assert.equal(install.status, 0, install.stderr);
    assert.ok(config, "README has the deno.json block");
    writeFileSync(join(dir, "deno.json"), config!);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const task = (...args: string[]) =>
    spawnSync(deno, ["task", "--quiet", "db", ...args], {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        NO_COLOR: "1",
        DATABASE_URL: "",
        // nothing cached and no registry: every module must come from the folder
        DENO_DIR: join(dir, ".deno-cache"),
        NPM_CONFIG_REGISTRY: "http://127.0.0.1:9/",
        DENO_NO_UPDATE_CHECK: "1",
      },
    });

  it("init, revision with a value import from retort, upgrade head, current", () => {
    const init = task("init");
    assert.equal(init.status, 0, init.stderr);
    const made = task("revision", "-m", "create users", "--rev-id", "u1");
    assert.equal(made.status, 0, made.stderr);
    const versions = join(dir, "migrations", "versions");
    const file = join(versions, readdirSync(versions)[0]);
    writeFileSync(
      file,
      readFileSync(file, "utf8")
        .replace('import type { MigrationContext } from "retort";', 'import { t, type MigrationContext } from "retort";')
        .replace(
          "// write the schema change here, e.g. await op.addColumn(...)",
          'await op.createTable("users", [t.column("id", t.integer(), { primaryKey: true })]);',
        ),
    );
    const up = task("upgrade", "head");
    assert.equal(up.status, 0, up.stderr);
    const current = task("current");
    assert.equal(current.status, 0, current.stderr);
    assert.equal(current.stdout.trim(), "u1 (head)");
  });
});
