"""Property tests on the text stages: no crash on any input; cleaning is idempotent."""
from hypothesis import given, settings
from hypothesis import strategies as st

from gongbao.errors import InputError
from gongbao.extract.decode import decode_bytes
from gongbao.extract.furniture import strip_furniture
from gongbao.extract.lines import clean_text, to_lines
from gongbao.extract.reflow import tidy
from gongbao.extract.segment import split_documents
from gongbao.extract.units import read_roles, split_bodies

# Text made of the characters gazettes are made of, so the stages get exercised.
ALPHABET = st.sampled_from(list("关于的通知市县区局委办政府人民牵头配合落实负责、，。：（）〔〕号年月日一二三四五六七八九十0123456789 \n\t\u3000—-附件此件公开发布公报序号任务责任单位"))
gazette_text = st.text(ALPHABET, max_size=400) | st.text(max_size=200)


@given(st.binary(max_size=300))
def test_decode_never_crashes(data):
    try:
        text = decode_bytes(data, "x")
    except InputError as exc:
        assert str(exc).startswith("x: ")
    else:
        assert isinstance(text, str)


@given(gazette_text)
def test_clean_text_and_tidy_are_idempotent(text):
    assert clean_text(clean_text(text)) == clean_text(text)
    assert tidy(tidy(text)) == tidy(text)


@given(gazette_text)
def test_line_cleaning_is_idempotent(text):
    once = [ln.text for ln in to_lines(text)]
    twice = [ln.text for ln in to_lines("\n".join(once))]
    assert once == twice


@settings(max_examples=150)
@given(gazette_text)
def test_text_stages_never_crash(text):
    cleaned = strip_furniture(to_lines(text))
    again = strip_furniture(cleaned.lines)
    assert [ln.text for ln in again.lines] == [ln.text for ln in cleaned.lines] or again.boxes == []
    for block in split_documents(cleaned.lines):
        assert block.lines
    split_bodies(text)
    for unit, role in read_roles(text):
        assert unit and role in ("lead", "cooperate", "implement", "responsible")


@settings(max_examples=100)
@given(gazette_text)
def test_pipeline_raises_only_input_errors(text):
    from gongbao.extract.pipeline import extract_text

    try:
        extract_text(text, "x.txt")
    except InputError:
        pass
