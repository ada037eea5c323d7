// The cases of the bad-input corpus (bad_inputs_test.ts). Each is run in its own copy of a
// project with revisions a1 -> b2 and a SQLite database at a1.

/** One bad input: what to write into the project, what to run, what must come back. */
export interface BadInput {
  readonly name: string;
  /** Files to write (relative to the project); null removes one; "<folder>" makes a folder. */
  readonly files?: Readonly<Record<string, string | null>>;
  readonly args: string[];
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  readonly code: 1 | 2;
  /** Must match the one error line. */
  readonly culprit: RegExp;
  /** Must appear nowhere in the output. */
  readonly secrets?: readonly string[];
  /** The command may change the database (default: it must not). */
  readonly changes?: boolean;
}

const json = (config: unknown) => ({ "retort.json": JSON.stringify(config) });
const v = (name: string) => `migrations/versions/${name}`;
/** A revision file c3 (after b2) with the given upgrade body. */
const c3 = (up: string, extra = "") => ({
  [v("c3_more.ts")]: `/** more */\n${extra}export const revision = "c3";\nexport const downRevision = "b2";\n` +
    `export async function upgrade({ op, t, sql, query }: any) {\n${up}\n}\n` +
    `export async function downgrade({ op }: any) {}\n`,
});
const header = (body: string) => ({ [v("c3_more.ts")]: `/** more */\n${body}\n` });

export const cases: readonly BadInput[] = [
  // ---- config ---------------------------------------------------------------------------
  { name: "no config", files: { "retort.json": null }, args: ["heads"], code: 2, culprit: /no retort\.config\.ts, retort\.config\.js, retort\.json in .*; run `retort init`/ },
  { name: "-c names a missing file", args: ["heads", "-c", "nope.json"], code: 2, culprit: /config file .*nope\.json does not exist/ },
  { name: "config is not JSON", files: { "retort.json": "{ url: sqlite }" }, args: ["heads"], code: 2, culprit: /retort\.json is not valid JSON/ },
  { name: "config is an array", files: { "retort.json": "[]" }, args: ["heads"], code: 2, culprit: /must hold an object of settings/ },
  { name: "unknown setting", files: json({ urll: "sqlite:a.db" }), args: ["heads"], code: 2, culprit: /unknown setting "urll"/ },
  { name: "setting of the wrong type", files: json({ transactionPerMigration: "yes" }), args: ["heads"], code: 2, culprit: /"transactionPerMigration" must be true or false/ },
  { name: "negative lockTimeoutMs", files: json({ url: "sqlite:app.db", lockTimeoutMs: -1 }), args: ["upgrade"], code: 2, culprit: /"lockTimeoutMs" must be a whole number .* not -1/ },
  { name: "huge lockTimeoutMs", files: json({ url: "sqlite:app.db", lockTimeoutMs: 1e12 }), args: ["upgrade"], code: 2, culprit: /"lockTimeoutMs" .* not 1000000000000/ },
  { name: "fractional lockTimeoutMs", files: json({ url: "sqlite:app.db", lockTimeoutMs: 1.5 }), args: ["upgrade"], code: 2, culprit: /"lockTimeoutMs" .* not 1\.5/ },
  { name: "unset ${VAR}", files: json({ url: "${NO_SUCH_VAR}" }), args: ["heads"], code: 2, culprit: /uses \$\{NO_SUCH_VAR\} but NO_SUCH_VAR is not set/ },
  { name: "versionLocations not strings", files: json({ versionLocations: [1] }), args: ["heads"], code: 2, culprit: /"versionLocations" must be an array of strings/ },
  { name: "scriptLocation missing", files: json({ scriptLocation: "nowhere" }), args: ["heads"], code: 2, culprit: /revision folder .*nowhere\/versions does not exist/ },
  { name: "versions folder removed", files: { "migrations/versions": null }, args: ["heads"], code: 2, culprit: /revision folder .*versions does not exist/ },
  { name: "namingConvention not an object", files: json({ namingConvention: "ix_%(table_name)s" }), args: ["heads"], code: 2, culprit: /"namingConvention" must be an object/ },
  { name: "retort.config.ts does not compile", files: { "retort.json": null, "retort.config.ts": "export default {\n  url: ,\n};\n" }, args: ["heads"], code: 2, culprit: /retort\.config\.ts:2:\d+: cannot load/ },
  { name: "retort.config.ts exports a number", files: { "retort.json": null, "retort.config.ts": "export default 42;\n" }, args: ["heads"], code: 2, culprit: /retort\.config\.ts must hold an object of settings/ },
  { name: "retort.config.ts throws", files: { "retort.json": null, "retort.config.ts": 'throw new Error("no config for you");\n' }, args: ["heads"], code: 2, culprit: /retort\.config\.ts.*no config for you/ },
  { name: "retort.config.ts unknown setting", files: { "retort.json": null, "retort.config.ts": 'export default { url: "sqlite:app.db", plugin: [] };\n' }, args: ["heads"], code: 2, culprit: /unknown setting "plugin"/ },
  { name: "config file is a folder", files: { "retort.json": "<folder>" }, args: ["heads"], code: 2, culprit: /cannot read .*retort\.json/ },

  // ---- URLs -----------------------------------------------------------------------------
  { name: "no URL anywhere", files: json({}), args: ["current"], code: 2, culprit: /no database URL: set "url" in .*retort\.json, DATABASE_URL, or pass --url/ },
  { name: "URL without a scheme", args: ["current", "--url", "nonsense"], code: 2, culprit: /database URL "nonsense" is unusable: it has no scheme/ },
  { name: "unknown scheme", args: ["current", "--url", "redis://localhost/0"], code: 2, culprit: /unknown scheme "redis:"/ },
  { name: "sqlite: with no file", args: ["current", "--url", "sqlite:"], code: 2, culprit: /it names no file/ },
  { name: "% not followed by hex", args: ["current", "--url", "postgres://app:%zz@db/prod"], code: 2, culprit: /holds a % that is not followed by two hex digits/ },
  { name: "password in a URL without //", args: ["current", "--url", "postgres:app:hunter2@db/prod"], code: 2, culprit: /postgres:app:\*\*\*@db\/prod/, secrets: ["hunter2"] },
  { name: "password with a slash", args: ["current", "--url", "postgres://app:hun/ter2@db/prod"], code: 2, culprit: /unusable/, secrets: ["hun/ter2", "ter2@"] },
  { name: "password with an @", args: ["current", "--url", "postgres://app:hun@ter2@127.0.0.1:1/prod"], code: 1, culprit: /127\.0\.0\.1/, secrets: ["hun@ter2", "ter2@"] },
  { name: "password in the query string", args: ["current", "--url", "postgres://127.0.0.1:1/prod?user=app&password=hunter2"], code: 1, culprit: /127\.0\.0\.1/, secrets: ["hunter2"] },
  { name: "mysql URL with no host", args: ["current", "--url", "mysql:///db"], code: 2, culprit: /it names no host/ },
  { name: "SQLite file in a missing folder", args: ["upgrade", "--url", "sqlite:no/such/dir/app.db"], code: 1, culprit: /folder .*no\/such\/dir does not exist/ },
  { name: "SQLite file that is not a database", files: { "notes.db": "my notes\n" }, args: ["current", "--url", "sqlite:notes.db"], code: 1, culprit: /notes\.db is not a SQLite database/ },
  { name: "SQLite path that is a folder", files: { "data.db": "<folder>" }, args: ["current", "--url", "sqlite:data.db"], code: 1, culprit: /data\.db/ },
  { name: "PostgreSQL not listening", args: ["current", "--url", "postgres://app:hunter2@127.0.0.1:1/prod"], code: 1, culprit: /127\.0\.0\.1:1/, secrets: ["hunter2"] },
  { name: "MySQL not listening", args: ["current", "--url", "mysql://root:hunter2@127.0.0.1:1/prod"], code: 1, culprit: /127\.0\.0\.1:1/, secrets: ["hunter2"] },
  { name: "libSQL server not listening", args: ["current", "--url", "libsql://127.0.0.1:1?authToken=s3cret"], code: 1, culprit: /cannot reach libSQL server libsql:\/\/127\.0\.0\.1:1: /, secrets: ["s3cret"] },
  { name: "DATABASE_URL with a password, unusable", args: ["current"], env: { DATABASE_URL: "postgres:app:hunter2@db" }, code: 2, culprit: /unusable/, secrets: ["hunter2"] },

  // ---- revision files -----------------------------------------------------------------------
  { name: "header that is not a literal", files: header('export const revision = "c" + "3";\nexport const downRevision = "b2";'), args: ["heads"], code: 1, culprit: /c3_more\.ts:2: `revision` must be a literal/ },
  { name: "duplicate revision id", files: header('export const revision = "b2";\nexport const downRevision = "a1";'), args: ["heads"], code: 1, culprit: /revision 'b2' is defined twice .*b2_orders\.ts.*c3_more\.ts/ },
  { name: "no downRevision export", files: header('export const revision = "c3";'), args: ["heads"], code: 1, culprit: /c3_more\.ts.*no `export const downRevision/ },
  { name: "downRevision that does not exist", files: header('export const revision = "c3";\nexport const downRevision = "zz9";'), args: ["heads"], code: 1, culprit: /zz9/ },
  { name: "revision exported twice", files: header('export const revision = "c3";\nexport const revision = "c4";\nexport const downRevision = "b2";'), args: ["heads"], code: 1, culprit: /`revision` is exported twice/ },
  { name: "revision id over 64 characters", files: header(`export const revision = "${"r".repeat(65)}";\nexport const downRevision = "b2";`), args: ["heads"], code: 1, culprit: /is 65 characters long; the version table holds 64/ },
  { name: "revision id with a space", files: header('export const revision = "c 3";\nexport const downRevision = "b2";'), args: ["heads"], code: 1, culprit: /revision id 'c 3'.* is not valid/ },
  { name: "branch label head in a file", files: header('export const revision = "c3";\nexport const downRevision = "b2";\nexport const branchLabels = ["head"];'), args: ["heads"], code: 1, culprit: /branch label 'head' of revision c3/ },
  { name: "a cycle", files: { [v("a1_users.ts")]: '/** x */\nexport const revision = "a1";\nexport const downRevision = "b2";\n' }, args: ["heads"], code: 1, culprit: /cycle|a1.*b2/ },
  { name: "a revision file that is a folder", files: { [v("c3_more.ts")]: "<folder>" }, args: ["heads"], code: 1, culprit: /cannot read revision file .*c3_more\.ts: it is a folder/ },
  { name: "syntax error in a planned revision", files: c3("  const x = ;"), args: ["upgrade", "head"], code: 1, culprit: /c3_more\.ts:\d+:\d+: cannot load: .*nothing was run/ },
  { name: "revision without upgrade()", files: header('export const revision = "c3";\nexport const downRevision = "b2";'), args: ["upgrade", "head"], code: 1, culprit: /c3_more\.ts: no exported upgrade\(\) function/, changes: true },
  { name: "revision importing a missing helper", files: c3("  helper();", 'import { helper } from "../nope.ts";\n'), args: ["upgrade", "head"], code: 1, culprit: /c3_more\.ts|nope\.ts/ },
  { name: "revision that throws at load", files: c3("", 'throw new Error("loading fails");\n'), args: ["upgrade", "head"], code: 1, culprit: /c3_more\.ts.*loading fails/ },

  // ---- the graph and its identifiers --------------------------------------------------------
  { name: "unknown target", args: ["upgrade", "zzz9"], code: 1, culprit: /no revision or branch 'zzz9'/ },
  { name: "mistyped head", args: ["upgrade", "hed"], code: 1, culprit: /'hed'; did you mean head\?/ },
  {
    name: "ambiguous prefix",
    files: {
      [v("c3_more.ts")]: '/** x */\nexport const revision = "cccc1111";\nexport const downRevision = "b2";\n',
      [v("d4_more.ts")]: '/** y */\nexport const revision = "cccc2222";\nexport const downRevision = "b2";\n',
    },
    args: ["show", "cccc"],
    code: 1,
    culprit: /'cccc' matches several revisions \(cccc1111, cccc2222\); type more characters/,
  },
  { name: "several heads for head", files: header('export const revision = "c3";\nexport const downRevision = "a1";'), args: ["upgrade", "head"], code: 1, culprit: /several heads|multiple heads/i },
  { name: "downgrade past base", args: ["downgrade", "-5"], code: 1, culprit: /-5|base/ },
  { name: "relative upgrade past head", args: ["upgrade", "+5"], code: 1, culprit: /\+5|head/ },
  { name: "unknown branch label", args: ["upgrade", "nolabel@head"], code: 1, culprit: /nolabel/ },
  { name: "range without --sql", args: ["upgrade", "a1:b2"], code: 2, culprit: /a START:END range is for offline scripts; add --sql/ },
  { name: "downgrade --sql without a range", args: ["downgrade", "--sql", "a1"], code: 2, culprit: /downgrade --sql needs the revision to start from: write START:END/ },
  { name: "history of an unknown range", args: ["history", "-r", "zzz9:"], code: 1, culprit: /'zzz9'/ },
  { name: "stamp an unknown revision", args: ["stamp", "zzz9"], code: 1, culprit: /no revision or branch 'zzz9'; run `retort history`/ },
  { name: "revision --head unknown", args: ["revision", "-m", "x", "--head", "zzz9"], code: 1, culprit: /'zzz9'/ },
  { name: "revision --depends-on unknown", args: ["revision", "-m", "x", "--depends-on", "zzz9"], code: 1, culprit: /'zzz9'/ },
  { name: "revision --branch-label a@b", args: ["revision", "-m", "x", "--branch-label", "a@b"], code: 2, culprit: /branch label 'a@b'.*nothing was written/ },
  { name: "revision --rev-id taken", args: ["revision", "-m", "x", "--rev-id", "a1"], code: 1, culprit: /revision id a1 is already used by .*a1_users\.ts/ },
  { name: "revision --rev-id with a dash", args: ["revision", "-m", "x", "--rev-id", "a-1"], code: 2, culprit: /revision id "a-1"/ },

  // ---- migrations -----------------------------------------------------------------------
  { name: "failing statement", files: c3('  await op.createTable("c", [t.column("id", t.integer())]);\n  await op.execute("INSERT INTO nowhere VALUES (1)");'), args: ["upgrade", "head"], code: 1, culprit: /upgrade c3 failed: .*nowhere.*rolled back/ },
  { name: "empty table name", files: c3('  await op.createTable("", [t.column("id", t.integer())]);'), args: ["upgrade", "head"], code: 1, culprit: /upgrade c3 failed: an identifier is empty/ },
  { name: "NUL in a column name", files: c3('  await op.createTable("c", [t.column("a\\u0000b", t.integer())]);'), args: ["upgrade", "head"], code: 1, culprit: /holds a NUL character/ },
  { name: "SQLite cannot change a type", files: c3('  await op.alterColumn("users", "id", { type: t.text() });'), args: ["upgrade", "head"], code: 1, culprit: /SQLite's ALTER TABLE cannot change a column's type; use op\.batchAlterTable/ },
  { name: "a bad query()", files: c3('  await query("SELECT nope FROM users");'), args: ["upgrade", "head"], code: 1, culprit: /upgrade c3 failed: .*nope/ },
  { name: "a migration throws a string", files: c3('  throw "just a string";'), args: ["upgrade", "head"], code: 1, culprit: /upgrade c3 failed: just a string/ },
  { name: "a forgotten await on a failing op", files: c3('  op.execute("INSERT INTO nowhere VALUES (1)");'), args: ["upgrade", "head"], code: 1, culprit: /upgrade c3 failed: .*nowhere/ },
  { name: "a batch call after an await", files: c3('  await op.batchAlterTable("users", async (b) => { await null; b.dropColumn("id"); });'), args: ["upgrade", "head"], code: 1, culprit: /batchAlterTable users: dropColumn was called after the batch was recorded/ },
  { name: "a batch on a table that does not exist", files: c3('  await op.batchAlterTable("nope", (b) => b.addColumn(t.column("x", t.integer(), { nullable: false, serverDefault: 0 })));'), args: ["upgrade", "head"], code: 1, culprit: /nope/ },
  { name: "autoincrement on a text key", files: c3('  await op.createTable("c", [t.column("id", t.text(), { primaryKey: true, autoincrement: true })]);'), args: ["upgrade", "head"], code: 1, culprit: /column c\.id: SQLite autoincrements only integer primary keys/ },
  { name: "an unknown op", files: c3('  await op.createView("v", "SELECT 1");'), args: ["upgrade", "head"], code: 1, culprit: /upgrade c3 failed: op\.createView is not a function/ },
  { name: "a downgrade to a revision that is above", args: ["downgrade", "b2"], code: 1, culprit: /b2/ },

  // ---- offline scripts ----------------------------------------------------------------------
  { name: "--sql with query()", files: c3('  await query("SELECT 1");'), args: ["upgrade", "--sql", "b2:c3"], code: 1, culprit: /upgrade c3 failed: query\(\) cannot read the database in an offline \(--sql\) script/ },
  { name: "--sql CONCURRENTLY in a transaction", files: { "retort.json": JSON.stringify({ url: "postgres://u@127.0.0.1/db" }), ...c3('  await op.createIndex("users", "id", { concurrently: true });') }, args: ["upgrade", "--sql", "b2:c3"], code: 1, culprit: /upgrade c3 failed: CONCURRENTLY cannot run inside a transaction.*transaction = false/ },
  { name: "--sql rebuild without copyFrom", files: c3('  await op.batchAlterTable("users", (b) => b.alterColumn("id", { type: t.bigint() }));'), args: ["upgrade", "--sql", "b2:c3"], code: 1, culprit: /--sql mode cannot read the table's definition .*pass copyFrom/ },
  { name: "--sql from an unknown start", args: ["upgrade", "--sql", "zzz9:b2"], code: 1, culprit: /'zzz9'/ },
  { name: "--sql past the head", args: ["upgrade", "--sql", "b2:+3"], code: 1, culprit: /\+3/ },

  // ---- the command line -------------------------------------------------------------------
  { name: "unknown command", args: ["upgrad"], code: 2, culprit: /unknown command 'upgrad'; did you mean upgrade\?/ },
  { name: "unknown option", args: ["heads", "--verbos"], code: 2, culprit: /unknown option '--verbos'/ },
  { name: "missing argument", args: ["downgrade"], code: 2, culprit: /missing required argument 'revision'/ },
  { name: "revision without -m", args: ["revision"], code: 2, culprit: /required option '-m, --message <message>' not specified/ },
  { name: "init where a project is", args: ["init"], code: 1, culprit: /retort\.json already exists; this project is set up/ },
  { name: "init into a non-empty migrations folder", files: { "retort.json": null }, args: ["init"], code: 1, culprit: /migrations exists and is not empty/ },
  { name: "unknown template", files: { "retort.json": null }, args: ["init", "fresh", "--template", "fancy"], code: 2, culprit: /unknown template "fancy"/ },
  { name: "types without a config", files: { "retort.json": null }, args: ["types"], code: 2, culprit: /no retort\.config\.ts/ },
  { name: "merge of one revision", args: ["merge", "-m", "m", "b2"], code: 2, culprit: /merge needs two or more heads, and b2 is one; to build on it, use `retort revision`/ },
  { name: "history with a bad range", args: ["history", "-r", "a1"], code: 1, culprit: /a1|START:END/ },
];
