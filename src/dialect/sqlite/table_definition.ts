import { sameName } from "./same_name.ts";

export { sameName };

/**
 * A SQLite table's full definition as read from `sqlite_master`, keeping the original text of
 * every column clause and table constraint, so that what retort does not model (collations,
 * ON CONFLICT clauses, comments inside a CHECK) survives a rebuild unchanged.
 *
 * @example
 * ```ts
 * const table = parseCreateTable(`CREATE TABLE t (id INTEGER PRIMARY KEY, CHECK (id > 0))`);
 * table.constraints[0].text; // "CHECK (id > 0)"
 * ```
 */
export interface TableDefinition {
  readonly name: string;
  readonly columns: readonly ColumnDefinition[];
  readonly constraints: readonly TableConstraint[];
  /** What follows the closing parenthesis: `WITHOUT ROWID`, `STRICT`, or "". */
  readonly options: string;
  /** `CREATE INDEX` statements on the table (not the automatic ones of UNIQUE/PRIMARY KEY). */
  readonly indexes: readonly SchemaObject[];
  /** Triggers on the table, and triggers on other tables whose body mentions it. */
  readonly triggers: readonly SchemaObject[];
  /** Views that mention the table, and the views built on those, in creation order. */
  readonly views: readonly SchemaObject[];
}

/** An index, trigger or view: its name and the SQL that creates it. */
export interface SchemaObject {
  readonly name: string;
  readonly sql: string;
}

/** One column: its name as written, its declared type, and its clauses in order. */
export interface ColumnDefinition {
  readonly name: string;
  /** The name as written in the CREATE TABLE (quoted or bare). */
  readonly nameText: string;
  /** The declared type as written ("" when there is none). */
  readonly type: string;
  readonly clauses: readonly ColumnClause[];
}

/** A column constraint or option, with its original text (including `CONSTRAINT name`). */
export interface ColumnClause {
  readonly kind:
    | "primaryKey"
    | "notNull"
    | "null"
    | "unique"
    | "check"
    | "default"
    | "collate"
    | "references"
    | "generated";
  readonly name?: string;
  readonly text: string;
}

/** A table constraint with its original text and the columns of this table it uses. */
export interface TableConstraint {
  readonly kind: "primaryKey" | "unique" | "check" | "foreignKey";
  readonly name?: string;
  /** Columns of this table: the key's columns, or the identifiers a CHECK mentions. */
  readonly columns: readonly string[];
  /** For a foreign key: the table it references. */
  readonly referencesTable?: string;
  readonly text: string;
}

/** True when the column is computed (`GENERATED ALWAYS AS` / `AS`): it is never copied. */
export function isGenerated(column: ColumnDefinition): boolean {
  return column.clauses.some((c) => c.kind === "generated");
}

/** The column of `table` named `name` (case-insensitive, as SQLite compares names). */
export function findColumn(
  table: Pick<TableDefinition, "columns">,
  name: string,
): ColumnDefinition | undefined {
  return table.columns.find((c) => sameName(c.name, name));
}

