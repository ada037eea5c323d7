// Conventional names that fit every database: cut at 63 UTF-8 bytes, between characters.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  conventionalName,
  defaultNamingConvention,
  fitName,
  shortHash,
} from "../../src/schema/naming.ts";

const bytes = (text: string) => new TextEncoder().encode(text).length;

describe("fitName", () => {
  it("keeps a name of up to 63 bytes, and cuts a longer ASCII name to 54 characters and a hash", () => {
    assert.equal(fitName("a".repeat(63)), "a".repeat(63));
    const long = "a".repeat(64);
    assert.equal(fitName(long), `${"a".repeat(54)}_${shortHash(long)}`);
  });

  it("measures multibyte names in bytes, as PostgreSQL does (it would cut them itself)", () => {
    // found by tests/properties/identifiers_test.ts: "pk_" + 21 x U+202E is 66 bytes in
    // 24 characters; PostgreSQL kept 63 bytes of it, so the reflected name was not retort's
    const name = conventionalName(defaultNamingConvention, "pk", { table: "\u202e".repeat(21) });
    assert.ok(bytes(name) <= 63, `${bytes(name)} bytes`);
    assert.equal(name, `pk_${"\u202e".repeat(17)}_${shortHash(`pk_${"\u202e".repeat(21)}`)}`);
    assert.equal(fitName("é".repeat(31)), "é".repeat(31), "62 bytes fit");
  });

  it("never cuts a character in two", () => {
    for (let pad = 0; pad < 4; pad++) {
      const name = `${"x".repeat(pad)}${"😀".repeat(30)}`;
      const fitted = fitName(name);
      assert.ok(bytes(fitted) <= 63);
      assert.doesNotMatch(
        fitted,
        /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
      );
      assert.equal(
        fitted,
        `${"x".repeat(pad)}${"😀".repeat(Math.floor((54 - pad) / 4))}_${shortHash(name)}`,
      );
    }
  });
});
