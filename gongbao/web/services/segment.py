"""Chinese word segmentation for the search index (jieba, no HMM).

jieba's dictionary and algorithm run in Rust (rjieba, the jieba-rs binding:
the same dict.txt, the same words out, about ten times faster) when it is
installed, else in the pure-Python jieba; both are fed the same names.

Indexed text is cut in search mode: every dictionary word of a longer word
is emitted too (应急管理局 → 应急 管理 管理局 应急管理局), so a two-character
query such as 应急 finds the longer word. Queries are cut in precise mode.
Unit and person names from the knowledge base are added to the dictionary
before anything is cut, so a unit name is one searchable word.

One private tokenizer is used (the global one is left alone); building
its prefix dictionary takes about 0.1 s (rjieba) or 0.6 s (jieba), once
per process.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
import time
from typing import Iterable

try:
    import rjieba
except ImportError:         # pragma: no cover - the pure-Python jieba does the same, slower
    rjieba = None

_lock = threading.RLock()
_tokenizer = None
_known: set[str] = set()
_seen_ids: dict[str, int] = {}
_loaded_at = 0.0
_WORDLIKE = re.compile(r"\w")
_NOT_WORD = re.compile(r"(?<!\S)[^\w\s]+(?!\S)")       # a token without a letter or digit
# jieba only joins runs of these characters into words
_JIEBA_WORD = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+$")


class _Python:
    """The pure-Python jieba behind rjieba's interface."""

    def __init__(self):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.tok = jieba.Tokenizer()
        self.tok.initialize()

    def add_word(self, word: str, freq=None, tag=None) -> None:
        self.tok.add_word(word, freq, tag)

    def cut(self, text: str, hmm: bool = True) -> list[str]:
        return list(self.tok.cut(text, HMM=hmm))

    def cut_for_search(self, text: str, hmm: bool = True) -> list[str]:
        return list(self.tok.cut_for_search(text, HMM=hmm))


def engine() -> str:
    return "rjieba" if rjieba is not None else "jieba"


def tokenizer():
    """The tokenizer (rjieba.Jieba, or the pure-Python jieba behind the same methods)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                _tokenizer = rjieba.Jieba() if rjieba is not None else _Python()
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
            tok.add_word(word, None, None)
            _known.add(word)
            added += 1
    return added


def load_vocabulary(max_age: float = 0.0) -> int:
    """Add the unit, alias and person names stored since the last call (no
    look-up when the last one is less than `max_age` seconds old: a search
    passes a few seconds, so names another process stores just now are whole
    words of a query a moment later; a store passes none)."""
    global _loaded_at
    from django.db import connection

    from ..kb.models import Person, Unit, UnitAlias

    now = time.monotonic()
    if max_age and _seen_ids and now - _loaded_at < max_age:
        return 0
    _loaded_at = now
    models = (Unit, UnitAlias, Person)
    qn = connection.ops.quote_name
    # one query: each model's new names in id order, the models in this order (a word's frequency,
    # when added, depends on the words added before it)
    sql = " UNION ALL ".join(f"SELECT {i}, id, name FROM {qn(model._meta.db_table)} WHERE id > %s"
                             for i, model in enumerate(models))
    with connection.cursor() as cur:
        cur.execute(sql + " ORDER BY 1, 2", [_seen_ids.get(model._meta.label, 0) for model in models])
        rows = cur.fetchall()
    added = 0
    for i, model in enumerate(models):
        names = [(pk, name) for k, pk, name in rows if k == i]
        if names:
            added += add_words(name for _, name in names)
            _seen_ids[model._meta.label] = names[-1][0]
    return added


def forget_vocabulary() -> None:
    """Re-read every name on the next `load_vocabulary` (after a database swap, in tests)."""
    _seen_ids.clear()
    global _loaded_at
    _loaded_at = 0.0


def _keep(word: str) -> bool:
    return bool(_WORDLIKE.search(word))


def segment(text: str) -> str:
    """Index form: search-mode words joined by spaces, lowercased."""
    if not text:
        return ""
    tok = tokenizer()
    with _lock:              # rjieba's tokenizer must not be cut while a word is added
        words = tok.cut_for_search(text.lower(), False)
    # the words with a letter or digit (punctuation and spaces dropped), joined by one space
    return " ".join(_NOT_WORD.sub(" ", " ".join(words)).split())


def query_words(query: str) -> list[str]:
    """A query's words in precise mode, each once, in order."""
    out: list[str] = []
    tok = tokenizer()
    with _lock:
        words = tok.cut(query.lower(), False)
    for w in words:
        w = w.strip()
        if _keep(w) and w not in out:
            out.append(w)
    return out


# --- facet and title words ---------------------------------------------------
# Each search entry also indexes, in its own column `tags`, words that name
# its facet values (a document's kind, the year, issuer and 文种, and the
# unit and role of each responsibility of the task, or of any task of the
# document), so a facet filter is one more word of the full-text query and
# the index intersects them; and its title's words again behind a prefix,
# so "the title matches" is an index look-up too. Facet words are ASCII
# letters and digits behind "zz" (one token for FTS5's unicode61 and for
# PostgreSQL's parser); a query is never cut into one.

FACET_PREFIX = "zz"
TITLE_PREFIX = "zzt"
_PLAIN = re.compile(r"^[a-z0-9]{1,20}$")


@functools.lru_cache(maxsize=4096)
def _hashed(value: str) -> str:
    return "h" + hashlib.md5(value.encode()).hexdigest()[:15]


def title_word(word: str) -> str:
    return TITLE_PREFIX + word


@functools.lru_cache(maxsize=1024)
def role_word(role: str) -> str:
    return role if _PLAIN.match(role or "") else _hashed(role or "")


def facet_word(name: str, value) -> str:
    """The indexed word of one facet value: kind, year, issuer, doc_type, unit, role, or
    unit_role (value = (unit id, role))."""
    if name == "kind":          # only documents hold theirs: a task is "not a document"
        return f"{FACET_PREFIX}k{value}"
    if name == "year":
        return f"{FACET_PREFIX}y{int(value)}"
    if name == "issuer":
        return f"{FACET_PREFIX}i{_hashed(str(value))}"
    if name == "doc_type":
        return f"{FACET_PREFIX}t{_hashed(str(value))}"
    if name == "unit":
        return f"{FACET_PREFIX}u{int(value)}"
    if name == "role":
        return f"{FACET_PREFIX}r{role_word(str(value))}"
    if name == "unit_role":
        return f"{FACET_PREFIX}u{int(value[0])}r{role_word(str(value[1]))}"
    raise ValueError(name)


@functools.lru_cache(maxsize=4096)
def _record_words(kind: str, year, issuer: str, doc_type: str) -> list[str]:
    words = [facet_word("kind", kind)] if kind == "document" else []
    if year:
        words.append(facet_word("year", year))
    if issuer:
        words.append(facet_word("issuer", issuer))
    if doc_type:
        words.append(facet_word("doc_type", doc_type))
    return words


def facet_words(kind: str, year, issuer: str, doc_type: str, responsibilities, title_seg: str = "") -> str:
    """The `tags` of a search entry; `responsibilities`: (unit id, role) pairs;
    `title_seg`: its segmented title."""
    words = list(_record_words(kind, year, issuer, doc_type))
    words += dict.fromkeys(TITLE_PREFIX + w for w in title_seg.split())
    pairs = dict.fromkeys(responsibilities)
    words += dict.fromkeys(f"{FACET_PREFIX}u{int(u)}" for u, _ in pairs)
    words += dict.fromkeys(f"{FACET_PREFIX}r{role_word(r)}" for _, r in pairs)
    words += [f"{FACET_PREFIX}u{int(u)}r{role_word(r)}" for u, r in pairs]
    return " ".join(words)


_UNIT_TAG = re.compile(r"^zzu(\d+)$")


def parse_units_roles(tags: str) -> tuple[list[int], list[str]]:
    """The unit ids and role words in a search entry's `tags`."""
    units, roles = [], []
    for w in (tags or "").split():
        if w.startswith("zzu"):
            mo = _UNIT_TAG.match(w)
            if mo:
                units.append(int(mo.group(1)))
        elif w.startswith("zzr"):
            roles.append(w[3:])
    return units, roles
