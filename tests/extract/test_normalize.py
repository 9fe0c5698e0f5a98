"""deadlines.normalize: its fast paths give what the character-by-character map gives."""
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from gongbao.extract import deadlines as D


def _by_char(text: str):
    """NFKC char by char with white space removed, and each output char's source index."""
    norm, where = [], []
    for i, ch in enumerate(text):
        mapped = ch if ch.isascii() and not ch.isspace() else \
            "" if ch.isascii() else "".join(c for c in unicodedata.normalize("NFKC", ch) if not c.isspace())
        norm.append(mapped)
        where.extend([i] * len(mapped))
    return "".join(norm), list(where)


CHARS = list("年月日底前2023年６月底，（）：；、。“”—·…①⑩㎡½ﬁ 　\t\u00a0abcＡ\u302a\u0301e")


@given(st.text(st.sampled_from(CHARS), max_size=30) | st.text(max_size=20))
def test_normalize_is_nfkc_char_by_char(text):
    D.normalize.cache_clear()
    norm, where = D.normalize(text)
    assert (norm, list(where)) == _by_char(text)


def test_plain_characters_stay_and_full_width_ones_map_to_ascii():
    for code in range(0x110000):
        ch = chr(code)
        if D._PLAIN_OR_FULL_WIDTH.fullmatch(ch):
            form = unicodedata.normalize("NFKC", ch)
            assert form == (chr(code - 0xFEE0) if D._FULL_WIDTH.match(ch) else ch), hex(code)
