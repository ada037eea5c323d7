import type { Column } from "../../schema/column.ts";
import type { ColumnType } from "../../schema/column_type.ts";
import type {
  ColumnAlteration,
  ColumnDrop,
  EnumTypeCreation,
  EnumTypeDrop,
  EnumValueAddition,
} from "../changes.ts";
import type { Index } from "../../schema/constraint.ts";
import type { Table } from "../../schema/table.ts";
import type { ColumnPlace, TablePlace } from "../_shared.ts";
import {
  describeColumn,
  isIntegerType,
  unsupported,
  utcDateText,
  wantsGeneratedValues,
} from "../_shared.ts";
import type { ColumnUse } from "../ddl_renderer.ts";
import { DdlRenderer } from "../ddl_renderer.ts";
import type { Capabilities, Statement } from "../dialect.ts";
import type { PlaceholderSyntax } from "../inline_params.ts";
import { UnsupportedOperationError } from "../unsupported_operation.ts";
import type { Introspector } from "../introspector.ts";
import { introspectPostgres } from "./introspect.ts";
import { enumTypeName, postgresType } from "./postgres_types.ts";

/** The comment that marks an enum type retort created for a column (and may drop with it). */
const enumMarker = "retort: enum type of ";

/** `DO $tag$ body $tag$`, with a tag the body cannot contain. */
function doBlock(body: string): string {
  let tag = "$retort$";
  for (let i = 1; body.includes(tag); i++) tag = `$retort${i}$`;
  return `DO ${tag} ${body} ${tag}`;
}

/**
 * PostgreSQL's SQL: named enum types, identity columns, `COMMENT ON`, `ALTER COLUMN ... TYPE
 * ... USING`, `CREATE INDEX CONCURRENTLY`, transactional DDL.
 *
 * @example
 * ```ts
 * new PostgresDialect().render({ kind: "dropIndex", name: "ix_a", concurrently: true });
 * // [{ sql: 'DROP INDEX CONCURRENTLY "ix_a"' }]
 * ```
 */
export class PostgresDialect extends DdlRenderer {
  readonly name = "postgres" as const;
  readonly capabilities: Capabilities = Object.freeze({
    transactionalDdl: true,
    schemas: true,
    nativeAlterColumn: true,
    alterConstraints: true,
    checkConstraints: true,
    deferrableConstraints: true,
    partialIndexes: true,
    concurrentIndexes: true,
    namedEnumTypes: true,
    comments: true,
    dropIndexNeedsTable: false,
    maxIdentifierLength: 63,
    identifierUnit: "bytes",
  });
  /** Reads tables, enum types, views and triggers back from `pg_catalog`. */
  readonly introspect: Introspector = introspectPostgres;
  protected readonly placeholders: PlaceholderSyntax = Object.freeze({
    placeholder: "dollar",
    quotes: `"'`,
    backslashEscapes: false,
    hashComments: false,
    dollarQuotes: true,
  });

  renderType(type: ColumnType, place: ColumnPlace): string {
    return postgresType(type, place, (name, schema) => this.qualify(name, schema));
  }

  tableExists(table: string, schema?: string): Statement {
    return schema === undefined
      ? {
        sql:
          "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = $1",
        params: [table],
      }
      : {
        sql: "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = $1 AND tablename = $2",
        params: [schema, table],
      };
  }

  /** PostgreSQL text cannot hold NUL; backslashes are plain characters (standard_conforming_strings). */
  protected override literalString(text: string): string {
    if (text.includes("\0")) {
      throw new UnsupportedOperationError(
        "literal: PostgreSQL text cannot contain NUL (\\0) characters; strip them or store the value in a t.bytes() column",
      );
    }
    return super.literalString(text);
  }

  protected override literalNumber(value: number): string {
    return Number.isFinite(value) ? String(value) : `'${value}'`;
  }

  protected override literalBytes(hex: string): string {
    return `'\\x${hex}'::bytea`;
  }

  /** UTC, marked as such so `timestamptz` columns read the instant right. */
  protected override literalDate(date: Date): string {
    return this.literalString(`${utcDateText(date)}+00`);
  }

  /**
   * `GENERATED { BY DEFAULT | ALWAYS } AS IDENTITY` for identity and autoincrement columns,
   * and for a lone integer primary key that says nothing (as SQLAlchemy makes it SERIAL).
   */
  protected override columnExtras(column: Column, place: ColumnPlace, use: ColumnUse): string[] {
    if (!wantsGeneratedValues(column) && !use.implicitAutoincrement) return [];
    if (!isIntegerType(column.type)) {
      throw unsupported(
        `column ${describeColumn(place)}`,
        "PostgreSQL identity columns must be integer, smallint or bigint",
        "change the type or drop autoincrement/identity",
      );
    }
    const identity = column.identity ?? {};
    const options = [
      identity.start === undefined ? "" : `START WITH ${identity.start}`,
      identity.increment === undefined ? "" : `INCREMENT BY ${identity.increment}`,
    ].filter(Boolean);
    return [
      `GENERATED ${identity.always ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY` +
      (options.length ? ` (${options.join(" ")})` : ""),
    ];
  }

  /** Creates the enum types the columns use (or checks the ones that exist). */
  protected override beforeColumns(place: TablePlace, columns: readonly Column[]): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const column of columns) {
      if (column.type.name !== "enum") continue;
      const name = enumTypeName(column.type, { ...place, column: column.name });
      if (seen.has(name)) continue;
      seen.add(name);
      out.push(
        this.enumForColumn(name, place.schema, column.type.values, `${place.table}.${column.name}`),
      );
    }
    return out;
  }

  /**
   * The enum type a column needs: created (and marked as created for a column, so it goes
   * when its last column does) when it does not exist; used as it is when it exists with the
   * same values (two tables can share one); an error naming the type and both value lists
   * when its values differ, instead of silently keeping the old ones.
   */
  protected enumForColumn(
    name: string,
    schema: string | undefined,
    values: readonly string[],
    forColumn: string,
  ): string {
    const type = this.qualify(name, schema);
    const wanted = `ARRAY[${values.map((v) => this.literal(v)).join(", ")}]::text[]`;
    const namespace = schema === undefined ? "current_schema()" : this.literal(schema);
    const marker = this.literal(`${enumMarker}${forColumn}`);
    const body = `DECLARE existing text[]; BEGIN ` +
      `SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) INTO existing ` +
      `FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace ` +
      `LEFT JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid ` +
      `WHERE t.typname = ${this.literal(name)} AND n.nspname = ${namespace} GROUP BY t.oid; ` +
      `IF NOT FOUND THEN ${this.createEnum(name, schema, values)}; ` +
      `COMMENT ON TYPE ${type} IS ${marker}; ` +
      `ELSIF existing IS DISTINCT FROM ${wanted} THEN RAISE EXCEPTION ` +
      `'enum type % already exists with values (%), but this migration gives (%); drop it first (op.dropEnumType) or add the new values with op.execute("ALTER TYPE ... ADD VALUE ...")', ` +
      `${this.literal(name)}, array_to_string(existing, ', '), ${
        this.literal(values.join(", "))
      }; END IF; END`;
    return doBlock(body);
  }

  /** `DROP TABLE`, then the enum types created for its columns that nothing uses any more. */
  override dropTable(place: TablePlace): string[] {
    return [...super.dropTable(place), this.dropUnusedEnums(place.schema)];
  }

  /** `DROP COLUMN`, then the enum types created for columns that nothing uses any more. */
  override dropColumn(change: ColumnDrop): string[] {
    return [...super.dropColumn(change), this.dropUnusedEnums(change.schema)];
  }

  /**
   * Drops the enum types of the schema that retort created for a column (marked by their
   * comment) once no column uses them; a type something else still depends on stays.
   */
  protected dropUnusedEnums(schema: string | undefined): string {
    const namespace = schema === undefined ? "current_schema()" : this.literal(schema);
    return doBlock(
      `DECLARE t record; BEGIN FOR t IN SELECT ty.oid, format('%I.%I', n.nspname, ty.typname) AS name ` +
        `FROM pg_catalog.pg_type ty JOIN pg_catalog.pg_namespace n ON n.oid = ty.typnamespace ` +
        `WHERE ty.typtype = 'e' AND n.nspname = ${namespace} ` +
        `AND obj_description(ty.oid, 'pg_type') LIKE ${this.literal(`${enumMarker}%`)} ` +
        `AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.atttypid IN (ty.oid, ty.typarray) AND NOT a.attisdropped) ` +
        `LOOP BEGIN EXECUTE 'DROP TYPE ' || t.name; EXCEPTION WHEN dependent_objects_still_exist THEN NULL; END; ` +
        `END LOOP; END`,
    );
  }

  protected createEnum(
    name: string,
    schema: string | undefined,
    values: readonly string[],
  ): string {
    return `CREATE TYPE ${this.qualify(name, schema)} AS ENUM (${
      values.map((v) => this.literal(v)).join(", ")
    })`;
  }

  override alterColumn(op: ColumnAlteration): string[] {
    if (op.using !== undefined && op.type === undefined) {
      throw unsupported(
        `alterColumn ${describeColumn({ ...op, column: op.column })}`,
        "`using` converts values to a new type, but no `type` is given",
        "add the new `type` or drop `using`",
      );
    }
    return super.alterColumn(op);
  }

  protected override alterColumnType(op: ColumnAlteration, type: ColumnType): string[] {
    const place = { table: op.table, schema: op.schema, column: op.column };
    return [
      ...this.beforeColumns(op, [{ name: op.column, type }]),
      `ALTER TABLE ${this.qualify(op.table, op.schema)} ALTER COLUMN ${
        this.quoteIdentifier(op.column)
      } ` +
      `TYPE ${this.renderType(type, place)}${op.using === undefined ? "" : ` USING ${op.using}`}`,
    ];
  }

  protected override tableKind(op: Table): string {
    return op.options?.unlogged ? "UNLOGGED " : "";
  }

  protected override indexKeyOpclass(opclass: string): string {
    return ` ${opclass}`;
  }

  protected override indexKeyNulls(nulls: "first" | "last"): string {
    return ` NULLS ${nulls.toUpperCase()}`;
  }

  protected override indexUsing(index: Index): string {
    return index.using === undefined ? "" : ` USING ${index.using}`;
  }

  /** PostgreSQL computes generated columns when written: they are always STORED. */
  protected override computed(column: Column, place: ColumnPlace): string {
    if (column.computed?.stored === false) {
      throw unsupported(
        `column ${describeColumn(place)}`,
        "PostgreSQL has no virtual generated columns",
        "leave computed.stored out (stored)",
      );
    }
    return super.computed(column, place);
  }

  protected override indexConcurrently(index: { concurrently?: boolean }): string {
    return index.concurrently ? "CONCURRENTLY " : "";
  }

  override createEnumType(op: EnumTypeCreation): string[] {
    return [this.createEnum(op.name, op.schema, op.values)];
  }

  override addEnumValue(change: EnumValueAddition): string[] {
    const place = change.before !== undefined
      ? ` BEFORE ${this.literal(change.before)}`
      : change.after !== undefined
      ? ` AFTER ${this.literal(change.after)}`
      : "";
    return [
      `ALTER TYPE ${this.qualify(change.name, change.schema)} ADD VALUE IF NOT EXISTS ${
        this.literal(change.value)
      }${place}`,
    ];
  }

  override dropEnumType(op: EnumTypeDrop): string[] {
    return [`DROP TYPE ${this.qualify(op.name, op.schema)}`];
  }
}
