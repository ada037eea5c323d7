// Rendered revisions: every op kind rendered, written through the revision template, is a
// file `deno fmt` leaves as it is and `deno check` accepts, and running it records exactly the
// ops it was rendered from (so a downgrade from reverse() recreates what an upgrade dropped).
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { asBatches } from "../../src/autogen/render_as_batch.ts";
import { renderBody, reverseOps } from "../../src/autogen/render_ops.ts";
import type { Op } from "../../src/ops/op.ts";
import { writeRevision } from "../../src/script/write_revision.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import { t } from "../../src/schema/types.ts";
import { collectOps, registry } from "../_ops.ts";
import { repoRoot } from "../_project.ts";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const deno = join(repoRoot, "node_modules", ".bin", "deno");

/** Ops of every kind, as migration code records them. */
function everyOp(): Promise<Op[]> {
  return collectOps(async (op) => {
    await op.createTable("users", [
      t.column("id", t.bigint(), { primaryKey: true }),
      t.column("email", t.varchar(255), { nullable: false, comment: "login, \"quoted\"" }),
      t.column("role", t.enum(["admin", "it's"], { name: "user_role" }), { serverDefault: "admin" }),
      t.column("score", t.numeric(8, 2), { serverDefault: sql`0.0` }),
      t.column("created", t.timestamp({ tz: true, precision: 3 }), { serverDefault: sql`now()` }),
      t.column("name", t.text(), { collation: "C" }),
      t.column("twice", t.integer(), { computed: { sql: "id * 2" } }),
      t.column("org_id", t.integer()),
    ], {
      schema: "app",
      foreignKeys: [{ columns: ["org_id"], references: "orgs", referencesColumns: ["id"], onDelete: "CASCADE" }],
      uniques: [["email"]],
      checks: ["score >= 0"],
      indexes: [
        { columns: [sql`lower(email)`], unique: true },
        { columns: [{ column: "created", descending: true }, "id"], where: "id > 0" },
      ],
      comment: "people",
    });
    await op.dropTable("old", { schema: "app" });
    await op.renameTable("a", "b");
    await op.addColumn("users", t.column("nick", t.varchar(50), { nullable: true }));
    await op.dropColumn("users", "age");
    await op.alterColumn("users", "email", {
      nullable: true,
      type: t.text(),
      existingType: t.varchar(255),
      existingNullable: false,
      serverDefault: null,
      existingServerDefault: sql`'x'::character varying`,
    });
    await op.createIndex("users", ["email", sql`lower(name)`], { unique: true, where: "email <> ''" });
    await op.dropIndex("ix_users_email", { table: "users" });
    await op.createUniqueConstraint("users", ["nick"]);
    await op.createForeignKey("users", ["org_id"], "orgs", ["id"], { onUpdate: "SET NULL", deferrable: true, initially: "DEFERRED" });
    await op.createCheckConstraint("users", "length(nick) > 2", { name: "ck_nick" });
    await op.createPrimaryKey("pairs", ["a", "b"]);
    await op.dropConstraint("users", "uq_users_nick", { type: "unique" });
    await op.createTableComment("users", "the people", { existingComment: "people" });
    await op.dropTableComment("users", { existingComment: "the people" });
    await op.execute("UPDATE users SET nick = $1 WHERE nick IS NULL", ["anon"]);
    await op.bulkInsert("orgs", [{ id: 1, name: "Acme \\ Co" }, { id: 2, name: null }]);
    await op.createEnumType("mood", ["ok", "meh"]);
    await op.dropEnumType("mood");
    await op.addEnumValue("user_role", "guest", { after: "admin" });
  });
}

/** Writes a revision whose upgrade runs `ops`, and returns its path. */
function write(ops: readonly Op[], down: readonly Op[] = []): string {
  dir = mkdtempSync(join(tmpdir(), "retort-render-"));
  const up = renderBody(ops, registry);
  const back = renderBody(down, registry);
  return writeRevision({
    scriptDir: dir,
    versionDir: dir,
    fileTemplate: "%(rev)s_%(slug)s",
    revision: {
      revision: "r1",
      message: "every op",
      downRevisions: [],
      branchLabels: [],
      dependsOn: [],
      createDate: new Date("2026-11-25T16:00:00Z"),
      upgrades: up.text,
      downgrades: back.text,
      upgradeUses: up.uses,
      downgradeUses: back.uses,
    },
  });
}

/** The ops the written file's upgrade() records when it runs. */
async function recorded(path: string, direction: "upgrade" | "downgrade" = "upgrade"): Promise<Op[]> {
  const module = await import(pathToFileURL(path).href);
  return collectOps((op) => module[direction]({ op, t, sql }));
}

describe("rendered revisions", () => {
  it("record exactly the ops they were rendered from", async () => {
    const ops = await everyOp();
    const path = write(ops);
    // the file's own import of "retort" is type-only; nothing else is imported
    assert.deepEqual(await recorded(path), ops);
  });

  it("are left as they are by deno fmt, and type-check", { timeout: 120_000 }, async () => {
    const ops = await everyOp();
    const path = write(ops, reverseOps(ops, registry).ops);
    const text = readFileSync(path, "utf8");
    assert.match(text, /export async function upgrade\(\{ op, t, sql \}: MigrationContext\)/);
    const config = join(dir, "deno.json");
    writeFileSync(config, JSON.stringify({ imports: { retort: join(repoRoot, "mod.ts") } }));
    const env = { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" };
    const fmt = spawnSync(deno, ["fmt", "--check", `--config=${config}`, path], { encoding: "utf8", env });
    assert.equal(fmt.status, 0, `${fmt.stderr}\n${text}`);
    // The repository's config maps "retort" to mod.ts and finds its npm packages.
    const check = spawnSync(deno, ["check", "--quiet", `--config=${join(repoRoot, "deno.json")}`, path], {
      encoding: "utf8",
      env,
      cwd: repoRoot,
    });
    assert.equal(check.status, 0, check.stderr);
  });

  it("write a downgrade that recreates what the upgrade dropped", async () => {
    const [create] = await collectOps((op) =>
      op.createTable("users", [t.column("id", t.integer(), { primaryKey: true }), t.column("e", t.text())], {
        indexes: [{ columns: ["e"] }],
      })
    );
    const drop: Op = { kind: "dropTable", table: "users", existing: create as Op & { kind: "createTable" } };
    const { ops } = reverseOps([drop], registry);
    const path = write([drop], ops);
    const back = await recorded(path, "downgrade");
    assert.deepEqual(back, [create]);
  });

  it("renderAsBatch groups one table's column and constraint changes into a batch", async () => {
    const ops = await collectOps(async (op) => {
      await op.addColumn("users", t.column("a", t.integer()));
      await op.dropColumn("users", "b");
      await op.createIndex("users", ["a"]);
      await op.dropTable("other");
      await op.alterColumn("users", "c", { nullable: false, existingType: t.text() });
    });
    const batched = asBatches(ops);
    assert.deepEqual(batched.map((o) => o.kind), ["batchAlterTable", "dropTable", "batchAlterTable"]);
    const path = write(batched);
    const text = readFileSync(path, "utf8");
    assert.match(text, /await op\.batchAlterTable\("users", \(batch\) => \{\n {4}batch\.addColumn\(t\.column\("a", t\.integer\(\)\)\);\n {4}batch\.dropColumn\("b"\);/);
    assert.deepEqual(await recorded(path), batched);
  });
});
