"""Deadline and target changes are revisions: each needs a reason, and the
old → new history stays on the task list."""
import datetime as dt

import pytest

from gongbao.web.supervision.services.workflow import WorkflowError, revise_goal, revise_milestone


def test_milestone_and_goal_changes_are_recorded_with_their_reason(world):
    m = world.m
    lt = m.ListTask.objects.get(task_list=world.tl, key="1")
    milestone = lt.milestones.get()
    goal = lt.goals.get()

    with pytest.raises(WorkflowError):
        revise_milestone(lt, world.supervisor, "  ", milestone=milestone, date="2023-10-31")
    rev = revise_milestone(lt, world.supervisor, "省里要求提前", milestone=milestone, date="2023-10-31", share="80")
    milestone.refresh_from_db()
    assert (milestone.date, milestone.share) == (dt.date(2023, 10, 31), 0.8)
    assert rev.kind == "milestone" and rev.reason == "省里要求提前" and rev.object_id == milestone.pk
    assert "2023-12-31" in rev.old and "2023-10-31" in rev.new

    rev = revise_goal(lt, world.supervisor, "规划调整", goal=goal, value="2500")
    goal.refresh_from_db()
    assert goal.value == 2500 and goal.metric == "5G基站"
    assert rev.kind == "goal" and "2000" in rev.old and "2500" in rev.new

    added = revise_goal(lt, world.supervisor, "新增指标", metric="覆盖率", value=95, unit="%", comparator="达到")
    assert added.old == "" and lt.goals.count() == 2
    removed = revise_goal(lt, world.supervisor, "取消", goal=lt.goals.get(metric="覆盖率"), delete=True)
    assert removed.new == "" and lt.goals.count() == 1
    with pytest.raises(WorkflowError):
        revise_milestone(lt, world.supervisor, "删除", delete=True)      # nothing to delete

    history = m.Revision.objects.filter(list_task=lt).order_by("pk")
    assert [r.kind for r in history] == ["milestone", "goal", "goal", "goal"]
    assert all(r.user == world.supervisor for r in history)
