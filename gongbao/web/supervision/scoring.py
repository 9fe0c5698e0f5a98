"""Scoring rules as data, scorecards with every point traced to its cause,
and rankings within peer groups. Pure functions: no database, no clock.

Rules (a task list's `scoring_rules` override DEFAULT_RULES key by key;
`weights` is merged role by role):

    on_time_report    points for a monthly report submitted by its due day
    late_report       points (negative) for a report submitted after its due day
    missing_report    points (negative) for a due month with no report at all
    returned_report   points (negative) for each time a report was returned
    red_flag          points (negative) for an assignment that is red now
    yellow_flag       points (negative) for an assignment that is yellow now
    done              points for an assignment confirmed done (销号)
    weights           multiplier by role: lead/responsible report for the task,
                      cooperate/implement contribute (default half weight)
    rank_by           "total" (default) or "average" (points per assignment)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

DEFAULT_RULES = {
    "on_time_report": 2.0,
    "late_report": -1.0,
    "missing_report": -3.0,
    "returned_report": -1.0,
    "red_flag": -5.0,
    "yellow_flag": -2.0,
    "done": 5.0,
    "weights": {"lead": 1.0, "responsible": 1.0, "cooperate": 0.5, "implement": 0.5},
    "rank_by": "total",
}

RULE_LABELS = {
    "on_time_report": "按时报送", "late_report": "逾期报送", "missing_report": "未报送",
    "returned_report": "报告被退回", "red_flag": "红灯", "yellow_flag": "黄灯", "done": "销号",
}

PEER_GROUPS = {"county": "县（市、区）政府", "city": "市直部门", "other": "其他单位"}

_COUNTY = re.compile(r"^[^各市有相其（(]{1,10}?[县市区](?:人民)?政府$")
_CITY = re.compile(r"^市[^（(]*?(?:局|委|办)")


def rules_with_defaults(overrides: Optional[dict]) -> dict:
    rules = {k: (dict(v) if isinstance(v, dict) else v) for k, v in DEFAULT_RULES.items()}
    for k, v in (overrides or {}).items():
        if k == "weights" and isinstance(v, dict):
            rules["weights"].update({r: float(w) for r, w in v.items()})
        elif k == "rank_by" and v in ("total", "average"):
            rules[k] = v
        elif k in DEFAULT_RULES and k not in ("weights", "rank_by") and v is not None:
            rules[k] = float(v)
    return rules


def peer_group(unit_name: str) -> str:
    """county (X县/市/区人民政府), city (市X局/委/办…), or other — from the name's shape."""
    name = (unit_name or "").strip()
    if _COUNTY.match(name):
        return "county"
    if _CITY.match(name):
        return "city"
    return "other"


@dataclass(frozen=True)
class PeriodRecord:
    """One due reporting month of an assignment: when (if ever) it was first submitted."""
    key: str                       # YYYY-MM
    due: "object"                  # datetime.date
    submitted: Optional["object"] = None   # datetime.date of the first submission, None = missing
    report_id: Optional[int] = None


@dataclass(frozen=True)
class AssignmentRecord:
    assignment_id: int
    unit_id: int
    unit_name: str
    task_key: str
    role: str
    periods: tuple[PeriodRecord, ...] = ()
    returns: tuple[tuple[int, str], ...] = ()     # (report id, date returned YYYY-MM-DD)
    status: str = "green"
    done: bool = False


@dataclass(frozen=True)
class ScoreItem:
    rule: str
    points: float
    base: float
    weight: float
    assignment_id: int
    task_key: str
    cause: str
    period: str = ""
    report_id: Optional[int] = None

    @property
    def label(self) -> str:
        return RULE_LABELS.get(self.rule, self.rule)


@dataclass
class Scorecard:
    unit_id: int
    unit_name: str
    group: str
    items: list[ScoreItem] = field(default_factory=list)
    assignments: int = 0

    @property
    def total(self) -> float:
        return round(sum(i.points for i in self.items), 2)

    @property
    def average(self) -> float:
        return round(self.total / self.assignments, 2) if self.assignments else 0.0

    @property
    def group_label(self) -> str:
        return PEER_GROUPS[self.group]

    def by_rule(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for i in self.items:
            out[i.rule] = round(out.get(i.rule, 0.0) + i.points, 2)
        return out


def score_assignment(rec: AssignmentRecord, rules: dict) -> list[ScoreItem]:
    weight = float(rules["weights"].get(rec.role, 1.0))
    items: list[ScoreItem] = []

    def add(rule: str, cause: str, period: str = "", report_id: Optional[int] = None) -> None:
        base = float(rules[rule])
        if base:
            items.append(ScoreItem(rule, round(base * weight, 2), base, weight, rec.assignment_id,
                                   rec.task_key, cause, period, report_id))

    for p in rec.periods:
        if p.submitted is None:
            add("missing_report", f"{p.key} 月报未报送（应于 {p.due} 前报送）", p.key)
        elif p.submitted <= p.due:
            add("on_time_report", f"{p.key} 月报 {p.submitted} 按时报送", p.key, p.report_id)
        else:
            add("late_report", f"{p.key} 月报 {p.submitted} 报送，晚于 {p.due}", p.key, p.report_id)
    for report_id, when in rec.returns:
        add("returned_report", f"报告 #{report_id} 于 {when} 被督查室退回", report_id=report_id)
    if rec.done:
        add("done", "任务经督查室确认销号")
    elif rec.status == "red":
        add("red_flag", "任务当前为红灯")
    elif rec.status == "yellow":
        add("yellow_flag", "任务当前为黄灯")
    return items


def scorecards(records: Iterable[AssignmentRecord], rules: Optional[dict] = None) -> list[Scorecard]:
    r = rules_with_defaults(rules)
    cards: dict[int, Scorecard] = {}
    for rec in records:
        card = cards.get(rec.unit_id)
        if card is None:
            card = cards[rec.unit_id] = Scorecard(rec.unit_id, rec.unit_name, peer_group(rec.unit_name))
        card.assignments += 1
        card.items.extend(score_assignment(rec, r))
    return sorted(cards.values(), key=lambda c: (c.group, -c.total, c.unit_name))


@dataclass(frozen=True)
class RankRow:
    rank: int
    card: Scorecard
    score: float


def rankings(cards: Iterable[Scorecard], rules: Optional[dict] = None) -> dict[str, list[RankRow]]:
    """Per peer group, best first; equal scores share a rank (1, 2, 2, 4)."""
    r = rules_with_defaults(rules)
    key = (lambda c: c.average) if r["rank_by"] == "average" else (lambda c: c.total)
    groups: dict[str, list[Scorecard]] = {}
    for c in cards:
        groups.setdefault(c.group, []).append(c)
    out: dict[str, list[RankRow]] = {}
    for group in PEER_GROUPS:
        members = sorted(groups.get(group, []), key=lambda c: (-key(c), c.unit_name))
        rows: list[RankRow] = []
        for i, c in enumerate(members):
            rank = rows[-1].rank if rows and rows[-1].score == key(c) else i + 1
            rows.append(RankRow(rank, c, key(c)))
        if rows:
            out[group] = rows
    return out
