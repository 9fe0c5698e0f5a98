"""Character pairs (bigrams) for the substring search on PostgreSQL.

A search for a string no indexed word holds (`患排`, the end of one word
and the start of the next; a part of a name) looks for the string as
printed. pg_trgm cannot serve strings of fewer than three characters, and
a scan of the newest rows takes seconds at a million records when the
string is rare. So each search entry also keeps the set of pairs of
adjacent letters/digits of its printed text (the fields the substring
search reads), as a tsvector in the side table `kb_searchgrams` with a GIN
index (migration 0006): a record that holds the string holds every pair of
it, so the index gives a small superset of the matches, which the
substring test then checks, newest first.

The pairs are taken as they are (no lowercasing, no parsing):
`array_to_tsvector` stores them and the query is written as quoted
lexemes, so stored and looked-for pairs are the same strings.
"""
from __future__ import annotations

import re
from typing import Iterable

_PAIR = re.compile(r"(?=(\w\w))")          # every pair, overlapping


def pairs(texts: Iterable[str]) -> list[str]:
    """The distinct pairs of adjacent word characters (letters, digits, CJK)
    in `texts`, in no particular order."""
    out: set[str] = set()
    for text in texts:
        if text:
            out.update(_PAIR.findall(text))
    return list(out)


def _lexeme(pair: str) -> str:
    return "'" + pair.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(text: str) -> str:
    """The tsquery text requiring every pair of `text` ("" when it has none:
    a single character, or no letters or digits)."""
    return " & ".join(_lexeme(p) for p in sorted(pairs([text])))


def insert(cursor, rows: list[tuple[int, list[str]]], per: int = 1000) -> None:
    """Store (search entry id, pairs) rows in kb_searchgrams, `per` a statement.
    A row's pairs travel as one space-separated string, split by the server
    (a pair holds no space): adapting a Python list as an array cost the
    client more than the rest of the row's store."""
    for i in range(0, len(rows), per):
        chunk = rows[i:i + per]
        cursor.execute("INSERT INTO kb_searchgrams (entry_id, grams) VALUES "
                       + ", ".join(["(%s, array_to_tsvector(string_to_array(%s, ' ')))"] * len(chunk)),
                       [v for entry_id, pairs in chunk for v in (entry_id, " ".join(pairs))])
