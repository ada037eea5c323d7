import { definedOnly } from "../../schema/defined_only.ts";
import type { SchemaOption } from "../../schema/table_builder.ts";

/** `{ schema }` when one is given, else nothing. */
export function schemaOf(options?: SchemaOption): { schema?: string } {
  return definedOnly({ schema: options?.schema });
}

/** The `{ schema }` option of a rendered call, or nothing. */
export function schemaArg(op: { schema?: string }): { schema?: string } {
  return op.schema === undefined ? {} : { schema: op.schema };
}
