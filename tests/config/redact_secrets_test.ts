import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { redactSecrets } from "../../src/config/redact_secrets.ts";

describe("redactSecrets", () => {
  const cases: [string, string][] = [
    ["postgres://app:secret@db:5432/prod", "postgres://app:***@db:5432/prod"],
    ["mysql://root:pa/ss@h/db", "mysql://root:***@h/db"],
    ["postgres://u:p@ss@host/db", "postgres://u:***@host/db"],
    ["postgres:u:pw@h/db", "postgres:u:***@h/db"],
    ["u:pw@h/db", "u:***@h/db"],
    ["${DB:-postgres://u:pw@h/db}", "${DB:-postgres://u:***@h/db}"],
    ['database URL "postgres://u:pw@h/db" is unusable', 'database URL "postgres://u:***@h/db" is unusable'],
    ["postgres://u:pa ss@h/db", "postgres://u:***@h/db"],
    ["postgres://h/db?user=u&password=hunter2&sslmode=require", "postgres://h/db?user=u&password=***&sslmode=require"],
    ["libsql://db.example.io?authToken=eyJhbGci", "libsql://db.example.io?authToken=***"],
    ["postgres://app@db/prod", "postgres://app@db/prod"],
    ["mail ada@example.com about it", "mail ada@example.com about it"],
    ["no secrets here", "no secrets here"],
  ];
  for (const [input, expected] of cases) {
    it(`masks ${JSON.stringify(input)}`, () => {
      assert.equal(redactSecrets(input), expected);
    });
  }

  it("never leaves the password in, for passwords of every awkward character", () => {
    for (const password of ["p@ss", "p/ss", "p:ss", "p ss", "p%40ss", "p?ss", "p#ss", "пароль", "p'ss"]) {
      // a bare user:pass with a space or a quote in it does not look like a URL any more
      const bare = /[ ']/.test(password) ? [] : [`u:${password}@h`];
      for (const url of [`postgres://u:${password}@h/db`, `mysql:u:${password}@h/db`, ...bare]) {
        const out = redactSecrets(`failed: ${url} (retry)`);
        assert.ok(!out.includes(password), `${url} -> ${out}`);
      }
    }
  });
});
