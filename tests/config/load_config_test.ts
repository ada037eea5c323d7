import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config/load_config.ts";
// The library entry hands the running module to the loader, as an app that imports retort does.
import "../../mod.ts";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(join(tmpdir(), "retort-config-")));

describe("loadConfig", () => {
  it("applies defaults and resolves paths against the config file's folder", async () => {
    fresh();
    writeFileSync(join(dir, "retort.json"), JSON.stringify({ url: "sqlite:app.db" }));
    const config = await loadConfig({ cwd: dir, env: {} });
    assert.equal(config.configPath, join(dir, "retort.json"));
    assert.equal(config.scriptDir, join(dir, "migrations"));
    assert.deepEqual(config.versionDirs, [join(dir, "migrations", "versions")]);
    assert.equal(config.versionTable, "retort_version");
    assert.equal(config.transactionPerMigration, false);
    assert.equal(config.url, "sqlite:app.db");
    assert.equal(config.urlBaseDir, dir);
  });

  it("--url wins over DATABASE_URL, which wins over the config; both resolve from the working dir", async () => {
    fresh();
    writeFileSync(
      join(dir, "retort.json"),
      JSON.stringify({ url: "sqlite:app.db", versionLocations: ["a", "b"] }),
    );
    const env = { DATABASE_URL: "sqlite:env.db" };
    assert.equal((await loadConfig({ cwd: dir, env })).url, "sqlite:env.db");
    const fromFlag = await loadConfig({
      cwd: "/tmp",
      env,
      url: "sqlite:flag.db",
      configFile: join(dir, "retort.json"),
    });
    assert.equal(fromFlag.url, "sqlite:flag.db");
    assert.equal(fromFlag.urlBaseDir, "/tmp");
    assert.deepEqual(fromFlag.versionDirs, [join(dir, "a"), join(dir, "b")]);
  });

  it("reads ${VAR} from the environment, and names a variable that is not set", async () => {
    fresh();
    writeFileSync(
      join(dir, "retort.json"),
      JSON.stringify({ url: "sqlite:${DB_FILE}", versionTable: "v_${SUFFIX}" }),
    );
    const config = await loadConfig({ cwd: dir, env: { DB_FILE: "x.db", SUFFIX: "1" } });
    assert.equal(config.url, "sqlite:x.db");
    assert.equal(config.versionTable, "v_1");
    await assert.rejects(
      loadConfig({ cwd: dir, env: { DB_FILE: "x" } }),
      /uses \$\{SUFFIX\} but SUFFIX is not set/,
    );
  });

  it('loads retort.config.ts, which may import from "retort"', async () => {
    fresh();
    writeFileSync(
      join(dir, "retort.config.ts"),
      'import { defineConfig } from "retort";\nexport default defineConfig({ url: "sqlite:ts.db", transactionPerMigration: true });\n',
    );
    const config = await loadConfig({ cwd: dir, env: {} });
    assert.equal(config.url, "sqlite:ts.db");
    assert.equal(config.transactionPerMigration, true);
  });

  it("rejects wrong types and unknown keys with exit code 2", async () => {
    fresh();
    writeFileSync(join(dir, "retort.json"), JSON.stringify({ transactionPerMigration: "yes" }));
    await assert.rejects(
      loadConfig({ cwd: dir, env: {} }),
      (e: Error & { exitCode?: number }) =>
        e.exitCode === 2 && /"transactionPerMigration" must be true or false/.test(e.message),
    );
    writeFileSync(join(dir, "retort.json"), "[]");
    await assert.rejects(loadConfig({ cwd: dir, env: {} }), /must hold an object of settings/);
  });
});

describe("keys reserved for autogenerate and plugins", () => {
  it("are accepted, with their types checked", async () => {
    fresh();
    writeFileSync(
      join(dir, "retort.json"),
      JSON.stringify({
        url: "sqlite:a.db",
        target: "./schema.ts",
        compareType: true,
        includeSchemas: ["public"],
        plugins: [],
      }),
    );
    assert.equal((await loadConfig({ cwd: dir, env: {} })).url, "sqlite:a.db");
    writeFileSync(join(dir, "retort.json"), JSON.stringify({ plugins: "x" }));
    await assert.rejects(loadConfig({ cwd: dir, env: {} }), /"plugins" must be an array/);
  });
});
