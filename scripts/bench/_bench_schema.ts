/**
 * The schema scripts/bench/compare_schema.ts compares: N tables, each with a key, a foreign key
 * to the table before it, a column of every t.* type the database has (most with a server
 * default), a unique constraint, two indexes and a check. It takes retort's API as an argument,
 * so the same builder serves the bench (importing src/) and the target module a timed
 * `retort check` loads (importing "retort").
 */
import type { Column } from "../../src/schema/column.ts";
import type { ColumnType } from "../../src/schema/column_type.ts";
import type { DeclaredSchema, TableDeclaration } from "../../src/schema/define_schema.ts";
import type { SqlFragment } from "../../src/schema/sql_fragment.ts";
import type { TypeVocabulary } from "../../src/schema/types.ts";

export type Kind = "sqlite" | "postgres" | "mysql";

/** The parts of retort's API the declaration is built with. */
export interface SchemaApi {
  readonly t: TypeVocabulary;
  readonly sql: (strings: TemplateStringsArray, ...values: unknown[]) => SqlFragment;
  readonly table: (name: string, columns: readonly Column[], options?: object) => TableDeclaration;
  readonly defineSchema: (schema: { tables: readonly TableDeclaration[] }) => DeclaredSchema;
}

/** The columns of table `i`: every t.* type the database has, most with a default. */
function columns({ t, sql }: SchemaApi, kind: Kind, i: number): Column[] {
  const types: [string, ColumnType, Column["serverDefault"]?][] = [
    ["i", t.integer(), 0],
    ["si", t.smallint(), -1],
    ["bi", t.bigint(), sql`9007199254740993`],
    ["bo", t.boolean(), true],
    ["tx", t.text(), kind === "mysql" ? undefined : "it's"],
    ["vc", t.varchar(100), "a\\b"],
    ["ch", t.char(3), "abc"],
    ["nu", t.numeric(10, 2), 1.5],
    ["re", t.real()],
    ["db", t.double(), 2.5],
    ["da", t.date(), "2020-01-02"],
    ["ti", t.time()],
    ["ts", t.timestamp(), sql`CURRENT_TIMESTAMP`],
    ["tz", t.timestamp({ tz: true, precision: 3 })],
    ["js", t.json()],
    ["uu", t.uuid()],
    ["by", t.bytes()],
    ["en", t.enum(["on", "off"], { name: "bench_state" }), "off"],
  ];
  return [
    t.column("id", t.integer(), { primaryKey: true }),
    t.column("ref_id", t.integer()),
    t.column("code", t.varchar(20), { nullable: false }),
    ...types.map(([name, type, serverDefault]) =>
      t.column(`${name}_${i % 7}`, type, serverDefault === undefined ? {} : { serverDefault })
    ),
  ];
}

/** The declared schema of `tables` tables for a database of `kind`. */
export function benchSchema(api: SchemaApi, kind: Kind, tables: number): DeclaredSchema {
  return api.defineSchema({
    tables: Array.from({ length: tables }, (_, i) => {
      const name = `bench_${String(i).padStart(4, "0")}`;
      const previous = `bench_${String(i - 1).padStart(4, "0")}`;
      return api.table(name, columns(api, kind, i), {
        uniques: [["code"]],
        checks: ["code <> ''"],
        indexes: [{ columns: ["ref_id", "code"] }, { columns: [`i_${i % 7}`] }],
        foreignKeys: i === 0 ? [] : [{
          columns: ["ref_id"],
          references: previous,
          referencesColumns: ["id"],
          onDelete: "CASCADE",
        }],
      });
    }),
  });
}
