"""How an extraction is shown: the spec's JSON, or a readable summary."""
from __future__ import annotations

import json

from .records import Extraction

TYPE_LABELS = {
    "documents": "文件 documents", "tasks": "任务 tasks", "groups": "机构 groups",
    "appointments": "任免 appointments", "heritage_items": "非遗项目 heritage items",
    "inheritors": "传承人 inheritors", "commendations": "表扬 commendations",
}


def to_json(result: Extraction) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=1)


def summary(result: Extraction) -> str:
    out = []
    if result.gazette:
        out.append(f"{result.gazette.get('title')} {result.gazette.get('issue')}  ({result.source})")
    else:
        out.append(result.source)
    counts = result.counts()
    out.append("  ".join(f"{TYPE_LABELS[k]}: {v}" for k, v in counts.items()))
    tasks_by_doc: dict[str, list] = {}
    for task in result.tasks:
        tasks_by_doc.setdefault(task.document, []).append(task)
    for doc in result.documents:
        out.append("")
        out.append(f"■ {doc.doc_number or '（无文号）'}  {doc.title}  {doc.signed_date or ''}")
        out.append(f"  发文机关 {doc.issuer or '—'}；主送 {'、'.join(doc.addressees) or '—'}")
        for task in tasks_by_doc.get(doc.ref, []):
            leads = [r.unit for r in task.responsibilities if r.role == "lead"] or \
                    [r.unit for r in task.responsibilities]
            text = task.content if len(task.content) <= 36 else task.content[:35] + "…"
            out.append(f"  {task.key:>6}  {text}  → {'、'.join(leads) or '—'}")
    return "\n".join(out)
