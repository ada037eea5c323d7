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
  ColumnType,
  EnumType,
  IndexColumn,
  Plugin,
  ReferentialAction,
  SchemaDeclaration,
  TableDeclaration,
} from "retort";

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

/** The database a Drizzle table is for. */
type DialectName = "postgres" | "mysql" | "sqlite";

const entityKind = Symbol.for("drizzle:entityKind");
const symbols = {
  name: Symbol.for("drizzle:Name"),
  schema: Symbol.for("drizzle:Schema"),
  columns: Symbol.for("drizzle:Columns"),
  extraConfigColumns: Symbol.for("drizzle:ExtraConfigColumns"),
  extraConfigBuilder: Symbol.for("drizzle:ExtraConfigBuilder"),
  isTable: Symbol.for("drizzle:IsDrizzleTable"),
  isAlias: Symbol.for("drizzle:IsAlias"),
  isPgEnum: Symbol.for("drizzle:isPgEnum"),
};
const tableKinds: Record<string, DialectName> = {
  PgTable: "postgres",
  MySqlTable: "mysql",
  SQLiteTable: "sqlite",
};
const inlineForeignKeys: Record<DialectName, symbol> = {
  postgres: Symbol.for("drizzle:PgInlineForeignKeys"),
  mysql: Symbol.for("drizzle:MySqlInlineForeignKeys"),
  sqlite: Symbol.for("drizzle:SQLiteInlineForeignKeys"),
};

/** The parts of drizzle-orm's objects read here (all of them Drizzle's own properties). */
type DrizzleTable = Record<symbol, unknown>;
interface DrizzleSql {
  toQuery(config: Record<string, unknown>): { sql: string };
}
interface DrizzleColumn {
  readonly name: string;
  readonly keyAsName?: boolean;
  readonly table: DrizzleTable;
  readonly notNull: boolean;
  readonly primary: boolean;
  readonly default?: unknown;
  readonly isUnique: boolean;
  readonly uniqueName?: string;
  readonly columnType: string;
  readonly enumValues?: readonly string[];
  readonly enum?: { readonly enumName: string };
  readonly autoIncrement?: boolean;
  readonly hasOnUpdateNow?: boolean;
  readonly fsp?: number;
  readonly generated?: { readonly as: unknown; readonly mode?: string };
  readonly generatedIdentity?: {
    readonly type: "always" | "byDefault";
    readonly sequenceOptions?: {
      readonly startWith?: number | string;
      readonly increment?: number | string;
    };
  };
  getSQLType(): string;
  mapToDriverValue(value: unknown): unknown;
}
interface NamedColumns {
  readonly name?: string;
  readonly columns: readonly DrizzleColumn[];
  getName?(): string;
}
interface DrizzleForeignKey {
  reference(): {
    readonly name?: string;
    readonly columns: readonly DrizzleColumn[];
    readonly foreignTable: DrizzleTable;
    readonly foreignColumns: readonly DrizzleColumn[];
  };
  readonly onDelete?: string;
  readonly onUpdate?: string;
  getName(): string;
}
interface DrizzleIndex {
  readonly config: {
    readonly name?: string;
    readonly columns: readonly unknown[];
    readonly unique: boolean;
    readonly where?: DrizzleSql;
  };
}
interface TableConfig {
  readonly indexes: DrizzleIndex[];
  readonly checks: { readonly name: string; readonly value: DrizzleSql }[];
  readonly uniques: NamedColumns[];
  readonly primaryKeys: NamedColumns[];
  readonly foreignKeys: DrizzleForeignKey[];
}

/** How one module's tables are read: their database and Drizzle's casing. */
interface Reading {
  readonly dialect: DialectName;
  readonly casing?: DrizzleOptions["casing"];
}

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

function isTable(value: unknown): value is DrizzleTable {
  return typeof value === "object" && value !== null && symbols.isTable in value &&
    (value as DrizzleTable)[symbols.isAlias] !== true &&
    entityKinds(value).some((k) => k in tableKinds);
}

function isPgEnum(
  value: unknown,
): value is { enumName: string; enumValues: string[]; schema?: string } {
  return typeof value === "function" &&
    (value as unknown as Record<symbol, unknown>)[symbols.isPgEnum] === true;
}

/** The Drizzle class names of an object, its own first (what drizzle-orm's `is()` walks). */
function entityKinds(value: object): string[] {
  const kinds: string[] = [];
  for (let c = value.constructor; c; c = Object.getPrototypeOf(c)) {
    const kind = (c as unknown as Record<symbol, unknown>)[entityKind];
    if (typeof kind === "string") kinds.push(kind);
  }
  return kinds;
}

function dialectOf(table: DrizzleTable): DialectName {
  return tableKinds[entityKinds(table).find((k) => k in tableKinds)!];
}

/** What `getTableConfig` gathers from the table's third argument, built as it builds it. */
function tableConfig(drizzleTable: DrizzleTable): TableConfig {
  const config: TableConfig = {
    indexes: [],
    checks: [],
    uniques: [],
    primaryKeys: [],
    foreignKeys: [],
  };
  const extra = drizzleTable[symbols.extraConfigBuilder] as
    | ((columns: unknown) => unknown)
    | undefined;
  if (!extra) return config;
  // PostgreSQL hands the builder its own column objects (with .asc(), .op(), ...)
  const built = extra(drizzleTable[symbols.extraConfigColumns] ?? drizzleTable[symbols.columns]);
  const builders = (Array.isArray(built) ? built.flat(1) : Object.values(built as object))
    .filter(Boolean);
  const lists: [string, unknown[]][] = [
    ["IndexBuilder", config.indexes],
    ["CheckBuilder", config.checks],
    ["UniqueConstraintBuilder", config.uniques],
    ["PrimaryKeyBuilder", config.primaryKeys],
    ["ForeignKeyBuilder", config.foreignKeys],
  ];
  for (const builder of builders as { build(table: DrizzleTable): unknown }[]) {
    const kind = entityKinds(builder)[0] ?? ""; // "PgIndexBuilder", "SQLiteCheckBuilder", ...
    lists.find(([suffix]) => kind.endsWith(suffix))?.[1].push(builder.build(drizzleTable));
  }
  return config;
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

function numberOption(key: "start" | "increment", value: number | string | undefined) {
  return value === undefined ? {} : { [key]: Number(value) };
}

function isInteger(type: ColumnType): boolean {
  return type.name === "integer" || type.name === "smallint" || type.name === "bigint";
}

/** SQL type names that are one `t.*` type when written without a size. */
const plainTypes: Record<DialectName, Readonly<Record<string, () => ColumnType>>> = {
  postgres: {
    integer: t.integer,
    smallint: t.smallint,
    bigint: t.bigint,
    boolean: t.boolean,
    text: t.text,
    real: t.real,
    "double precision": t.double,
    date: t.date,
    json: t.json,
    jsonb: t.jsonb,
    uuid: t.uuid,
    bytea: t.bytes,
  },
  mysql: {
    int: t.integer,
    smallint: t.smallint,
    bigint: t.bigint,
    boolean: t.boolean,
    text: t.text,
    real: t.double, // MySQL's REAL is DOUBLE
    double: t.double,
    float: t.real, // which retort writes FLOAT there
    date: t.date,
    json: t.json,
  },
  // SQLite keeps a type as written: only Drizzle's own words, so a drizzle-kit database matches
  sqlite: { integer: t.integer, text: t.text, real: t.real, numeric: t.numeric, blob: t.bytes },
};

const postgresSerials: Readonly<Record<string, () => ColumnType>> = {
  serial: t.integer,
  smallserial: t.smallint,
  bigserial: t.bigint,
};

/**
 * The `t.*` type of a column, from the SQL type Drizzle writes for it (`getSQLType()`) in
 * the database's terms; anything else passes through as `t.raw(<Drizzle's SQL>)`. `serial`:
 * the type numbers its rows (PostgreSQL's serials, MySQL's SERIAL).
 */
function columnType(
  c: DrizzleColumn,
  dialect: DialectName,
): { type: ColumnType; serial?: boolean } {
  const written = c.getSQLType();
  if (c.enumValues && c.columnType.includes("Enum") && dialect !== "sqlite") {
    return {
      type: t.enum(c.enumValues, dialect === "postgres" && c.enum ? { name: c.enum.enumName } : {}),
    };
  }
  const m = /^([a-z ]+?)\s*(?:\((\d+)(?:,\s*(\d+))?\))?( with time zone)?$/i.exec(written.trim());
  if (!m) return { type: t.raw(written) };
  const base = m[1].toLowerCase();
  const size = m[2] === undefined ? undefined : Number(m[2]);
  const scale = m[3] === undefined ? undefined : Number(m[3]);
  const tz = m[4] !== undefined;
  const precision = size === undefined ? {} : { precision: size };
  if (size === undefined && !tz && Object.hasOwn(plainTypes[dialect], base)) {
    return { type: plainTypes[dialect][base]() };
  }
  if (dialect === "postgres") {
    if (size === undefined && Object.hasOwn(postgresSerials, base)) {
      return { type: postgresSerials[base](), serial: true };
    }
    if (base === "time") return { type: t.time({ tz, ...precision }) };
    if (base === "timestamp") return { type: t.timestamp({ tz, ...precision }) };
  }
  if (dialect === "mysql") {
    if (base === "serial") return { type: t.raw("bigint unsigned"), serial: true };
    if (base === "decimal") return { type: t.numeric(size, scale) };
    if (base === "time") return { type: t.time(precision) };
    if (base === "datetime") return { type: t.timestamp(precision) };
    if (base === "timestamp") return { type: t.timestamp({ tz: true, ...precision }) };
  }
  if (dialect !== "sqlite" && !tz) {
    if (base === "varchar" || base === "char") return { type: t[base](size) };
    if (base === "numeric") return { type: t.numeric(size, scale) };
  }
  return { type: t.raw(written) };
}

/**
 * The server default of `.default(value)`: a literal as Drizzle would send it (`$defaultFn`
 * runs in the client and is no server default), `sql` as its text, `defaultNow()` as
 * CURRENT_TIMESTAMP.
 */
function defaultOf(c: DrizzleColumn, type: ColumnType, reading: Reading): Column["serverDefault"] {
  const value = c.default;
  if (value === undefined || value === null) return undefined;
  if (isSql(value)) {
    const text = sqlText(value, reading);
    return sql(
      /^\(?\s*now\(\)\s*\)?$/i.test(text)
        ? currentTimestamp(reading.dialect === "mysql" ? c.fsp : undefined)
        : text,
    );
  }
  if (typeof value === "bigint") return sql(String(value));
  const stored = c.mapToDriverValue(value);
  if (value instanceof Date && typeof stored === "string") {
    const iso = value.toISOString();
    return type.name === "date"
      ? iso.slice(0, 10)
      : iso.slice(0, 23).replace("T", " ").replace(/\.000$/, "");
  }
  if (typeof stored === "string" || typeof stored === "number" || typeof stored === "boolean") {
    return stored;
  }
  if (typeof stored === "bigint") return sql(String(stored));
  if (isSql(stored)) return sql(sqlText(stored, reading));
  throw new Error(
    `column ${c.name}: cannot write its default ${String(value)} as SQL; use sql\`...\``,
  );
}

function currentTimestamp(fsp?: number): string {
  return fsp ? `CURRENT_TIMESTAMP(${fsp})` : "CURRENT_TIMESTAMP";
}

function isSql(value: unknown): value is DrizzleSql {
  return typeof value === "object" && value !== null && entityKinds(value).includes("SQL");
}

/** A generated column's `as`: SQL, a function returning it, or a plain value. */
function expression(as: unknown): DrizzleSql {
  const value = typeof as === "function" ? as() : as;
  return isSql(value) ? value : { toQuery: () => ({ sql: String(value) }) };
}

/**
 * The SQL text of a Drizzle `sql` fragment, by Drizzle's own `toQuery` with values inlined
 * and columns unqualified (as in an index), quoted for the database.
 */
function sqlText(fragment: DrizzleSql, reading: Reading): string {
  const quote = reading.dialect === "mysql" ? "`" : '"';
  return fragment.toQuery({
    escapeName: (name: string) => `${quote}${name.replaceAll(quote, quote + quote)}${quote}`,
    escapeParam: () => "?",
    escapeString: (text: string) =>
      `'${
        (reading.dialect === "mysql" ? text.replaceAll("\\", "\\\\") : text).replaceAll("'", "''")
      }'`,
    casing: { getColumnCasing: (column: DrizzleColumn) => columnName(column, reading) },
    inlineParams: true,
    invokeSource: "indexes",
  }).sql;
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

/** A column's name in the database: as given, or its key in Drizzle's `casing`. */
function columnName(column: { name: string; keyAsName?: boolean }, reading: Reading): string {
  if (!column.keyAsName || !reading.casing) return column.name;
  const words =
    column.name.replace(/['\u2019]/g, "").match(/[\da-z]+|[A-Z]+(?![a-z])|[A-Z][\da-z]+/g) ?? [];
  return reading.casing === "snake_case"
    ? words.map((w) => w.toLowerCase()).join("_")
    : words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1))).join("");
}
