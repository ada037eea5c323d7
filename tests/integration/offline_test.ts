// `upgrade --sql` is the same migration as an online run: the script, applied with the
// database's own shell (psql, mariadb, sqlite3), leaves the same schema, rows and version
// table as `upgrade head` does.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import type { DatabaseKind, ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import { runCli, tempProject } from "../_project.ts";

/** Revisions that exercise many operations, written for one database. */
function revisions(kind: DatabaseKind): { id: string; up: string }[] {
  const identity = kind === "sqlite" ? "autoincrement: true" : "identity: {}";
  const list = [
    {
      id: "o1",
      up: `  await op.createTable("parent", [
    t.column("id", t.integer(), { primaryKey: true, ${identity} }),
    t.column("name", t.varchar(50), { nullable: false, unique: true }),
    t.column("score", t.numeric(8, 2), { serverDefault: 0 }),
    t.column("created", t.timestamp(), { serverDefault: sql\`CURRENT_TIMESTAMP\` }),
  ], { comment: "people's parents" });`,
    },
    {
      id: "o2",
      up: `  await op.createTable("child", [
    t.column("id", t.integer(), { primaryKey: true }),
    t.column("parent_id", t.integer(), { nullable: false }),
    t.column("age", t.smallint()),
  ], {
    foreignKeys: [{ columns: ["parent_id"], references: "parent", referencesColumns: ["id"], onDelete: "CASCADE" }],
    checks: ["age >= 0"],
    indexes: [{ columns: ["parent_id", "age"] }],
  });`,
    },
    {
      id: "o3",
      up: `  await op.addColumn("child", t.column("note", t.text()));
  await op.bulkInsert("parent", [{ id: 1, name: "O'Brien \\\\ co", score: 1.5 }, { id: 2, name: "Zoë", score: 2 }]);
  await op.execute("UPDATE parent SET score = score + 1 -- why? the next statement must still run;");
  await op.execute("UPDATE parent SET score = score * 2");`,
    },
  ];
  if (kind === "sqlite") {
    list.push({
      id: "o4",
      up: '  await op.renameTable("child", "kid");\n  await op.dropColumn("kid", "note");',
    });
  } else {
    list.push({
      id: "o4",
      up:
        `  await op.alterColumn("child", "note", { type: t.varchar(200), existingType: t.text(), existingNullable: true });
  await op.createUniqueConstraint("child", ["parent_id", "note"]);
  await op.createIndex("parent", "created", { name: "by_created" });`,
    });
  }
  return list;
}

/** The schema as the database's own dump tool prints it, minus what differs between two databases. */
function dumpSchema(kind: DatabaseKind, db: ThrowawayDatabase): string {
  if (kind === "sqlite") {
    const path = db.url.replace(/^sqlite:\/\/\//, "");
    return shell("sqlite3", [path, ".schema"]).split("\n").filter((l) => !/_lock/.test(l)).join(
      "\n",
    );
  }
  const url = new URL(db.url);
  const name = url.pathname.slice(1);
  if (kind === "postgres") {
    return shell("pg_dump", [
      "-h",
      url.hostname,
      "-p",
      url.port || "5432",
      "-U",
      url.username,
      "--schema-only",
      "--no-owner",
      name,
    ])
      .split("\n").filter((l) => !/^\\(un)?restrict /.test(l)).join("\n");
  }
  return shell("mariadb-dump", [
    "-h",
    url.hostname,
    "-P",
    url.port || "3306",
    "-u",
    url.username,
    "--no-data",
    "--skip-comments",
    "--skip-dump-date",
    "--ignore-table",
    `${name}.retort_version_lock`,
    name,
  ])
    .replace(/ AUTO_INCREMENT=\d+/g, "");
}

function applyScript(kind: DatabaseKind, db: ThrowawayDatabase, script: string): void {
  if (kind === "sqlite") {
    shell("sqlite3", [db.url.replace(/^sqlite:\/\/\//, ""), "-bail"], script);
    return;
  }
  const url = new URL(db.url);
  const name = url.pathname.slice(1);
  if (kind === "postgres") {
    shell("psql", [
      "-h",
      url.hostname,
      "-p",
      url.port || "5432",
      "-U",
      url.username,
      "-d",
      name,
      "-q",
      "-v",
      "ON_ERROR_STOP=1",
      "-f",
      "-",
    ], script);
  } else {
    shell(
      "mariadb",
      ["-h", url.hostname, "-P", url.port || "3306", "-u", url.username, name],
      script,
    );
  }
}

function shell(command: string, args: string[], input?: string): string {
  const run = spawnSync(command, args, { input, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
  return run.stdout;
}

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  const online = await throwawayDatabase(kind);
  const offline = online.skip ? online : await throwawayDatabase(kind);

  describe(`--sql on ${kind}`, { skip: online.skip || offline.skip }, () => {
    after(async () => {
      await online.db?.drop();
      await offline.db?.drop();
    });

    it("the script, applied by the database's shell, gives the same schema, rows and version table", async () => {
      const project = tempProject({ url: online.db!.url });
      try {
        let parent: string | null = null;
        for (const revision of revisions(kind)) {
          project.write(revision.id, parent, { up: revision.up });
          parent = revision.id;
        }
        const up = runCli(["upgrade", "head"], { cwd: project.dir });
        assert.equal(up.code, 0, up.stderr);
        const script = runCli(["upgrade", "--sql", "--url", offline.db!.url], { cwd: project.dir });
        assert.equal(script.code, 0, script.stderr);
        assert.match(script.stdout, /-- Running upgrade o3 -> o4/);
        assert.equal(
          /^BEGIN;$/m.test(script.stdout),
          kind !== "mysql",
          "BEGIN/COMMIT only where DDL is transactional",
        );
        applyScript(kind, offline.db!, script.stdout);

        const schema = dumpSchema(kind, online.db!);
        assert.match(schema, /CREATE TABLE.*parent/, "the dump holds the tables");
        assert.equal(dumpSchema(kind, offline.db!), schema);
        for (
          const query of [
            "SELECT id, name, score FROM parent ORDER BY id",
            "SELECT version_num FROM retort_version",
          ]
        ) {
          const read = async (db: ThrowawayDatabase) => {
            const connection = await db.connect();
            try {
              return JSON.stringify(await connection.query(query));
            } finally {
              await connection.close();
            }
          };
          assert.equal(await read(offline.db!), await read(online.db!), query);
        }
      } finally {
        project.cleanup();
      }
    });
  });
}
