/** A column type as data; each dialect renders it to its own SQL. */
export type ColumnType =
  | { readonly name: "integer" | "smallint" | "bigint" | "boolean" | "text" | "real" | "double" }
  | { readonly name: "date" | "json" | "jsonb" | "uuid" | "bytes" }
  | { readonly name: "varchar" | "char"; readonly length?: number }
  | { readonly name: "numeric"; readonly precision?: number; readonly scale?: number }
  | {
    readonly name: "time" | "timestamp";
    readonly withTimezone: boolean;
    readonly precision?: number;
  }
  | {
    readonly name: "enum";
    readonly values: readonly string[];
    /** The type's name where enums are named types (PostgreSQL); default `<table>_<column>_enum`. */
    readonly enumName?: string;
  }
  | { readonly name: "raw"; readonly sql: string };
