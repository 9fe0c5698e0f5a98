"""PostgreSQL: the character pairs of each search entry's printed text, for
the substring search (services/grams.py explains why).

A side table, not a column of kb_searchentry: the substring search reads
the ids of many candidate rows, and this table's rows are narrow. It goes
with its entry (ON DELETE CASCADE). The pairs of the entries already
stored are computed here, a thousand entries at a time. SQLite does not
need it (its substring search is fast enough at a million records).
"""
from importlib import import_module

from django.db import migrations

VendorRunSQL = import_module("gongbao.web.kb.migrations.0002_search_index").VendorRunSQL

FORWARD = [
    "CREATE TABLE kb_searchgrams (entry_id bigint PRIMARY KEY REFERENCES kb_searchentry (id) ON DELETE CASCADE, "
    "grams tsvector NOT NULL)",
    "CREATE INDEX kb_searchgrams_grams ON kb_searchgrams USING gin (grams)",
]
BACKWARD = ["DROP TABLE IF EXISTS kb_searchgrams"]

CHUNK = 1000


def fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from gongbao.web.services import grams

    with schema_editor.connection.cursor() as cur:
        last = 0
        while True:
            # each entry's printed text: a document's title, number and body; a task's
            # content, heading and its units as printed
            cur.execute(
                "SELECT e.id, d.title, d.doc_number, d.body FROM kb_searchentry e JOIN kb_document d "
                "ON d.id = e.document_id WHERE e.kind = 'document' AND e.id > %s ORDER BY e.id LIMIT %s",
                [last, CHUNK])
            docs = cur.fetchall()
            cur.execute(
                "SELECT e.id, t.content, t.heading, (SELECT string_agg(r.printed, ' ') FROM kb_responsibility r "
                "WHERE r.task_id = t.id) FROM kb_searchentry e JOIN kb_task t ON t.id = e.task_id "
                "WHERE e.kind = 'task' AND e.id > %s ORDER BY e.id LIMIT %s", [last, CHUNK])
            tasks = cur.fetchall()
            rows = sorted(docs + tasks)[:CHUNK]
            if not rows:
                return
            grams.insert(cur, [(row[0], grams.pairs(row[1:])) for row in rows])
            last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("kb", "0005_responsibility_unit_index")]

    operations = [
        VendorRunSQL("postgresql", FORWARD, BACKWARD),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
