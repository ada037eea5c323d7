import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { scanHeaders } from "../../src/script/scan_headers.ts";

const file = (body: string) =>
  `/** Add user table
 *
 * Revision ID: ae1027a6acf2
 * Revises: 1975ea83b712
 * Create Date: 2026-11-25T16:00:00Z
 */
import type { MigrationContext } from "retort";

${body}

export async function upgrade({ op }: MigrationContext): Promise<void> {}
`;

describe("scanHeaders", () => {
  it("reads the four headers, the message and the create date", () => {
    const headers = scanHeaders(
      file(`export const revision = "ae1027a6acf2";
export const downRevision: string | string[] | null = "1975ea83b712";
export const branchLabels: string[] | null = ["shop"];
export const dependsOn: string | string[] | null = null;`),
      "v/ae.ts",
    );
    assert.equal(headers.revision, "ae1027a6acf2");
    assert.deepEqual(headers.downRevisions, ["1975ea83b712"]);
    assert.deepEqual(headers.branchLabels, ["shop"]);
    assert.deepEqual(headers.dependsOn, []);
    assert.equal(headers.message, "Add user table");
    assert.equal(headers.createDate, "2026-11-25T16:00:00Z");
    assert.equal(headers.transaction, true);
  });

  it("reads a merge point, single quotes, a trailing comma and transaction = false", () => {
    const headers = scanHeaders(
      `export const revision = 'm1';
export const downRevision = ['a', "b",];
export const transaction = false;`,
      "m1.ts",
    );
    assert.deepEqual(headers.downRevisions, ["a", "b"]);
    assert.equal(headers.transaction, false);
    assert.deepEqual(headers.branchLabels, []);
  });

  it("rejects a header that is not a literal, naming path and line", () => {
    assert.throws(
      () =>
        scanHeaders(
          `export const revision = "a";\n\nexport const downRevision = makeId();\n`,
          "v/a.ts",
        ),
      (error: Error & { code?: string }) =>
        error.code === "INVALID_REVISION_HEADER" &&
        /^v\/a\.ts:3: `downRevision` must be a literal/.test(error.message),
    );
    assert.throws(
      () =>
        scanHeaders("export const revision = `a${x}`;\nexport const downRevision = null;", "b.ts"),
      /b\.ts:1: `revision` must be a literal/,
    );
  });

  it("rejects a missing revision or downRevision, and a header exported twice", () => {
    assert.throws(
      () => scanHeaders("export const downRevision = null;", "x.ts"),
      /x\.ts:1: no `export const revision/,
    );
    assert.throws(
      () => scanHeaders('export const revision = "a";', "x.ts"),
      /no `export const downRevision/,
    );
    assert.throws(
      () =>
        scanHeaders(
          'export const revision = "a";\nexport const revision = "b";\nexport const downRevision = null;',
          "x.ts",
        ),
      /x\.ts:2: `revision` is exported twice/,
    );
  });

  it("rejects a wrongly shaped literal", () => {
    assert.throws(
      () => scanHeaders("export const revision = null;\nexport const downRevision = null;", "x.ts"),
      /`revision` must be a string/,
    );
    assert.throws(
      () => scanHeaders('export const revision = "a";\nexport const downRevision = true;', "x.ts"),
      /`downRevision` must be a string, an array of strings, or null/,
    );
  });
});
