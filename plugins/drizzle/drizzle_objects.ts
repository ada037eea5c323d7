/** What drizzle-orm puts on its tables and columns, read the way its `getTableConfig` reads it. */
/** The database a Drizzle table is for. */
export type DialectName = "postgres" | "mysql" | "sqlite";

export const entityKind = Symbol.for("drizzle:entityKind");
export const symbols = {
  name: Symbol.for("drizzle:Name"),
  schema: Symbol.for("drizzle:Schema"),
  columns: Symbol.for("drizzle:Columns"),
  extraConfigColumns: Symbol.for("drizzle:ExtraConfigColumns"),
  extraConfigBuilder: Symbol.for("drizzle:ExtraConfigBuilder"),
  isTable: Symbol.for("drizzle:IsDrizzleTable"),
  isAlias: Symbol.for("drizzle:IsAlias"),
  isPgEnum: Symbol.for("drizzle:isPgEnum"),
};
export const tableKinds: Record<string, DialectName> = {
  PgTable: "postgres",
  MySqlTable: "mysql",
  SQLiteTable: "sqlite",
};
export const inlineForeignKeys: Record<DialectName, symbol> = {
  postgres: Symbol.for("drizzle:PgInlineForeignKeys"),
  mysql: Symbol.for("drizzle:MySqlInlineForeignKeys"),
  sqlite: Symbol.for("drizzle:SQLiteInlineForeignKeys"),
};

/** The parts of drizzle-orm's objects read here (all of them Drizzle's own properties). */
export type DrizzleTable = Record<symbol, unknown>;
export interface DrizzleSql {
  toQuery(config: Record<string, unknown>): { sql: string };
}
export interface DrizzleColumn {
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
export interface NamedColumns {
  readonly name?: string;
  readonly columns: readonly DrizzleColumn[];
  getName?(): string;
}
export interface DrizzleForeignKey {
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
export interface DrizzleIndex {
  readonly config: {
    readonly name?: string;
    readonly columns: readonly unknown[];
    readonly unique: boolean;
    readonly where?: DrizzleSql;
  };
}
export interface TableConfig {
  readonly indexes: DrizzleIndex[];
  readonly checks: { readonly name: string; readonly value: DrizzleSql }[];
  readonly uniques: NamedColumns[];
  readonly primaryKeys: NamedColumns[];
  readonly foreignKeys: DrizzleForeignKey[];
}

/** How one module's tables are read: their database and Drizzle's casing. */
export interface Reading {
  readonly dialect: DialectName;
  readonly casing?: "snake_case" | "camelCase";
}

export function isTable(value: unknown): value is DrizzleTable {
  return typeof value === "object" && value !== null && symbols.isTable in value &&
    (value as DrizzleTable)[symbols.isAlias] !== true &&
    entityKinds(value).some((k) => k in tableKinds);
}

export function isPgEnum(
  value: unknown,
): value is { enumName: string; enumValues: string[]; schema?: string } {
  return typeof value === "function" &&
    (value as unknown as Record<symbol, unknown>)[symbols.isPgEnum] === true;
}

/** The Drizzle class names of an object, its own first (what drizzle-orm's `is()` walks). */
export function entityKinds(value: object): string[] {
  const kinds: string[] = [];
  for (let c = value.constructor; c; c = Object.getPrototypeOf(c)) {
    const kind = (c as unknown as Record<symbol, unknown>)[entityKind];
    if (typeof kind === "string") kinds.push(kind);
  }
  return kinds;
}

export function dialectOf(table: DrizzleTable): DialectName {
  return tableKinds[entityKinds(table).find((k) => k in tableKinds)!];
}

/** What `getTableConfig` gathers from the table's third argument, built as it builds it. */
export function tableConfig(drizzleTable: DrizzleTable): TableConfig {
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

export function isSql(value: unknown): value is DrizzleSql {
  return typeof value === "object" && value !== null && entityKinds(value).includes("SQL");
}

/** A generated column's `as`: SQL, a function returning it, or a plain value. */
export function expression(as: unknown): DrizzleSql {
  const value = typeof as === "function" ? as() : as;
  return isSql(value) ? value : { toQuery: () => ({ sql: String(value) }) };
}

/**
 * The SQL text of a Drizzle `sql` fragment, by Drizzle's own `toQuery` with values inlined
 * and columns unqualified (as in an index), quoted for the database.
 */
export function sqlText(fragment: DrizzleSql, reading: Reading): string {
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

/** A column's name in the database: as given, or its key in Drizzle's `casing`. */
export function columnName(
  column: { name: string; keyAsName?: boolean },
  reading: Reading,
): string {
  if (!column.keyAsName || !reading.casing) return column.name;
  const words =
    column.name.replace(/['\u2019]/g, "").match(/[\da-z]+|[A-Z]+(?![a-z])|[A-Z][\da-z]+/g) ?? [];
  return reading.casing === "snake_case"
    ? words.map((w) => w.toLowerCase()).join("_")
    : words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1))).join("");
}
