// PostgreSQL enum types follow the columns they were made for: created with the column,
// dropped with its last column, and an existing type with other values is an error that
// names both lists instead of a silent mismatch.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import type { TempProject } from "../_project.ts";
import { runCli, tempProject } from "../_project.ts";

const { db, skip } = await throwawayDatabase("postgres");

describe("PostgreSQL enum types", { skip }, () => {
  let database: ThrowawayDatabase;
  const projects: TempProject[] = [];
  before(() => (database = db!));
  after(async () => {
    for (const p of projects) p.cleanup();
    await database?.drop();
  });

  async function rows(sql: string): Promise<Record<string, unknown>[]> {
    const connection = await database.connect();
    try {
      return await connection.query(sql);
    } finally {
      await connection.close();
    }
  }
  const types = async () =>
    (await rows("SELECT typname FROM pg_type WHERE typtype = 'e' ORDER BY typname")).map((r) =>
      r.typname
    );

  function project(values: string[], versionTable: string): TempProject {
    const p = tempProject({ url: database.url, versionTable });
    projects.push(p);
    p.write("e1", null, {
      up: `  await op.createTable("posts_${versionTable}", [
    t.column("id", t.integer(), { primaryKey: true }),
    t.column("state", t.enum(${JSON.stringify(values)})),
  ]);`,
      down: `  await op.dropTable("posts_${versionTable}");`,
    });
    return p;
  }

  it("a changed list of values takes effect after a downgrade to base and a new upgrade", async () => {
    const p = project(["draft", "live"], "v1");
    assert.equal(runCli(["upgrade", "head"], { cwd: p.dir }).code, 0);
    assert.deepEqual(await types(), ["posts_v1_state_enum"]);
    const down = runCli(["downgrade", "base"], { cwd: p.dir });
    assert.equal(down.code, 0, down.stderr);
    assert.deepEqual(await types(), [], "dropped with its last column");
    const changed = project(["draft", "live", "archived"], "v1");
    changed.write("e1", null, {
      up: `  await op.createTable("posts_v1", [
    t.column("id", t.integer(), { primaryKey: true }),
    t.column("state", t.enum(["draft", "live", "archived"])),
  ]);`,
    });
    const up = runCli(["upgrade", "head"], { cwd: changed.dir });
    assert.equal(up.code, 0, up.stderr);
    await rows("INSERT INTO posts_v1 (state) VALUES ('archived')");
  });

  it("an existing type with other values is an error naming the type and both lists", async () => {
    await rows("CREATE TYPE posts_v2_state_enum AS ENUM ('x', 'y')");
    const p = project(["draft", "live"], "v2");
    const up = runCli(["upgrade", "head"], { cwd: p.dir });
    assert.equal(up.code, 1);
    assert.match(
      up.stderr,
      /enum type posts_v2_state_enum already exists with values \(x, y\), but this migration gives \(draft, live\)/,
    );
    assert.deepEqual(
      await rows("SELECT to_regclass('posts_v2') AS t"),
      [{ t: null }],
      "nothing was created",
    );
    await rows("DROP TYPE posts_v2_state_enum");
  });

  it("a type made with createEnumType, and one another table still uses, stay", async () => {
    const p = tempProject({ url: database.url, versionTable: "v3" });
    projects.push(p);
    p.write("s1", null, {
      up: `  await op.createEnumType("mood", ["ok", "meh"]);
  await op.createTable("a3", [t.column("m", t.enum(["ok", "meh"], { name: "mood" })), t.column("k", t.enum(["p", "q"], { name: "shared_kind" }))]);
  await op.createTable("b3", [t.column("k", t.enum(["p", "q"], { name: "shared_kind" }))]);`,
    });
    p.write("s2", "s1", { up: `  await op.dropTable("a3");` });
    p.write("s3", "s2", { up: `  await op.dropColumn("b3", "k");` });
    const up = runCli(["upgrade", "s2"], { cwd: p.dir });
    assert.equal(up.code, 0, up.stderr);
    const mine = async () => (await types()).filter((t) => t === "mood" || t === "shared_kind");
    assert.deepEqual(await mine(), ["mood", "shared_kind"], "b3 still uses shared_kind");
    assert.equal(runCli(["upgrade", "head"], { cwd: p.dir }).code, 0);
    assert.deepEqual(await mine(), ["mood"], "dropped with its last column; mood was made on its own");
  });
});
