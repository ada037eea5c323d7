// Helpers for the compare tests on real databases: create a declared schema with retort's own
// SQL, read it back, compare, and run the ops a compare gives (SQLite's through a batch, as
// a revision rendered for SQLite does).
import { executeBatch } from "../../src/batch/execute_batch.ts";
import type { Dialect } from "../../src/dialect/dialect.ts";
import { dialectFor } from "../../src/dialect/dialect_for.ts";
import type { Connection } from "../../src/driver/connection.ts";
import type { BatchSubOp, Op } from "../../src/ops/op.ts";
import type { DatabaseSchema } from "../../src/schema/database_schema.ts";
import type { SchemaDeclaration } from "../../src/schema/define_schema.ts";
import { schemaModel } from "../../src/schema/define_schema.ts";
import { compareSchemas } from "../../src/autogen/compare.ts";
import type { CompareOptions, SchemaChange } from "../../src/autogen/schema_change.ts";
import { sqlOf } from "../_ops.ts";
import type { DatabaseKind } from "../integration/_databases.ts";

/** The declared schema as the model compare reads, named by the default convention. */
export function model(declaration: SchemaDeclaration): DatabaseSchema {
  return schemaModel(declaration, {});
}

/** A session on one database for the compare tests. */
export class CompareSession {
  readonly dialect: Dialect;
  constructor(readonly kind: DatabaseKind, readonly conn: Connection) {
    this.dialect = dialectFor(kind);
  }

  /** Runs each op's SQL (the ops SQLite cannot run in place go through one batch per table). */
  async run(ops: readonly Op[]): Promise<void> {
    if (this.dialect.name === "sqlite") return this.runOnSqlite(ops);
    for (const op of ops) {
      for (const s of sqlOf(op, this.dialect)) await this.conn.execute(s.sql, s.params);
    }
  }

  private async runOnSqlite(ops: readonly Op[]): Promise<void> {
    const batchable = new Set([
      "alterColumn",
      "createUniqueConstraint",
      "createForeignKey",
      "createCheckConstraint",
      "createPrimaryKey",
      "dropConstraint",
      "addColumn",
      "dropColumn",
      "createIndex",
      "dropIndex",
    ]);
    let i = 0;
    while (i < ops.length) {
      const op = ops[i] as Op & { table?: string; schema?: string };
      const needsBatch = batchable.has(op.kind) && op.table !== undefined &&
        ops.slice(i).some((o) =>
          (o as { table?: string }).table === op.table &&
          [
            "alterColumn",
            "createUniqueConstraint",
            "createForeignKey",
            "createCheckConstraint",
            "createPrimaryKey",
            "dropConstraint",
          ]
            .includes(o.kind)
        );
      if (!needsBatch) {
        for (const s of sqlOf(op, this.dialect)) await this.conn.execute(s.sql, s.params);
        i++;
        continue;
      }
      const group: BatchSubOp[] = [];
      while (
        i < ops.length && batchable.has(ops[i].kind) &&
        (ops[i] as { table?: string }).table === op.table
      ) {
        group.push(ops[i] as BatchSubOp);
        i++;
      }
      await executeBatch(this.dialect, this.conn, {
        kind: "batchAlterTable",
        table: op.table!,
        ...(op.schema ? { schema: op.schema } : {}),
        ops: group,
        recreate: "auto",
      }, { progress: false });
    }
  }

  /** Creates the declared tables with retort's own SQL. */
  async create(declared: DatabaseSchema): Promise<void> {
    await this.run([
      ...declared.enums.map((e): Op => ({ kind: "createEnumType", ...e })),
      ...declared.tables.map((t): Op => ({ kind: "createTable", ...t })),
    ]);
  }

  /** The database as its introspector reads it. */
  reflect(
    options: { schemas?: readonly string[]; exclude?: readonly string[] } = {},
  ): Promise<DatabaseSchema> {
    return this.dialect.introspect((sql, params) => this.conn.query(sql, params), options);
  }

  /** Compares `declared` with the database (types and server defaults compared). */
  async compare(
    declared: DatabaseSchema,
    options: Partial<CompareOptions> & { schemas?: readonly string[] } = {},
  ): Promise<SchemaChange[]> {
    const { schemas, ...rest } = options;
    return compareSchemas(declared, await this.reflect({ schemas, exclude: rest.exclude }), {
      dialect: this.dialect,
      compareType: true,
      compareServerDefault: true,
      ...rest,
    });
  }

  /** Drops every table and enum type the compare of an empty schema would drop. */
  async reset(): Promise<void> {
    const changes = await this.compare({ tables: [], enums: [], views: [], triggers: [] });
    await this.run(changes.map((c) => c.op));
  }
}

/** The descriptions of changes, for messages. */
export function described(changes: readonly SchemaChange[]): string[] {
  return changes.map((c) => c.description);
}
