"""Alembic's side of scripts/bench/compare_schema.ts: the same declared schema as SQLAlchemy
MetaData (read from the JSON the bench writes), compared with the same database by
alembic.autogenerate.compare_metadata, types and server defaults compared.

    /usr/bin/python3 scripts/bench/alembic_compare.py URL KIND SCHEMA.json

Prints one line: the number of differences Alembic reports (retort reports none) and the
seconds spent reflecting and comparing. The bench times the whole process, start included.
"""
import json
import sys
import time

from sqlalchemy import (CHAR, JSON, BigInteger, Boolean, CheckConstraint, Column, Date,
                        DateTime, Enum, Float, ForeignKeyConstraint, Index, Integer,
                        LargeBinary, MetaData, REAL, Numeric, PrimaryKeyConstraint, SmallInteger,
                        String, Table, Text, Time, UniqueConstraint, create_engine, text)
from sqlalchemy.dialects import mysql, postgresql
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

url, kind, path = sys.argv[1:4]
# A chain of 500 foreign keys is deeper than SQLAlchemy's recursive table sort allows by default.
sys.setrecursionlimit(20000)


def column_type(t):
    name = t["name"]
    if name == "integer":
        return Integer()
    if name == "smallint":
        return SmallInteger()
    if name == "bigint":
        return BigInteger()
    if name == "boolean":
        return Boolean(create_constraint=False)
    if name == "text":
        return Text()
    if name == "varchar":
        return String(t.get("length"))
    if name == "char":
        return CHAR(t.get("length"))
    if name == "numeric":
        return Numeric(t.get("precision"), t.get("scale"))
    if name == "real":
        return mysql.FLOAT() if kind == "mysql" else REAL()
    if name == "double":
        return postgresql.DOUBLE_PRECISION() if kind == "postgres" else mysql.DOUBLE() if kind == "mysql" else Float(53)
    if name == "date":
        return Date()
    if name == "time":
        return Time()
    if name == "timestamp":
        return DateTime(timezone=t.get("withTimezone", False))
    if name == "json":
        return JSON()
    if name == "uuid":
        return postgresql.UUID() if kind == "postgres" else CHAR(36 if kind == "mysql" else 32)
    if name == "bytes":
        return LargeBinary()
    if name == "enum":
        return Enum(*t["values"], name=t.get("enumName"), create_constraint=False)
    raise ValueError(name)


def server_default(value):
    if value is None:
        return None
    if isinstance(value, dict):
        return text(value["sql"])
    if isinstance(value, bool):
        return text("true" if value else "false") if kind == "postgres" else text("1" if value else "0")
    if isinstance(value, str) and kind == "postgres":
        # Alembic 1.8 compares string defaults on PostgreSQL by running SELECT
        # '<reflected>'::text = '"<declared>"', which fails on a quote inside the string
        # (as it does on text('...') too): it gets the default without its quote.
        return value.replace("'", "")
    return str(value)


metadata = MetaData()
for table in json.load(open(path))["tables"]:
    parts = [
        Column(c["name"], column_type(c["type"]),
               nullable=c.get("nullable", not c.get("primaryKey", False)),
               server_default=server_default(c.get("serverDefault")),
               autoincrement=False)
        for c in table["columns"]
    ]
    if table.get("primaryKey"):
        parts.append(PrimaryKeyConstraint(*table["primaryKey"]["columns"], name=table["primaryKey"].get("name")))
    for fk in table["foreignKeys"]:
        parts.append(ForeignKeyConstraint(fk["columns"], [f"{fk['referencesTable']}.{c}" for c in fk["referencesColumns"]],
                                          name=fk.get("name"), ondelete=fk.get("onDelete")))
    for u in table["uniques"]:
        parts.append(UniqueConstraint(*u["columns"], name=u.get("name")))
    for ck in table["checks"]:
        parts.append(CheckConstraint(ck["condition"], name=ck.get("name")))
    t = Table(table["table"], metadata, *parts)
    for ix in table["indexes"]:
        Index(ix["name"], *[t.c[c] for c in ix["columns"]], unique=bool(ix.get("unique")))

engine = create_engine(url)
started = time.perf_counter()
with engine.connect() as conn:
    context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
    diffs = compare_metadata(context, metadata)
elapsed = time.perf_counter() - started
kinds = {}
for diff in diffs:
    first = diff[0] if isinstance(diff, tuple) else diff[0][0]
    kinds[first] = kinds.get(first, 0) + 1
said = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
print(f"{len(diffs)} differences ({said or 'none'}) in {elapsed:.2f} s")
if "--show" in sys.argv:
    for diff in diffs[:8]:
        print(diff, file=sys.stderr)
