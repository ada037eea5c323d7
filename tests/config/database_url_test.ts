import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseDatabaseUrl, redactUrl } from "../../src/config/database_url.ts";

describe("parseDatabaseUrl", () => {
  it("reads SQLite URLs, relative to the base folder", () => {
    assert.deepEqual(parseDatabaseUrl("sqlite:app.db", "/srv/p"), {
      kind: "sqlite",
      path: "/srv/p/app.db",
    });
    assert.deepEqual(parseDatabaseUrl("sqlite:data/../x.db", "/srv/p"), {
      kind: "sqlite",
      path: "/srv/p/x.db",
    });
    // SQLAlchemy's forms, as alembic.ini writes them: three slashes relative, four absolute.
    assert.deepEqual(parseDatabaseUrl("sqlite:///app.db", "/srv/p"), {
      kind: "sqlite",
      path: "/srv/p/app.db",
    });
    assert.deepEqual(parseDatabaseUrl("sqlite:////abs/app.db", "/srv/p"), {
      kind: "sqlite",
      path: "/abs/app.db",
    });
    assert.deepEqual(parseDatabaseUrl("sqlite:/abs/app.db", "/srv/p"), {
      kind: "sqlite",
      path: "/abs/app.db",
    });
    assert.deepEqual(parseDatabaseUrl("file:///abs/app.db", "/srv/p"), {
      kind: "sqlite",
      path: "/abs/app.db",
    });
    assert.deepEqual(parseDatabaseUrl("file:app.db", "/srv"), {
      kind: "sqlite",
      path: "/srv/app.db",
    });
    assert.deepEqual(parseDatabaseUrl(":memory:", "/srv"), { kind: "sqlite", path: ":memory:" });
  });

  it("rejects what it cannot use, with exit code 2 and the URL without its password", () => {
    for (const url of ["", "nonsense", "redis://x", "sqlite:"]) {
      assert.throws(
        () => parseDatabaseUrl(url, "/"),
        (e: Error & { code?: string; exitCode?: number }) =>
          e.code === "INVALID_URL" && e.exitCode === 2,
      );
    }
    assert.throws(
      () => parseDatabaseUrl("oracle://u:secret@h/db", "/"),
      (e: Error) => !e.message.includes("secret") && e.message.includes("u:***@"),
    );
  });

  it("redacts passwords", () => {
    assert.equal(redactUrl("postgres://u:p%40ss@h:5432/db"), "postgres://u:***@h:5432/db");
    assert.equal(redactUrl("postgres://u@h/db"), "postgres://u@h/db");
  });
});
