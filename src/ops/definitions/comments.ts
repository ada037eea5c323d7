import { definedOnly } from "../../schema/defined_only.ts";
import type { SchemaOption } from "../../schema/table_builder.ts";
import type { CreateTableCommentOp, DropTableCommentOp } from "../op.ts";
import type { OperationDefinition } from "../operation_definition.ts";
import { tsCall, tsValue } from "../render_ts.ts";
import { schemaArg, schemaOf } from "./_place.ts";

/** A comment operation's options: the comment it replaces, for the downgrade. */
export type CommentOptions = SchemaOption & { readonly existingComment?: string };

/** `op.createTableComment(table, comment, { existingComment, schema })`. */
export const createTableComment: OperationDefinition<
  CreateTableCommentOp,
  [string, string, CommentOptions?]
> = {
  name: "createTableComment",
  build: (table, comment, options = {}) => ({
    table,
    comment,
    ...schemaOf(options),
    ...definedOnly({ existingComment: options.existingComment }),
  }),
  toSql: (op, dialect) => dialect.setTableComment(op, op.comment),
  reverse: (op) =>
    op.existingComment === undefined
      ? { kind: "dropTableComment", table: op.table, ...schemaArg(op), existingComment: op.comment }
      : {
        kind: "createTableComment",
        table: op.table,
        ...schemaArg(op),
        comment: op.existingComment,
        existingComment: op.comment,
      },
  render: (op) =>
    tsCall("createTableComment", [
      JSON.stringify(op.table),
      JSON.stringify(op.comment),
      tsValue({ existingComment: op.existingComment, ...schemaArg(op) }),
    ]),
};

/** `op.dropTableComment(table, { existingComment, schema })`. */
export const dropTableComment: OperationDefinition<DropTableCommentOp, [string, CommentOptions?]> =
  {
    name: "dropTableComment",
    build: (table, options = {}) => ({
      table,
      ...schemaOf(options),
      ...definedOnly({ existingComment: options.existingComment }),
    }),
    toSql: (op, dialect) => dialect.setTableComment(op, null),
    reverse: (op) =>
      op.existingComment === undefined
        ? undefined
        : {
          kind: "createTableComment",
          table: op.table,
          ...schemaArg(op),
          comment: op.existingComment,
        },
    render: (op) =>
      tsCall("dropTableComment", [
        JSON.stringify(op.table),
        tsValue({ existingComment: op.existingComment, ...schemaArg(op) }),
      ]),
  };
