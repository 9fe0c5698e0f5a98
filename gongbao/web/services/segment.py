"""Chinese word segmentation for the search index (jieba, no HMM).

Indexed text is cut in search mode: every dictionary word of a longer word
is emitted too (应急管理局 → 应急 管理 管理局 应急管理局), so a two-character
query such as 应急 finds the longer word. Queries are cut in precise mode.
Unit and person names from the knowledge base are added to the dictionary
before anything is cut, so a unit name is one searchable word.

One private `jieba.Tokenizer` is used (the global one is left alone);
building its prefix dictionary takes about half a second, once per process.
"""
from __future__ import annotations

import logging
import re
import threading
from typing import Iterable

import jieba

jieba.setLogLevel(logging.WARNING)

_lock = threading.RLock()
_tokenizer: jieba.Tokenizer | None = None
_known: set[str] = set()
_seen_ids: dict[str, int] = {}
_WORDLIKE = re.compile(r"\w")
# jieba only joins runs of these characters into words
_JIEBA_WORD = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+$")


def tokenizer() -> jieba.Tokenizer:
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                tok = jieba.Tokenizer()
                tok.initialize()
                _tokenizer = tok
    return _tokenizer


def add_words(words: Iterable[str]) -> int:
    """Add names to the dictionary; returns how many were new."""
    tok = tokenizer()
    added = 0
    with _lock:
        for word in words:
            word = (word or "").strip()
            if word in _known or not (2 <= len(word) <= 40) or not _JIEBA_WORD.match(word):
                continue
            tok.add_word(word)
            _known.add(word)
            added += 1
    return added


def load_vocabulary() -> int:
    """Add the unit, alias and person names stored since the last call."""
    from ..kb.models import Person, Unit, UnitAlias

    added = 0
    for model in (Unit, UnitAlias, Person):
        label = model._meta.label
        last = _seen_ids.get(label, 0)
        rows = list(model.objects.filter(pk__gt=last).order_by("pk").values_list("pk", "name"))
        if rows:
            added += add_words(name for _, name in rows)
            _seen_ids[label] = rows[-1][0]
    return added


def forget_vocabulary() -> None:
    """Re-read every name on the next `load_vocabulary` (after a database swap, in tests)."""
    _seen_ids.clear()


def _keep(word: str) -> bool:
    return bool(_WORDLIKE.search(word))


def segment(text: str) -> str:
    """Index form: search-mode words joined by spaces, lowercased."""
    if not text:
        return ""
    return " ".join(w for w in tokenizer().cut_for_search(text.lower(), HMM=False) if _keep(w))


def query_words(query: str) -> list[str]:
    """A query's words in precise mode, each once, in order."""
    out: list[str] = []
    for w in tokenizer().cut(query.lower(), HMM=False):
        w = w.strip()
        if _keep(w) and w not in out:
            out.append(w)
    return out
