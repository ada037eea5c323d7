/** A column type as data; each dialect renders it to its own SQL. */
export type ColumnType =
  | { readonly name: "integer" | "smallint" | "bigint" | "boolean" | "text" | "real" | "double" }
  | { readonly name: "date" | "time" | "json" | "jsonb" | "uuid" | "bytes" }
  | { readonly name: "varchar" | "char"; readonly length?: number }
  | { readonly name: "numeric"; readonly precision?: number; readonly scale?: number }
  | { readonly name: "timestamp"; readonly withTimezone: boolean }
  | { readonly name: "raw"; readonly sql: string };
