"""Extraction holds the cyclic garbage collector off while it runs and leaves
it as it found it: on after a run, on after a failed run, off if it was off."""
import gc

import pytest

from gongbao.errors import InputError
from gongbao.extract import pipeline
from gongbao.extract.lines import to_lines
from gongbao.extract.pipeline import extract_lines, extract_text

DOC = ("某县人民政府\n关于做好春季植树工作的通知\n某政发〔2023〕5号\n各乡镇人民政府：\n"
       "一、县林业局牵头，各乡镇配合，3月底前完成造林1000亩。\n某县人民政府\n2023年2月1日\n")


def test_collector_off_during_a_run_and_back_on_after(monkeypatch):
    seen = []
    real = pipeline.strip_furniture

    def spy(lines):
        seen.append(gc.isenabled())         # the stages run with the collector off
        return real(lines)

    monkeypatch.setattr(pipeline, "strip_furniture", spy)
    assert gc.isenabled()
    extract_text(DOC, "doc.txt")
    extract_lines(to_lines(DOC), "doc.txt")
    assert seen == [False, False]
    assert gc.isenabled()


def test_collector_back_on_after_a_failed_run():
    with pytest.raises(InputError):
        extract_text("no document here\n", "empty.txt")
    assert gc.isenabled()


def test_collector_left_off_when_it_was_off():
    gc.disable()
    try:
        extract_text(DOC, "doc.txt")
        assert not gc.isenabled()
    finally:
        gc.enable()
