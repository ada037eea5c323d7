"""Alembic side of the retort conformance check (see run.ts).

Runs Alembic commands through ``alembic.command`` / ``ScriptDirectory`` in ONE python
process and prints one JSON result per command. Run with Debian's python3 (Alembic 1.8):

  /usr/bin/python3 alembic_driver.py PROJECT_DIR 'upgrade heads' 'downgrade -1' ...
      runs the commands in order on PROJECT_DIR (alembic.ini there), prints a JSON list
  /usr/bin/python3 alembic_driver.py --serve
      reads JSON lines {"dir": ..., "command": "upgrade heads"} (or {"dir": ..., "reset": true},
      which deletes db.sqlite) from stdin, answers one JSON line each (used by run.ts)

A result is {"ok": true|false, "error": str|None, "steps": [[rev, "upgrade"|"downgrade"]],
"rows": [sorted alembic_version rows], "out": [ids printed by heads/current] | None, "warnings": [Alembic's warnings]}.
The project's env.py appends applied steps to config.attributes["steps"] through an
on_version_apply callback.
"""
import json
import logging
import os
import sqlite3
import sys
import traceback
import warnings

from alembic import command
from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.script import ScriptDirectory
from alembic.script.base import Script

logging.disable(logging.CRITICAL)

# Alembic 1.8 lists the versions folder with a bare os.listdir(), so the order of its
# revision map (and every tie-break in its step ordering) follows the filesystem. retort
# reads its files sorted by name; sort here too so both sides see the same order.
_list_py_dir = Script._list_py_dir.__func__
Script._list_py_dir = classmethod(lambda cls, sd, path: sorted(_list_py_dir(cls, sd, path)))


def read_rows(db):
    if not os.path.exists(db):
        return []
    con = sqlite3.connect(db)
    try:
        try:
            rows = [r[0] for r in con.execute("SELECT version_num FROM alembic_version")]
        except sqlite3.OperationalError:
            rows = []
    finally:
        con.close()
    return sorted(rows)


def make_config(project):
    cfg = Config(os.path.join(project, "alembic.ini"))
    cfg.attributes["steps"] = []
    return cfg


def run_one(project, line):
    words = line.split()
    name, args = words[0], words[1:]
    cfg = make_config(project)
    out = None
    result = {"ok": True, "error": None}
    cwd = os.getcwd()
    os.chdir(project)
    caught = warnings.catch_warnings(record=True)
    seen = caught.__enter__()
    warnings.simplefilter("always")
    try:
        if name == "upgrade":
            command.upgrade(cfg, args[0])
        elif name == "downgrade":
            command.downgrade(cfg, args[0])
        elif name == "stamp":
            command.stamp(cfg, args if len(args) > 1 else args[0])
        elif name == "heads":
            # as command.heads does (without --resolve-dependencies)
            script = ScriptDirectory.from_config(cfg)
            out = [r.revision for r in script.get_revisions(script.get_heads())]
        elif name == "current":
            # as command.current does, collecting instead of printing
            script = ScriptDirectory.from_config(cfg)
            collected = []

            def display_version(rev, context):
                for r in script.get_all_current(rev):
                    collected.append(r.revision)
                return []

            with EnvironmentContext(cfg, script, fn=display_version, dont_mutate=True):
                script.run_env()
            out = collected
        else:
            raise ValueError("unknown command " + name)
    except Exception as e:  # noqa: BLE001 - any failure is "the command failed"
        result["ok"] = False
        result["error"] = "%s: %s" % (type(e).__name__, e)
        if os.environ.get("CONFORMANCE_DEBUG"):
            traceback.print_exc(file=sys.stderr)
    finally:
        caught.__exit__(None, None, None)
        os.chdir(cwd)
    result["warnings"] = [str(w.message) for w in seen]
    result["steps"] = cfg.attributes["steps"]
    result["rows"] = read_rows(os.path.join(project, "db.sqlite"))
    result["out"] = out
    return result


def serve():
    for raw in sys.stdin:
        raw = raw.strip()
        if not raw:
            continue
        req = json.loads(raw)
        if req.get("reset"):
            db = os.path.join(req["dir"], "db.sqlite")
            if os.path.exists(db):
                os.remove(db)
            res = {"ok": True}
        else:
            res = run_one(req["dir"], req["command"])
        sys.stdout.write(json.dumps(res) + "\n")
        sys.stdout.flush()


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--serve":
        serve()
        return
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    project = os.path.abspath(sys.argv[1])
    results = []
    for line in sys.argv[2:]:
        res = run_one(project, line)
        res["command"] = line
        results.append(res)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
