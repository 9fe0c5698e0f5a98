"""The knowledge base's one service layer: pages, API and commands call these.

    ingest.py    ingest(path), ingest_paths(paths): extract, then store in one transaction per file
    store.py     store_extraction(dict, source_file): natural keys, update in place, search entries, citations
    segment.py   jieba word segmentation (unit and person names in the dictionary)
    search.py    full-text search with facets and highlighted snippets (SQLite FTS5 / PostgreSQL tsvector)
    tables.py    every list (columns, filters, sort) declared once
    export.py    a list as CSV, xlsx or JSON
    records.py   what a document, task, unit or person page shows; the API's detail bodies
    text.py      发文字号 normalisation, natural keys, dates
"""
