"""Facet and title words in the full-text index (SearchEntry.tags).

Each search entry gets a `tags` column: the words naming its facet values
and its title's words behind a prefix (services.segment.facet_words), so a
facet filter, and "the title matches", are words of the full-text query.
The existing entries' tags are computed here.

SQLite: the FTS5 table indexes body_seg and tags (a word of the title is
found as its prefixed form in tags); the table and its triggers are made
again and the index rebuilt from kb_searchentry.
PostgreSQL: the generated `tsv` column also holds the tags (weight D); its
statistics keep ten times the usual number of frequent words.
"""
from importlib import import_module

from django.db import migrations, models

VendorRunSQL = import_module("gongbao.web.kb.migrations.0002_search_index").VendorRunSQL

# the old index goes first, so filling the tags does not update it row by row
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS kb_searchentry_au",
    "DROP TRIGGER IF EXISTS kb_searchentry_ad",
    "DROP TRIGGER IF EXISTS kb_searchentry_ai",
    "DROP TABLE IF EXISTS kb_search_fts",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE kb_search_fts USING fts5(body_seg, tags, content='kb_searchentry', "
    "content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER kb_searchentry_ai AFTER INSERT ON kb_searchentry BEGIN "
    "INSERT INTO kb_search_fts(rowid, body_seg, tags) VALUES (new.id, new.body_seg, new.tags); END",
    "CREATE TRIGGER kb_searchentry_ad AFTER DELETE ON kb_searchentry BEGIN "
    "INSERT INTO kb_search_fts(kb_search_fts, rowid, body_seg, tags) "
    "VALUES ('delete', old.id, old.body_seg, old.tags); END",
    "CREATE TRIGGER kb_searchentry_au AFTER UPDATE ON kb_searchentry BEGIN "
    "INSERT INTO kb_search_fts(kb_search_fts, rowid, body_seg, tags) "
    "VALUES ('delete', old.id, old.body_seg, old.tags); "
    "INSERT INTO kb_search_fts(rowid, body_seg, tags) VALUES (new.id, new.body_seg, new.tags); END",
    "INSERT INTO kb_search_fts(kb_search_fts) VALUES ('rebuild')",
]
SQLITE_RESTORE = [
    "CREATE VIRTUAL TABLE kb_search_fts USING fts5(title_seg, body_seg, content='kb_searchentry', "
    "content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER kb_searchentry_ai AFTER INSERT ON kb_searchentry BEGIN "
    "INSERT INTO kb_search_fts(rowid, title_seg, body_seg) VALUES (new.id, new.title_seg, new.body_seg); END",
    "CREATE TRIGGER kb_searchentry_ad AFTER DELETE ON kb_searchentry BEGIN "
    "INSERT INTO kb_search_fts(kb_search_fts, rowid, title_seg, body_seg) "
    "VALUES ('delete', old.id, old.title_seg, old.body_seg); END",
    "CREATE TRIGGER kb_searchentry_au AFTER UPDATE ON kb_searchentry BEGIN "
    "INSERT INTO kb_search_fts(kb_search_fts, rowid, title_seg, body_seg) "
    "VALUES ('delete', old.id, old.title_seg, old.body_seg); "
    "INSERT INTO kb_search_fts(rowid, title_seg, body_seg) VALUES (new.id, new.title_seg, new.body_seg); END",
    "INSERT INTO kb_search_fts(kb_search_fts) VALUES ('rebuild')",
]

POSTGRES_DROP = [
    "DROP INDEX IF EXISTS kb_searchentry_tsv",
    "ALTER TABLE kb_searchentry DROP COLUMN IF EXISTS tsv",
]
POSTGRES_FORWARD = [
    "ALTER TABLE kb_searchentry ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', coalesce(title_seg, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce(body_seg, '')), 'B') || "
    "setweight(to_tsvector('simple', coalesce(tags, '')), 'D')) STORED",
    "CREATE INDEX kb_searchentry_tsv ON kb_searchentry USING gin (tsv)",
    # rare words (a title word, a narrow facet) estimated as rare: their matches are read from the
    # GIN index and sorted, not looked for along the primary key (a scan of the whole table)
    "ALTER TABLE kb_searchentry ALTER COLUMN tsv SET STATISTICS 1000",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS kb_searchentry_tsv",
    "ALTER TABLE kb_searchentry DROP COLUMN IF EXISTS tsv",
]
POSTGRES_RESTORE = [
    "ALTER TABLE kb_searchentry ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', coalesce(title_seg, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce(body_seg, '')), 'B')) STORED",
    "CREATE INDEX kb_searchentry_tsv ON kb_searchentry USING gin (tsv)",
]


def fill_tags(apps, schema_editor):
    """The tags of the entries stored before this migration."""
    from collections import defaultdict

    from gongbao.web.services.segment import facet_words

    SearchEntry = apps.get_model("kb", "SearchEntry")
    Responsibility = apps.get_model("kb", "Responsibility")
    last = 0
    while True:
        rows = list(SearchEntry.objects.filter(pk__gt=last).order_by("pk")
                    .values_list("pk", "kind", "document_id", "task_id", "issuer", "doc_type", "year",
                                 "title_seg")[:5000])
        if not rows:
            return
        last = rows[-1][0]
        doc_ids = {r[2] for r in rows}
        by_task, by_doc = defaultdict(list), defaultdict(list)
        for task_id, doc_id, unit_id, role in Responsibility.objects.filter(task__document_id__in=doc_ids) \
                .order_by("task_id", "order").values_list("task_id", "task__document_id", "unit_id", "role"):
            by_task[task_id].append((unit_id, role))
            by_doc[doc_id].append((unit_id, role))
        changed = []
        for pk, kind, doc_id, task_id, issuer, doc_type, year, title_seg in rows:
            resps = by_task.get(task_id, []) if kind == "task" else by_doc.get(doc_id, [])
            changed.append(SearchEntry(pk=pk, tags=facet_words(kind, year, issuer, doc_type, resps, title_seg)))
        SearchEntry.objects.bulk_update(changed, ["tags"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("kb", "0002_search_index")]

    operations = [
        VendorRunSQL("sqlite", SQLITE_DROP, SQLITE_RESTORE),
        VendorRunSQL("postgresql", POSTGRES_DROP, POSTGRES_RESTORE),
        migrations.AddField(model_name="searchentry", name="tags", field=models.TextField(blank=True, default="")),
        migrations.RunPython(fill_tags, migrations.RunPython.noop),
        VendorRunSQL("sqlite", SQLITE_FORWARD, SQLITE_DROP),
        VendorRunSQL("postgresql", POSTGRES_FORWARD, POSTGRES_BACKWARD),
    ]
