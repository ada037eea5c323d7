#!/usr/bin/env bash
# The same binary built with `deno compile`, for machines that can download Deno's runtime
# (denort); the build machines of this project cannot, so `npm run build` uses Bun instead.
# Deno >= 2.8.2 binaries transpile the project's revision files at run time. `retort` imports
# in revision files resolve through the project's deno.json import map when one is present.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist/retort-deno}
mkdir -p "$(dirname "$out")"
exec npx deno compile -A --no-check --config deno.json \
  --include node_modules/@libsql \
  --output "$out" cli.ts
