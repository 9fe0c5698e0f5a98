"""The full-text index merges its segments less eagerly (SQLite).

FTS5 writes the words of each transaction (a stored file) as a new index
segment and merges segments of one level into the next once `automerge`
of them (default 4) are there; merging once 8 are there writes each
entry fewer times over an ingest, for a few more segments a query visits.
`crisismerge` (default 16: a level of that many segments is merged at
once) moves up with it. Both are settings kept in the index itself
(kb_search_fts_config). PostgreSQL: nothing to do.
"""
from importlib import import_module

from django.db import migrations

VendorRunSQL = import_module("gongbao.web.kb.migrations.0002_search_index").VendorRunSQL

FTS5_AUTOMERGE = 8
FTS5_CRISISMERGE = 32

SQLITE_FORWARD = [
    f"INSERT INTO kb_search_fts(kb_search_fts, rank) VALUES ('automerge', {FTS5_AUTOMERGE})",
    f"INSERT INTO kb_search_fts(kb_search_fts, rank) VALUES ('crisismerge', {FTS5_CRISISMERGE})",
]
SQLITE_BACKWARD = [
    "INSERT INTO kb_search_fts(kb_search_fts, rank) VALUES ('automerge', 4)",
    "INSERT INTO kb_search_fts(kb_search_fts, rank) VALUES ('crisismerge', 16)",
]


class Migration(migrations.Migration):
    dependencies = [("kb", "0003_search_tags")]

    operations = [VendorRunSQL("sqlite", SQLITE_FORWARD, SQLITE_BACKWARD)]
