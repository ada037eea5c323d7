import type { Column } from "../../schema/column.ts";
import type { ColumnType } from "../../schema/column_type.ts";
import type { ColumnAlteration, EnumTypeCreation, EnumTypeDrop } from "../changes.ts";
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

  /** Creates the enum types the columns use, unless they exist already. */
  protected override beforeColumns(place: TablePlace, columns: readonly Column[]): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const column of columns) {
      if (column.type.name !== "enum") continue;
      const name = enumTypeName(column.type, { ...place, column: column.name });
      if (seen.has(name)) continue;
      seen.add(name);
      out.push(this.createEnumIfMissing(name, place.schema, column.type.values));
    }
    return out;
  }

  /**
   * `CREATE TYPE` that does nothing when the type exists already, so a table can be dropped
   * and created again, and two tables can share one enum.
   */
  protected createEnumIfMissing(
    name: string,
    schema: string | undefined,
    values: readonly string[],
  ): string {
    const create = this.createEnum(name, schema, values);
    const tag = create.includes("$$") ? "$retort_enum$" : "$$";
    return `DO ${tag} BEGIN ${create}; EXCEPTION WHEN duplicate_object THEN NULL; END ${tag}`;
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

  override dropEnumType(op: EnumTypeDrop): string[] {
    return [`DROP TYPE ${this.qualify(op.name, op.schema)}`];
  }
}
