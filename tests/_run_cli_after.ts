// Runs a module first (a test's change to the process, e.g. a clock that runs ahead), then
// the CLI with the remaining arguments: `_run_cli_after.ts PRELOAD ARGS...`.
import process from "node:process";
import { pathToFileURL } from "node:url";

const [preload, ...args] = process.argv.slice(2);
await import(pathToFileURL(preload).href);
const { main } = await import("../cli.ts");
process.exitCode = await main(args);
