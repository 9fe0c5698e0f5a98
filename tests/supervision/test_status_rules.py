"""Status rules across the calendar: pure functions, then through the
database with a fixed clock (time-machine)."""
from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from gongbao.web.supervision.status import (AssignmentData, Schedule, assess, expected_percent, period_of,
                                            periods)

from sv_helpers import at

D = dt.date
YEAR = Schedule(D(2023, 1, 1), D(2023, 12, 31))
STAGED = Schedule(D(2023, 1, 1), D(2023, 10, 31), ((D(2023, 3, 31), 0.7), (D(2023, 6, 30), 0.75),
                                                     (D(2023, 10, 31), 0.85)))


def test_pro_rata_schedule_is_linear_between_knots():
    assert expected_percent(YEAR, D(2023, 1, 1)) == 0
    assert expected_percent(YEAR, D(2022, 12, 1)) == 0
    assert expected_percent(YEAR, D(2023, 7, 2)) == pytest.approx(50, abs=0.2)
    assert expected_percent(YEAR, D(2023, 12, 31)) == 100
    assert expected_percent(YEAR, D(2024, 3, 1)) == 100
    # 3月底办结70%: 70 % by 31 March, then slow to 75 % by June
    assert expected_percent(STAGED, D(2023, 3, 31)) == pytest.approx(70)
    assert expected_percent(STAGED, D(2023, 2, 14)) == pytest.approx(70 * 44 / 89, abs=0.01)
    assert 70 < expected_percent(STAGED, D(2023, 5, 15)) < 75


@pytest.mark.parametrize("day, percent, code", [
    (D(2023, 7, 2), 50, "green"),       # on schedule
    (D(2023, 7, 2), 41, "green"),       # 9 points behind: still green
    (D(2023, 7, 2), 40, "yellow"),      # 10 behind
    (D(2023, 7, 2), 20, "yellow"),      # 30 behind
    (D(2023, 7, 2), 19, "red"),         # more than 30 behind
    (D(2023, 12, 20), 97, "blue"),      # deadline within 15 days
    (D(2023, 12, 20), 70, "yellow"),    # behind outranks blue
    (D(2023, 12, 31), 100, "green"),    # finished, waiting for the supervisor
    (D(2024, 1, 1), 99, "red"),         # past the deadline unfinished
    (D(2024, 1, 1), 100, "green"),
])
def test_colours(day, percent, code):
    assert assess(AssignmentData(YEAR, percent), day).code == code


def test_done_only_when_confirmed_and_rules_are_configurable():
    assert assess(AssignmentData(YEAR, 100, done=True), D(2024, 5, 1)).code == "done"
    assert assess(AssignmentData(YEAR, 100, done=False), D(2024, 5, 1)).code == "green"
    strict = {"yellow_gap": 5, "red_gap": 15, "warn_days": 40}
    assert assess(AssignmentData(YEAR, 44), D(2023, 7, 2), strict).code == "yellow"
    assert assess(AssignmentData(YEAR, 34), D(2023, 7, 2), strict).code == "red"
    assert assess(AssignmentData(YEAR, 97), D(2023, 11, 25), strict).code == "blue"
    assert assess(AssignmentData(YEAR, 97), D(2023, 11, 25)).code == "green"


def test_a_milestone_with_a_share_makes_lagging_red_early():
    assert assess(AssignmentData(STAGED, 30), D(2023, 4, 5)).code == "red"
    s = assess(AssignmentData(STAGED, 65), D(2023, 4, 5))
    assert s.code == "green" and s.gap == pytest.approx(5.3, abs=0.05)   # 70 + 5 × 5/91 due
    # the milestone itself within warn_days turns an on-schedule task blue
    assert assess(AssignmentData(STAGED, 60), D(2023, 3, 20)).code == "blue"


def test_reporting_periods():
    p = period_of(D(2023, 12, 9), 5)
    assert (p.key, p.start, p.end, p.due) == ("2023-12", D(2023, 12, 1), D(2023, 12, 31), D(2024, 1, 5))
    assert period_of(D(2023, 1, 31), 31).due == D(2023, 2, 28)
    keys = [x.key for x in periods(D(2023, 3, 16), D(2023, 12, 31), 5, D(2023, 7, 5))]
    assert keys == ["2023-03", "2023-04", "2023-05"]       # June's report is due on 5 July: not yet late
    assert [x.key for x in periods(D(2023, 3, 16), D(2023, 12, 31), 5, D(2023, 7, 6))][-1] == "2023-06"


def _status_now(w, key, unit):
    from gongbao.web.supervision.models import Assignment
    from gongbao.web.supervision.services import progress

    a = progress.assignments_for_status(Assignment.objects.filter(pk=w.asg(key, unit).pk))[0]
    return progress.snapshot(a).status


def test_status_through_the_calendar_with_a_fixed_clock(world):
    """Task 2 (50 % due 30 June, all by 31 December) reported at 30 % in April."""
    from gongbao.web.supervision.services.workflow import close_assignment, save_report

    w = world
    a = w.asg("2", w.b)
    with time_machine.travel(at(2023, 4, 20), tick=False):
        r = save_report(a, w.rep_b, report_date=D(2023, 4, 20), text="开工", percent=30, submit=True)
        assert _status_now(w, "2", w.b).code == "green"          # expected 27.6 %
    with time_machine.travel(at(2023, 6, 20), tick=False):
        assert _status_now(w, "2", w.b).code == "yellow"         # expected ~47 %: 17 behind, deadline near
    with time_machine.travel(at(2023, 6, 22), tick=False):
        save_report(a, w.rep_b, report_date=D(2023, 6, 22), text="过半", percent=45, submit=True)
        assert _status_now(w, "2", w.b).code == "blue"           # 30 June within 15 days
    with time_machine.travel(at(2023, 9, 30), tick=False):
        assert _status_now(w, "2", w.b).code == "yellow"         # 75 % due, 45 done: exactly 30 behind
    with time_machine.travel(at(2023, 10, 15), tick=False):
        assert _status_now(w, "2", w.b).code == "red"            # ~78 % due, 45 done
    with time_machine.travel(at(2023, 12, 1), tick=False):
        save_report(a, w.rep_b, report_date=D(2023, 11, 30), text="完成", percent=100, proposed_status="done",
                    submit=True)
        assert _status_now(w, "2", w.b).code == "green"          # finished, not yet confirmed
    with time_machine.travel(at(2024, 1, 3), tick=False):
        assert _status_now(w, "2", w.b).code == "green"
        assert _status_now(w, "1", w.a).code == "red"            # never reported, past deadline
        close_assignment(a, w.supervisor)
        assert _status_now(w, "2", w.b).code == "done"
    # a backdated report: the latest by report date counts, not the latest typed in
    with time_machine.travel(at(2023, 8, 10), tick=False):
        a1 = w.asg("1", w.a)
        save_report(a1, w.rep_a, report_date=D(2023, 8, 1), text="八月", percent=60, submit=True)
        save_report(a1, w.rep_a, report_date=D(2023, 7, 1), text="补报七月", percent=40, submit=True)
        s = _status_now(w, "1", w.a)
        assert s.actual == 60 and s.code == "green"
