import { checkDeclaration } from "../autogen/check_declaration.ts";
import { compareSchemas, renameCandidates } from "../autogen/compare.ts";
import type { RenameCandidate, Renames, SchemaChange } from "../autogen/schema_change.ts";
import { keepForeignKeyIndexes } from "../autogen/foreign_key_indexes.ts";
import { reverseOps } from "../autogen/render_ops.ts";
import { RetortError } from "../errors.ts";
import { HistoryTable } from "../runtime/history_table.ts";
import type { Op } from "../ops/op.ts";
import type { HookContext } from "../plugin/plugin.ts";
import { schemaModel } from "../schema/define_schema.ts";
import type { DatabaseSchema } from "../schema/database_schema.ts";
import { loadTarget } from "../script/load_target.ts";
import type { Database, Project } from "./project.ts";

/** What autogenerate found: the changes it detected, and the ops that make them. */
export interface SchemaComparison {
  readonly changes: readonly SchemaChange[];
  /** The changes' ops after the plugins' `rewriteOp` hooks (phase `autogenerate`). */
  readonly ops: readonly Op[];
  /** What undoes them, last first: each op's `reverse()`. */
  readonly downgradeOps: readonly Op[];
  /** The ops nothing undoes (no `reverse()`), for the author to undo by hand. */
  readonly cannotUndo: readonly Op[];
  /** Drops and adds that look like renames, for the user to confirm (when asked for). */
  readonly renameCandidates: readonly RenameCandidate[];
}

/** The hooks' context while autogenerate runs. */
export function autogenerateContext(project: Project, db: Database): HookContext {
  return { phase: "autogenerate", dialect: db.dialect, autogenerate: true, args: project.args };
}

/**
 * Compares the project's declared schema (`target`) with the database: the declaration is
 * checked, the database read with its introspector (the version table and its lock table
 * left out), both passed through the plugins' include filters, and the ops rewritten.
 * The database must be at its heads, or the comparison would be against an old schema.
 */
export async function compareProject(
  project: Project,
  db: Database,
  renames: Renames = {},
  { candidates = true }: { candidates?: boolean } = {},
): Promise<SchemaComparison> {
  const { config, plugins } = project;
  const target = await loadTarget(
    config.target,
    (module, path) => plugins.readTarget(module, path),
    plugins.targetReaders,
  );
  const declared = schemaModel(target, config.namingConvention ?? {});
  checkDeclaration(declared, db.dialect);
  await requireHeads(project, db);
  const reflected = await readDatabase(project, db);
  const ctx = autogenerateContext(project, db);
  const options = {
    dialect: db.dialect,
    compareType: config.compareType,
    compareServerDefault: config.compareServerDefault,
    exclude: retortTables(db),
    // Without a filter, none is passed: the compare then awaits nothing per object.
    include: !plugins.filters ? undefined : async (
      object: unknown,
      name: string,
      type: string,
      reflected: boolean,
      compareTo: unknown,
      parents: { schemaName?: string; tableName?: string },
    ) =>
      await plugins.includeName(name, type, parents, ctx) &&
      await plugins.includeObject(object, name, type, reflected, compareTo, ctx),
    renames,
  };
  if (declared.views.length > 0 && !plugins.compares) {
    project.output.info('retort: warning: the declared views are not compared; add "retort/plugins/views" to plugins');
  }
  const own = await compareSchemas(declared, reflected, options);
  const found = plugins.compares
    ? await plugins.compare(declared, reflected, {
      ...ctx,
      connection: db.connection,
      include: (object, name, type, isReflected, compareTo, parents) =>
        options.include?.(object, name, type, isReflected, compareTo, parents) ?? Promise.resolve(true),
    })
    : [];
  const changes: SchemaChange[] = [
    ...found.filter((c) => c.place === "first") as SchemaChange[],
    ...own,
    ...found.filter((c) => c.place !== "first") as SchemaChange[],
  ];
  const rewritten: Op[] = [];
  for (const change of changes) rewritten.push(...(await plugins.rewrite(change.op, ctx)) as Op[]);
  const back = reverseOps(rewritten, project.registry);
  const mysql = db.dialect.name === "mysql";
  return {
    changes,
    ops: mysql ? keepForeignKeyIndexes(rewritten, reflected, declared) : rewritten,
    downgradeOps: mysql ? keepForeignKeyIndexes(back.ops, declared, reflected) : back.ops,
    cannotUndo: back.missing,
    renameCandidates: candidates ? renameCandidates(declared, reflected, options) : [],
  };
}

/** The database's schemas: the current one, and `includeSchemas`. */
async function readDatabase(project: Project, db: Database): Promise<DatabaseSchema> {
  const query = (sql: string, params?: readonly unknown[]) => db.connection.query(sql, params);
  const exclude = retortTables(db);
  const current = await db.dialect.introspect(query, { exclude });
  // As Alembic: each schema is put to the includeName filters (type "schema") before it is read.
  const ctx = autogenerateContext(project, db);
  const schemas: string[] = [];
  for (const schema of project.config.includeSchemas) {
    if (await project.plugins.includeName(schema, "schema", {}, ctx)) schemas.push(schema);
  }
  if (schemas.length === 0) return current;
  const others = await db.dialect.introspect(query, { schemas, exclude });
  return {
    tables: [...current.tables, ...others.tables],
    enums: [...current.enums, ...others.enums],
    views: [...current.views, ...others.views],
    triggers: [...current.triggers, ...others.triggers],
  };
}

/** Autogenerate compares against the schema at the heads: the database must be there. */
async function requireHeads(project: Project, db: Database): Promise<void> {
  const rows = await db.versionTable.read(db.connection);
  const unknown = rows.filter((id) => !project.map.has(id));
  const at = new Set(unknown.length ? [] : project.map.currentRevisions(rows));
  const heads = project.map.heads;
  if (unknown.length || heads.length !== at.size || heads.some((h) => !at.has(h))) {
    throw new RetortError(
      "NOT_AT_HEADS",
      `the database is not at its heads (it is at ${rows.join(", ") || "base"}; the heads are ${
        heads.join(", ") || "none"
      }); run \`retort upgrade heads\` first`,
    );
  }
}

/** retort's own tables, never compared: the version table, its lock and its history. */
function retortTables(db: Database): string[] {
  const name = db.versionTable.name;
  return [name, `${name}_lock`, HistoryTable.of(db.versionTable).name];
}
