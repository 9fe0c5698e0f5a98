"""Scoring rules as data: every point traced to its cause; peer groups from
the unit name's shape; rankings within groups."""
from __future__ import annotations

import datetime as dt

import pytest

from gongbao.web.supervision.scoring import (AssignmentRecord, PeriodRecord, peer_group, rankings,
                                             rules_with_defaults, scorecards)

D = dt.date


@pytest.mark.parametrize("name, group", [
    ("孝义市人民政府", "county"), ("离石区人民政府", "county"), ("临县人民政府", "county"), ("岚县人民政府", "county"),
    ("文水县政府", "county"),
    ("市工业和信息化局", "city"), ("市发展和改革委员会", "city"), ("市金融工作办公室", "city"),
    ("市委人才工作领导小组办公室", "city"), ("市公安局交通警察支队", "city"),
    ("各县（市、区）人民政府", "other"), ("市直各部门", "other"), ("吕梁经开区", "other"), ("有关部门", "other"),
])
def test_peer_groups_by_name_shape(name, group):
    assert peer_group(name) == group


def _rec(aid, unit_id, name, role="lead", periods=(), returns=(), status="green", done=False):
    return AssignmentRecord(aid, unit_id, name, str(aid), role, tuple(periods), tuple(returns), status, done)


def test_points_and_causes():
    p = [PeriodRecord("2023-03", D(2023, 4, 5), D(2023, 4, 3), 11),
         PeriodRecord("2023-04", D(2023, 5, 5), D(2023, 5, 9), 12),
         PeriodRecord("2023-05", D(2023, 6, 5), None)]
    cards = scorecards([_rec(1, 7, "市工业和信息化局", periods=p, returns=[(12, "2023-05-10")], status="red"),
                        _rec(2, 7, "市工业和信息化局", role="cooperate", periods=p[:1], done=True)])
    (card,) = cards
    got = [(i.rule, i.points, i.assignment_id, i.period, i.report_id) for i in card.items]
    assert got == [("on_time_report", 2.0, 1, "2023-03", 11), ("late_report", -1.0, 1, "2023-04", 12),
                   ("missing_report", -3.0, 1, "2023-05", None), ("returned_report", -1.0, 1, "", 12),
                   ("red_flag", -5.0, 1, "", None),
                   ("on_time_report", 1.0, 2, "2023-03", 11), ("done", 2.5, 2, "", None)]   # cooperating: half weight
    assert card.total == pytest.approx(-4.5)
    assert all(i.cause for i in card.items)
    assert card.items[1].cause.startswith("2023-04 月报 2023-05-09") and "晚于 2023-05-05" in card.items[1].cause
    assert card.by_rule()["on_time_report"] == 3.0


def test_rules_are_data_and_rankings_stay_within_groups():
    recs = [_rec(1, 1, "孝义市人民政府", periods=[PeriodRecord("2023-03", D(2023, 4, 5), D(2023, 4, 1))]),
            _rec(2, 2, "汾阳市人民政府", periods=[PeriodRecord("2023-03", D(2023, 4, 5), None)]),
            _rec(3, 3, "临县人民政府", periods=[PeriodRecord("2023-03", D(2023, 4, 5), D(2023, 4, 2))]),
            _rec(4, 4, "市交通运输局", status="yellow"),
            _rec(5, 5, "市财政局")]
    ranks = rankings(scorecards(recs))
    assert [(r.rank, r.card.unit_name, r.score) for r in ranks["county"]] == [
        (1, "临县人民政府", 2.0), (1, "孝义市人民政府", 2.0), (3, "汾阳市人民政府", -3.0)]
    assert [(r.rank, r.card.unit_name) for r in ranks["city"]] == [(1, "市财政局"), (2, "市交通运输局")]
    harsh = {"missing_report": -10, "weights": {"lead": 2}, "rank_by": "average"}
    assert rules_with_defaults(harsh)["weights"] == {"lead": 2.0, "responsible": 1.0, "cooperate": 0.5, "implement": 0.5}
    cards = {c.unit_name: c for c in scorecards(recs, harsh)}
    assert cards["汾阳市人民政府"].total == -20.0 and cards["孝义市人民政府"].total == 4.0
    assert rankings(cards.values(), harsh)["county"][0].score == 4.0


def test_scores_follow_the_database(world):
    """A returned report and a missing month show up in the unit's scorecard."""
    import time_machine

    from sv_helpers import at
    from gongbao.web.supervision.services import progress
    from gongbao.web.supervision.services.workflow import review_report, save_report

    w = world
    w.tl.start_date = D(2023, 5, 1)
    w.tl.save()
    with time_machine.travel(at(2023, 6, 2), tick=True):
        r = save_report(w.asg("1", w.a), w.rep_a, report_date=D(2023, 5, 31), text="五月", percent=30, submit=True)
        review_report(r, w.supervisor, "return", "数据有误")
    with time_machine.travel(at(2023, 6, 3), tick=True):
        save_report(w.asg("1", w.a), w.rep_a, report=r, report_date=D(2023, 5, 31), text="五月（更正）", percent=30,
                    submit=True)
    with time_machine.travel(at(2023, 6, 10), tick=True):
        cards = {c.unit_name: c for c in progress.scorecards(w.tl)}
        a_items = [(i.rule, i.task_key, i.period) for i in cards["市工业和信息化局"].items]
        assert ("on_time_report", "1", "2023-05") in a_items          # first submitted 2 June, due 5 June
        assert ("returned_report", "1", "") in a_items
        assert ("missing_report", "3", "2023-05") in a_items
        b_items = [(i.rule, i.task_key) for i in cards["市交通运输局"].items]
        assert ("missing_report", "2") in b_items and ("missing_report", "3") in b_items
        assert cards["孝义市人民政府"].group == "county" and cards["市交通运输局"].group == "city"
