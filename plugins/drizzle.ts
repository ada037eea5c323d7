/**
 * `drizzle`: a Drizzle ORM schema module as autogenerate's `target`. Every table the module
 * exports (`pgTable`, `mysqlTable`, `sqliteTable`, also inside an exported object) and every
 * exported `pgEnum` becomes the declared schema, so `retort revision --autogenerate` and
 * `retort check` compare the database with the Drizzle schema itself.
 *
 * ```json
 * { "target": "src/db/schema.ts", "plugins": ["retort/plugins/drizzle"] }
 * ```
 *
 * The tables are read through the symbols and properties drizzle-orm puts on them (as its
 * `getTableConfig` does), not through drizzle-orm itself: retort does not ship Drizzle, and
 * the module's tables come from the project's own copy, whatever its version.
 * @module
 */
import { definePlugin, sql, t, table } from "retort";
import type {
  Column,
  EnumType,
  IndexColumn,
  Plugin,
  ReferentialAction,
  SchemaDeclaration,
  TableDeclaration,
} from "retort";

import type {
  DrizzleColumn,
  DrizzleForeignKey,
  DrizzleIndex,
  DrizzleTable,
  NamedColumns,
  Reading,
} from "./drizzle/drizzle_objects.ts";
import {
  columnName,
  dialectOf,
  expression,
  inlineForeignKeys,
  isPgEnum,
  isSql,
  isTable,
  sqlText,
  symbols,
  tableConfig,
} from "./drizzle/drizzle_objects.ts";
import {
  columnType,
  currentTimestamp,
  defaultOf,
  isInteger,
  numberOption,
} from "./drizzle/column_types.ts";

/** Options: Drizzle's `casing`, for columns named by their key (`drizzle({ casing })`). */
export interface DrizzleOptions {
  readonly casing?: "snake_case" | "camelCase";
}

/**
 * The plugin, made with its options.
 *
 * @example
 * ```ts
 * export default defineConfig({ target: "db/schema.ts", plugins: [drizzle({ casing: "snake_case" })] });
 * ```
 */
export default function drizzle(options: DrizzleOptions = {}): Plugin {
  return definePlugin({
    name: "drizzle",
    readTarget: (module, path) => readDrizzleSchema(module, path, options),
  });
}

type TableOptions = TableDeclaration["options"];
type ForeignKeyInput = NonNullable<TableOptions["foreignKeys"]>[number];
type IndexInput = NonNullable<TableOptions["indexes"]>[number];

/**
 * The declaration a Drizzle schema module makes, or undefined when it exports no Drizzle
 * table (then it is not a module this plugin reads).
 *
 * @example
 * ```ts
 * const declared = readDrizzleSchema(await import("./db/schema.ts"), "db/schema.ts");
 * ```
 */
export function readDrizzleSchema(
  module: Readonly<Record<string, unknown>>,
  path: string,
  options: DrizzleOptions = {},
): SchemaDeclaration | undefined {
  const found = new Set<unknown>();
  for (const value of Object.values(module)) {
    found.add(value);
    // `export default { users, posts }`, as passed to drizzle(client, { schema })
    if (value === module.default && typeof value === "object" && value !== null) {
      for (const inner of Object.values(value)) found.add(inner);
    }
  }
  const tables = [...found].filter(isTable);
  if (tables.length === 0) return undefined;
  const dialects = new Set(tables.map(dialectOf));
  if (dialects.size > 1) {
    throw new Error(
      `${path} mixes tables of ${
        [...dialects].join(" and ")
      }; a target declares one database's schema`,
    );
  }
  const reading: Reading = { dialect: [...dialects][0], casing: options.casing };
  const enums: EnumType[] = [...found].filter(isPgEnum).map((e) => ({
    name: e.enumName,
    ...(e.schema === undefined ? {} : { schema: e.schema }),
    values: [...e.enumValues],
  }));
  return { tables: tables.map((t) => declareTable(t, reading)), enums };
}

function declareTable(drizzleTable: DrizzleTable, reading: Reading): TableDeclaration {
  const name = drizzleTable[symbols.name] as string;
  const schema = drizzleTable[symbols.schema] as string | undefined;
  const drizzleColumns = Object.values(
    drizzleTable[symbols.columns] as Record<string, DrizzleColumn>,
  );
  const config = tableConfig(drizzleTable);
  const named = (c: { name: string; keyAsName?: boolean }) => columnName(c, reading);
  const uniques: { name?: string; columns: string[] }[] = [];
  const columns = drizzleColumns.map((c) => {
    const { column, unique } = declareColumn(c, reading);
    if (c.isUnique) {
      uniques.push({
        name: keyName(c.uniqueName, name, [c], "unique", reading),
        columns: [column.name],
      });
    } else if (unique) uniques.push(unique);
    return column;
  });
  for (const u of config.uniques) {
    uniques.push({
      name: keyName(nameOf(u), name, u.columns, "unique", reading),
      columns: u.columns.map(named),
    });
  }
  const key = config.primaryKeys[0];
  const foreignKeys = [
    ...(drizzleTable[inlineForeignKeys[reading.dialect]] as DrizzleForeignKey[] ?? []),
    ...config.foreignKeys,
  ].map((fk) => foreignKey(name, fk, reading));
  return table(name, columns, {
    ...(schema === undefined ? {} : { schema }),
    ...(key
      ? {
        primaryKey: {
          name: keyName(nameOf(key), name, key.columns, "pk", reading),
          columns: key.columns.map(named),
        },
      }
      : {}),
    ...(foreignKeys.length ? { foreignKeys } : {}),
    ...(uniques.length ? { uniques } : {}),
    ...(config.checks.length
      ? {
        checks: config.checks.map((c) => ({ name: c.name, condition: sqlText(c.value, reading) })),
      }
      : {}),
    ...(config.indexes.length ? { indexes: config.indexes.map((ix) => index(ix, reading)) } : {}),
  });
}

/** The name Drizzle gives a key or constraint (its own default where none is given). */
function nameOf(constraint: NamedColumns): string | undefined {
  return constraint.getName?.() ?? constraint.name;
}

/**
 * A key's name; Drizzle's default one (`<table>_<columns>_<suffix>`, from the columns' keys)
 * with the column names in Drizzle's `casing`, as in the database.
 */
function keyName(
  given: string | undefined,
  table: string,
  parts: readonly (DrizzleColumn | string)[],
  suffix: string,
  reading: Reading,
): string | undefined {
  const join = (name: (c: DrizzleColumn) => string) =>
    [table, ...parts.map((p) => (typeof p === "string" ? p : name(p))), suffix].join("_");
  return reading.casing && given === join((c) => c.name)
    ? join((c) => columnName(c, reading))
    : given;
}

function declareColumn(
  c: DrizzleColumn,
  reading: Reading,
): { column: Column; unique?: { name: string; columns: string[] } } {
  const name = columnName(c, reading);
  const { type, serial } = columnType(c, reading.dialect);
  const identity = c.generatedIdentity;
  const numbered = serial === true || c.autoIncrement === true;
  const serverDefault = defaultOf(c, type, reading);
  const options: Omit<Column, "name" | "type"> = {
    ...(c.primary
      ? { primaryKey: true }
      : c.notNull || numbered || identity
      ? { nullable: false }
      : {}),
    ...(serverDefault === undefined ? {} : { serverDefault }),
    ...(numbered ? { autoincrement: true } : {}),
    // retort numbers a lone integer key that says nothing; Drizzle numbers only what asks
    ...(!numbered && !identity && c.primary && isInteger(type) ? { autoincrement: false } : {}),
    ...(identity
      ? {
        identity: {
          always: identity.type === "always",
          ...numberOption("start", identity.sequenceOptions?.startWith),
          ...numberOption("increment", identity.sequenceOptions?.increment),
        },
      }
      : {}),
    ...(c.generated
      ? {
        computed: {
          sql: sqlText(expression(c.generated.as), reading),
          stored: c.generated.mode === "stored",
        },
      }
      : {}),
    ...(c.hasOnUpdateNow ? { onUpdate: sql(currentTimestamp(c.fsp)) } : {}),
  };
  // MySQL's SERIAL is BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE, the key named after the column
  const unique = serial && reading.dialect === "mysql" && !c.isUnique
    ? { name, columns: [name] }
    : undefined;
  return { column: t.column(name, type, options), ...(unique ? { unique } : {}) };
}

function foreignKey(table: string, fk: DrizzleForeignKey, reading: Reading): ForeignKeyInput {
  const { columns, foreignTable, foreignColumns } = fk.reference();
  const schema = foreignTable[symbols.schema] as string | undefined;
  const references = foreignTable[symbols.name] as string;
  return {
    name: keyName(fk.getName(), table, [...columns, references, ...foreignColumns], "fk", reading)!,
    columns: columns.map((c) => columnName(c, reading)),
    references,
    ...(schema === undefined ? {} : { referencesSchema: schema }),
    referencesColumns: foreignColumns.map((c) => columnName(c, reading)),
    ...action("onDelete", fk.onDelete),
    ...action("onUpdate", fk.onUpdate),
  };
}

function action(key: "onDelete" | "onUpdate", value: string | undefined) {
  // "no action" is every database's default
  return value === undefined || value === "no action"
    ? {}
    : { [key]: value.toUpperCase() as ReferentialAction };
}

function index(ix: DrizzleIndex, reading: Reading): IndexInput {
  const { name, columns, unique, where } = ix.config;
  const keys: IndexColumn[] = columns.map((c) => {
    if (isSql(c)) return sql(sqlText(c, reading));
    const column = c as {
      name: string;
      keyAsName?: boolean;
      indexConfig?: { order?: string; nulls?: string; opClass?: string };
    };
    const named = columnName(column, reading);
    const config = column.indexConfig;
    if (!config) return named;
    const descending = config.order === "desc";
    // PostgreSQL puts NULLs last ascending and first descending unless told otherwise
    const nulls = config.nulls === (descending ? "last" : "first")
      ? { nulls: config.nulls as "first" | "last" }
      : {};
    const opclass = config.opClass ? { opclass: config.opClass } : {};
    return descending || "nulls" in nulls || config.opClass
      ? { column: named, ...(descending ? { descending } : {}), ...nulls, ...opclass }
      : named;
  });
  return {
    ...(name ? { name } : {}),
    columns: keys,
    unique,
    ...(where ? { where: sqlText(where, reading) } : {}),
  };
}
