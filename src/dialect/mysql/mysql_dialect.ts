import type { Column } from "../../schema/column.ts";
import type { ColumnType } from "../../schema/column_type.ts";
import type { ForeignKey, Index } from "../../schema/constraint.ts";
import type {
  ColumnAddition,
  ColumnAlteration,
  ConstraintDrop,
  IndexDrop,
  TableRename,
} from "../changes.ts";
import type { Table } from "../../schema/table.ts";
import { isSqlFragment } from "../../schema/sql_fragment.ts";
import type { ColumnPlace, TablePlace } from "../_shared.ts";
import {
  describeColumn,
  describeTable,
  isIntegerType,
  unsupported,
  wantsGeneratedValues,
} from "../_shared.ts";
import type { ColumnUse } from "../ddl_renderer.ts";
import { DdlRenderer } from "../ddl_renderer.ts";
import type { Capabilities, Statement } from "../dialect.ts";
import type { PlaceholderSyntax } from "../inline_params.ts";
import type { Introspector } from "../introspector.ts";
import { introspectMysql } from "./introspect.ts";
import { mysqlType } from "./mysql_types.ts";

/** How `mysql_real_escape_string` writes the characters that need it. */
const escapes: Record<string, string> = {
  "\0": "\\0",
  "\n": "\\n",
  "\r": "\\r",
  "\x1a": "\\Z",
  "\\": "\\\\",
  "'": "''",
};

/**
 * MySQL 8's and MariaDB 10.11's SQL: backtick quoting, backslash escapes, inline comments and
 * `AUTO_INCREMENT`, `MODIFY`/`CHANGE` that restate a whole column, constraints dropped by
 * type, `DROP INDEX ... ON`. DDL commits implicitly.
 *
 * @example
 * ```ts
 * new MysqlDialect().render({ kind: "dropIndex", name: "ix_a", table: "users" });
 * // [{ sql: "DROP INDEX `ix_a` ON `users`" }]
 * ```
 */
export class MysqlDialect extends DdlRenderer {
  readonly name = "mysql" as const;
  readonly capabilities: Capabilities = Object.freeze({
    transactionalDdl: false,
    schemas: true,
    nativeAlterColumn: true,
    alterConstraints: true,
    checkConstraints: true,
    deferrableConstraints: false,
    partialIndexes: false,
    concurrentIndexes: false,
    namedEnumTypes: false,
    comments: true,
    dropIndexNeedsTable: true,
    maxIdentifierLength: 64,
    identifierUnit: "characters",
  });
  readonly introspect: Introspector = introspectMysql;
  protected readonly placeholders: PlaceholderSyntax = Object.freeze({
    placeholder: "question",
    quotes: "`'\"",
    backslashEscapes: true,
    hashComments: true,
    dollarQuotes: false,
  });

  override quoteIdentifier(name: string): string {
    this.checkIdentifier(name);
    return `\`${name.replaceAll("`", "``")}\``;
  }

  renderType(type: ColumnType, place: ColumnPlace): string {
    return mysqlType(type, place, (value) => this.literal(value));
  }

  tableExists(table: string, schema?: string): Statement {
    const where = schema === undefined ? "DATABASE()" : "?";
    return {
      sql:
        `SELECT 1 FROM information_schema.tables WHERE table_schema = ${where} AND table_name = ? ` +
        "AND table_type = 'BASE TABLE'",
      params: schema === undefined ? [table] : [schema, table],
    };
  }

  /** Backslashes, NUL, line breaks and Ctrl-Z escaped as `mysql_real_escape_string` does. */
  protected override literalString(text: string): string {
    // deno-lint-ignore no-control-regex -- NUL and Ctrl-Z are exactly what must be escaped
    return `'${text.replace(/[\0\n\r\x1a\\']/g, (c) => escapes[c])}'`;
  }

  /**
   * `AUTO_INCREMENT` (also for a lone integer primary key that says nothing, as SQLAlchemy
   * does) and the inline `COMMENT`.
   */
  protected override columnExtras(column: Column, place: ColumnPlace, use: ColumnUse): string[] {
    const out: string[] = [];
    if (wantsGeneratedValues(column) || use.implicitAutoincrement) {
      if (!isIntegerType(column.type) && !isRawInteger(column.type)) {
        throw unsupported(
          `column ${describeColumn(place)}`,
          "MySQL AUTO_INCREMENT needs an integer type",
          "change the type or drop autoincrement/identity",
        );
      }
      if (column.identity?.increment !== undefined && column.identity.increment !== 1) {
        throw unsupported(
          `column ${describeColumn(place)}`,
          "MySQL has no per-column increment (it is the server's auto_increment_increment)",
          "leave identity.increment out on MySQL",
        );
      }
      out.push("AUTO_INCREMENT");
    }
    if (column.onUpdate !== undefined) out.push(`ON UPDATE ${column.onUpdate.sql}`);
    if (column.comment !== undefined) out.push(`COMMENT ${this.literal(column.comment)}`);
    return out;
  }

  /** `ENGINE=`, `DEFAULT CHARSET=`, `COLLATE=`, `AUTO_INCREMENT=<start>` and `COMMENT='...'`. */
  protected override tableOptions(op: Table): string {
    const start = op.columns.find((c) => c.identity?.start !== undefined)?.identity?.start;
    const word = (value: string) => (/^\w+$/.test(value) ? value : this.literal(value));
    return (op.options?.engine === undefined ? "" : ` ENGINE=${word(op.options.engine)}`) +
      (op.options?.charset === undefined ? "" : ` DEFAULT CHARSET=${word(op.options.charset)}`) +
      (op.options?.collation === undefined ? "" : ` COLLATE=${word(op.options.collation)}`) +
      (start === undefined ? "" : ` AUTO_INCREMENT=${start}`) +
      (op.comment === undefined ? "" : ` COMMENT=${this.literal(op.comment)}`);
  }

  /** A collation's name, bare when it is a plain word (`utf8mb4_bin`). */
  protected override collationName(name: string): string {
    return /^\w+$/.test(name) ? name : this.literal(name);
  }

  /** Comments are written inside the table and column definitions. */
  protected override commentStatements(): string[] {
    return [];
  }

  /** Column comments are part of the column definition, written by `columnExtras`. */
  protected override columnComment(): string[] {
    return [];
  }

  override setTableComment(place: TablePlace, comment: string | null): string[] {
    return [
      `ALTER TABLE ${this.qualify(place.table, place.schema)} COMMENT = ${
        this.literal(comment ?? "")
      }`,
    ];
  }

  /**
   * One ALTER TABLE for the column and its keys: MySQL requires an AUTO_INCREMENT column to
   * be a key in the statement that adds it.
   */
  override addColumn(op: ColumnAddition): string[] {
    const [first, ...rest] = super.addColumn(op);
    const table = `ALTER TABLE ${this.qualify(op.table, op.schema)} `;
    const keys = rest.filter((sql) => sql.startsWith(`${table}ADD CONSTRAINT`));
    return [
      [first, ...keys.map((sql) => sql.slice(table.length))].join(", "),
      ...rest.filter((sql) => !keys.includes(sql)),
    ];
  }

  override renameTable(op: TableRename): string[] {
    return [
      `ALTER TABLE ${this.qualify(op.table, op.schema)} RENAME TO ${
        this.qualify(op.newName, op.schema)
      }`,
    ];
  }

  /**
   * A default or a name alone change with `ALTER COLUMN ... SET DEFAULT` and `RENAME COLUMN`;
   * anything else restates the whole column with `MODIFY` (or `CHANGE` to rename too), from
   * the new values and the `existing*` ones: type and nullability must be known; an unknown
   * default or comment is written as none, and AUTO_INCREMENT, a collation and ON UPDATE are
   * kept only when `existingAutoincrement`, `existingCollation` and `existingOnUpdate` say so.
   */
  override alterColumn(op: ColumnAlteration): string[] {
    const table = this.qualify(op.table, op.schema);
    const column = this.quoteIdentifier(op.column);
    if (op.type === undefined && op.nullable === undefined && op.comment === undefined) {
      const out: string[] = [];
      if (op.serverDefault === null) {
        out.push(`ALTER TABLE ${table} ALTER COLUMN ${column} DROP DEFAULT`);
      } else if (op.serverDefault !== undefined) {
        const value = isSqlFragment(op.serverDefault)
          ? `(${op.serverDefault.sql})`
          : this.literal(op.serverDefault);
        out.push(`ALTER TABLE ${table} ALTER COLUMN ${column} SET DEFAULT ${value}`);
      }
      if (op.newName !== undefined) {
        out.push(
          `ALTER TABLE ${table} RENAME COLUMN ${column} TO ${this.quoteIdentifier(op.newName)}`,
        );
      }
      return out;
    }
    const type = op.type ?? op.existingType;
    const nullable = op.nullable ?? op.existingNullable;
    const missing = [
      type === undefined ? "existingType" : "",
      nullable === undefined ? "existingNullable" : "",
    ]
      .filter(Boolean);
    if (type === undefined || nullable === undefined) {
      throw unsupported(
        `alterColumn ${describeColumn(op)}`,
        "MySQL restates the whole column to change it",
        `give ${missing.join(" and ")} (and existingServerDefault/existingComment to keep them)`,
      );
    }
    const serverDefault = op.serverDefault !== undefined
      ? op.serverDefault
      : op.existingServerDefault;
    const comment = op.comment !== undefined ? op.comment : op.existingComment;
    const definition = this.columnDefinition(
      {
        name: op.newName ?? op.column,
        type,
        nullable,
        ...(serverDefault === null || serverDefault === undefined ? {} : { serverDefault }),
        ...(comment === null || comment === undefined ? {} : { comment }),
        ...(op.existingAutoincrement ? { autoincrement: true } : {}),
        ...(op.existingCollation === undefined ? {} : { collation: op.existingCollation }),
        ...(op.existingOnUpdate === undefined ? {} : { onUpdate: op.existingOnUpdate }),
      },
      op,
    );
    return [
      op.newName === undefined
        ? `ALTER TABLE ${table} MODIFY COLUMN ${definition}`
        : `ALTER TABLE ${table} CHANGE COLUMN ${column} ${definition}`,
    ];
  }

  protected override indexKeyLength(length: number): string {
    return `(${length})`;
  }

  /**
   * `CREATE FULLTEXT|SPATIAL INDEX` for those index kinds (`using: "FULLTEXT"`), else
   * `USING BTREE|HASH` after the key list.
   */
  protected override indexStatement(
    index: Index & { concurrently?: boolean },
    place: TablePlace,
  ): string {
    const kind = index.using?.toUpperCase();
    if (kind !== "FULLTEXT" && kind !== "SPATIAL") return super.indexStatement(index, place);
    const plain = super.indexStatement({ ...index, using: undefined }, place);
    return plain.replace(/^CREATE (UNIQUE )?INDEX /, `CREATE ${kind} INDEX `);
  }

  protected override indexUsing(index: Index): string {
    return "";
  }

  protected override indexWhere(index: Index, place: TablePlace): string {
    const using = index.using === undefined ? "" : ` USING ${index.using.toUpperCase()}`;
    if (index.where === undefined) return using;
    throw unsupported(
      `createIndex ${index.name} on ${describeTable(place)}`,
      "MySQL has no partial indexes",
      "drop `where`, or index a generated column that holds the condition",
    );
  }

  override dropIndex(op: IndexDrop): string[] {
    if (op.table === undefined) {
      throw unsupported(
        `dropIndex ${op.name}`,
        "MySQL needs the table the index is on",
        `write op.dropIndex(${JSON.stringify(op.name)}, { table: "..." })`,
      );
    }
    return [`DROP INDEX ${this.quoteIdentifier(op.name)} ON ${this.qualify(op.table, op.schema)}`];
  }

  /** MySQL drops each kind of constraint with its own clause, so it needs `type`. */
  override dropConstraint(op: ConstraintDrop): string[] {
    const table = this.qualify(op.table, op.schema);
    const name = this.quoteIdentifier(op.name);
    switch (op.type) {
      case "foreignkey":
        return [`ALTER TABLE ${table} DROP FOREIGN KEY ${name}`];
      case "unique":
        return [`ALTER TABLE ${table} DROP INDEX ${name}`];
      case "check":
        return [`ALTER TABLE ${table} DROP CONSTRAINT ${name}`];
      case "primary":
        return [`ALTER TABLE ${table} DROP PRIMARY KEY`];
      default:
        throw unsupported(
          `dropConstraint ${op.name} on ${describeTable(op)}`,
          "MySQL drops each kind of constraint differently",
          'pass type: "foreignkey", "unique", "check" or "primary"',
        );
    }
  }

  /** Foreign keys are always checked immediately. */
  protected override deferrability(fk: ForeignKey, place: TablePlace): string {
    if (fk.deferrable || fk.initially === "DEFERRED") {
      throw unsupported(
        `foreign key ${fk.name} on ${describeTable(place)}`,
        "MySQL checks foreign keys immediately and cannot defer them",
        "drop deferrable/initially for MySQL",
      );
    }
    return "";
  }

  protected override emptyRowInsert(table: string): string {
    return `INSERT INTO ${table} () VALUES ()`;
  }
}

/** MySQL's integer types in its own words: `bigint unsigned`, `int(10) unsigned zerofill`, `tinyint`. */
function isRawInteger(type: ColumnType): boolean {
  return type.name === "raw" &&
    /^\s*(tinyint|smallint|mediumint|int|integer|bigint)\s*(\(\d+\))?(\s+(unsigned|signed|zerofill))*\s*$/i
      .test(type.sql);
}
