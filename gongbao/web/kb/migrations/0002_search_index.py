"""The full-text index over kb_searchentry (segmented words, space-separated).

SQLite: an FTS5 table with tokenize='unicode61', external content
(kb_searchentry), kept in sync by triggers.
PostgreSQL: a generated tsvector column (to_tsvector('simple', ...), title
weighted A) with a GIN index, and pg_trgm trigram indexes on the segmented
text for substring look-ups.
"""
from django.db import migrations


class VendorRunSQL(migrations.RunSQL):
    """RunSQL that only runs on one database vendor."""

    def __init__(self, vendor, *args, **kwargs):
        self.vendor = vendor
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, *args], kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


SQLITE_FORWARD = [
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
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS kb_searchentry_au",
    "DROP TRIGGER IF EXISTS kb_searchentry_ad",
    "DROP TRIGGER IF EXISTS kb_searchentry_ai",
    "DROP TABLE IF EXISTS kb_search_fts",
]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE kb_searchentry ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', coalesce(title_seg, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce(body_seg, '')), 'B')) STORED",
    "CREATE INDEX kb_searchentry_tsv ON kb_searchentry USING gin (tsv)",
    "CREATE INDEX kb_searchentry_title_trgm ON kb_searchentry USING gin (title_seg gin_trgm_ops)",
    "CREATE INDEX kb_document_title_trgm ON kb_document USING gin (title gin_trgm_ops)",
    "CREATE INDEX kb_task_content_trgm ON kb_task USING gin (content gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS kb_task_content_trgm",
    "DROP INDEX IF EXISTS kb_document_title_trgm",
    "DROP INDEX IF EXISTS kb_searchentry_title_trgm",
    "DROP INDEX IF EXISTS kb_searchentry_tsv",
    "ALTER TABLE kb_searchentry DROP COLUMN IF EXISTS tsv",
]


class Migration(migrations.Migration):
    dependencies = [("kb", "0001_initial")]

    operations = [
        VendorRunSQL("sqlite", SQLITE_FORWARD, SQLITE_BACKWARD),
        VendorRunSQL("postgresql", POSTGRES_FORWARD, POSTGRES_BACKWARD),
    ]
