import { RetortError } from "../errors.ts";

/** An operation the database cannot carry out as asked, with the way around it. */
export class UnsupportedOperationError extends RetortError {
  constructor(message: string) {
    super("UNSUPPORTED_OPERATION", message);
    this.name = "UnsupportedOperationError";
  }
}
