// Arbitraries for the property tests: identifiers and literals made of what breaks naive
// quoting, statement splitting and placeholder scanning, within each database's limits.
import fc from "fast-check";
import process from "node:process";

/** The seed every property runs with; `RETORT_PROPERTY_SEED` replays another. */
export const seed = Number(process.env.RETORT_PROPERTY_SEED ?? 20261201);

/** Runs per property; `RETORT_PROPERTY_RUNS` asks for more (or fewer). */
export function runs(fallback: number): number {
  return Number(process.env.RETORT_PROPERTY_RUNS ?? fallback);
}

/** Test options for a property of `fallback` runs: time for them and for shrinking a failure. */
export function timeout(fallback: number): { timeout: number } {
  return { timeout: 60_000 + runs(fallback) * 2_000 };
}

/**
 * `fc.assert` with the fixed seed, rethrowing with the seed and the way to replay it on the
 * first line (fast-check's own report follows).
 */
export async function check<T>(
  property: fc.IAsyncPropertyWithHooks<T> | fc.IAsyncProperty<T>,
  numRuns: number,
): Promise<void> {
  const details = await fc.check(property, { seed, numRuns });
  if (details.failed) {
    const cause = details.errorInstance;
    throw new Error(
      `property failed with seed ${details.seed} (replay: RETORT_PROPERTY_SEED=${details.seed}): ` +
        `${cause instanceof Error ? cause.message : String(cause)}\n` +
        `Counterexample: ${fc.stringify(details.counterexample)}\n` +
        `Shrunk ${details.numShrinks} time(s), after ${details.numRuns} run(s)`,
      { cause },
    );
  }
}

/**
 * Pieces that break naive SQL handling: every kind of quote, backslashes, placeholders of
 * each driver (`$1`, `?`, `:a`, `%s`), comment openers, statement separators, line breaks,
 * whitespace, and Unicode (accents precomposed and combining, 4-byte characters, zero-width
 * and direction marks, a BOM).
 */
export const hostilePieces: readonly string[] = [
  "'",
  '"',
  "`",
  "\\",
  "''",
  '""',
  "\\'",
  "\\\\",
  "$1",
  "$2",
  "$$",
  "$a$",
  "?",
  "?1",
  ":a",
  "%s",
  "--",
  "/*",
  "*/",
  "/* */",
  "#",
  ";",
  "\r",
  "\n",
  "\r\n",
  "\t",
  " ",
  ".",
  "(",
  ")",
  ",",
  "é",
  "e\u0301",
  "ß",
  "İ",
  "ﬁ",
  "漢字",
  "Ω",
  "😀",
  "𝔘",
  "👩‍👩‍👧",
  "\u200b",
  "\u00a0",
  "\u202e",
  "\ufeff",
  "\x1a",
  "\x7f",
  "a",
  "Z",
  "0",
  "_",
];

/** One piece: mostly hostile, sometimes a plain word, sometimes any code point but NUL. */
const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...hostilePieces) },
  { weight: 2, arbitrary: fc.constantFrom("id", "name", "select", "from", "order", "x") },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 0x10ffff })
      .filter((c) => c < 0xd800 || c > 0xdfff)
      .map((c) => String.fromCodePoint(c)),
  },
);

/** What a database accepts as an identifier. */
export interface NameRules {
  /** Most UTF-8 bytes (PostgreSQL: 63). */
  readonly maxBytes?: number;
  /** Most characters, i.e. code points (MariaDB: 64). */
  readonly maxChars?: number;
  /** No characters beyond U+FFFF (MariaDB). */
  readonly bmpOnly?: boolean;
  /** No space, tab, CR, LF, VT or FF at the end (MariaDB). */
  readonly noTrailingSpace?: boolean;
  /** Not starting with this (case-insensitive), e.g. SQLite's reserved `sqlite_`: its first character becomes `x`. */
  readonly reservedPrefix?: string;
  /**
   * A cost per character and a budget for it: MariaDB stores a table as files named after
   * it, with every character but `[A-Za-z0-9_]` written as up to 5 bytes (`@0022`).
   */
  readonly fileName?: { readonly budget: number };
}

const utf8 = new TextEncoder();
const bytes = (text: string) => utf8.encode(text).length;

/** The characters of `pieces` (cycled when `fill`) that fit `rules`, in order. */
function fit(pieces: readonly string[], rules: NameRules, fill: boolean): string {
  const chars = [...pieces.join("")].filter((c) => !rules.bmpOnly || c.codePointAt(0)! <= 0xffff);
  if (chars.length === 0) return "_";
  let name = "";
  let count = 0;
  let cost = 0;
  for (let i = 0; fill ? i < chars.length * 200 : i < chars.length; i++) {
    const c = chars[i % chars.length];
    const charCost = /[A-Za-z0-9_]/.test(c) ? 1 : 5;
    if (rules.maxChars !== undefined && count + 1 > rules.maxChars) break;
    if (rules.maxBytes !== undefined && bytes(name + c) > rules.maxBytes) break;
    if (rules.fileName && cost + charCost > rules.fileName.budget) break;
    name += c;
    count++;
    cost += charCost;
  }
  if (rules.noTrailingSpace) name = name.replace(/[ \t\n\v\f\r]+$/, "");
  if (name === "") name = "_";
  if (rules.reservedPrefix && name.toLowerCase().startsWith(rules.reservedPrefix)) {
    name = `x${[...name].slice(1).join("")}`;
  }
  return name;
}

/**
 * An identifier within `rules`: short and hostile, or as long as the rules allow (exactly at
 * the byte or character limit where the pieces divide it), never with NUL.
 */
export function identifier(rules: NameRules): fc.Arbitrary<string> {
  return fc.oneof(
    { withCrossShrink: true },
    {
      weight: 3,
      arbitrary: fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => fit(p, rules, false)),
    },
    {
      weight: 1,
      arbitrary: fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => fit(p, rules, true)),
    },
  );
}

/** An identifier with a NUL somewhere in it, which no database accepts. */
export function identifierWithNul(rules: NameRules): fc.Arbitrary<string> {
  return fc.tuple(identifier(rules), fc.nat(), fc.constantFrom("\0", "\0\0", "a\0")).map(
    ([name, at, nul]) => {
      const chars = [...name];
      const i = at % (chars.length + 1);
      return [...chars.slice(0, i), nul, ...chars.slice(i)].join("");
    },
  );
}

/**
 * What two identifiers must differ in to be distinct on every database: case (SQLite and
 * MySQL fold it), accents and compatibility forms (MySQL's collations), trailing whitespace.
 */
export function nameKey(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+$/u, "");
}

/** `count` identifiers that no database confuses with each other. */
export function distinctIdentifiers(rules: NameRules, count: number): fc.Arbitrary<string[]> {
  return fc.uniqueArray(identifier(rules), {
    minLength: count,
    maxLength: count,
    selector: nameKey,
  });
}

/** A string literal of hostile pieces (NUL too when `nul`), up to `maxChars` code points. */
export function stringLiteral(options: { nul: boolean; maxChars: number }): fc.Arbitrary<string> {
  const unit = options.nul
    ? fc.oneof({ weight: 12, arbitrary: piece }, { weight: 1, arbitrary: fc.constant("\0") })
    : piece;
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 1, arbitrary: fc.constant("") },
    { weight: 8, arbitrary: fc.string({ unit, maxLength: 12 }) },
    { weight: 2, arbitrary: fc.string({ unit, minLength: 20, maxLength: 120 }) },
  ).map((text) => [...text].slice(0, options.maxChars).join(""));
}

/** A finite double (no -0, which no SQL literal keeps). */
export const doubleLiteral: fc.Arbitrary<number> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 1, -1, 0.5, 1e-7, 1e21, 5e-324, Number.MAX_VALUE, 2 ** 53),
).map((x) => (Object.is(x, -0) ? 0 : x));

/** A 32-bit integer. */
export const integerLiteral: fc.Arbitrary<number> = fc.integer();
