#!/usr/bin/env bash
# The main job, start to end, on an embedded SQLite file: build dist/retort, make a sample
# project with `retort init`, add two revisions, upgrade to head, print current and history.
# Run: npm run demo   (the project is left in ./demo-project for you to look at)
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
retort="$PWD/dist/retort"
rm -rf demo-project && mkdir demo-project && cd demo-project

"$retort" init
"$retort" revision -m "create users" --rev-id 1975ea83b712
"$retort" revision -m "add email to users" --rev-id ae1027a6acf2

# Fill in the two generated revision files, as you would in your editor.
first=$(ls migrations/versions/1975ea83b712_*.ts)
second=$(ls migrations/versions/ae1027a6acf2_*.ts)
sed -i 's|// write the schema change here, e.g. await op.addColumn(...)|await op.createTable("users", [\n    t.column("id", t.integer(), { primaryKey: true, autoincrement: true }),\n    t.column("name", t.varchar(100), { nullable: false }),\n  ]);|; s|// undo what upgrade() did|await op.dropTable("users");|' "$first"
sed -i 's|// write the schema change here, e.g. await op.addColumn(...)|await op.addColumn("users", t.column("email", t.varchar(255)));\n  await op.createIndex("users", "email", { unique: true });|; s|// undo what upgrade() did|await op.dropIndex("uq_users_email");\n  await op.dropColumn("users", "email");|' "$second"

"$retort" upgrade head
echo "--- retort current"
"$retort" current
echo "--- retort history"
"$retort" history
