"""The extraction pipeline, stage by stage, over one input.

    decode → lines → page furniture → segmentation → elements → tasks,
    groups, appointments, registers, commendations → units

Each stage is a function of the previous stage's output; this module only
wires them together and turns the parsers' output into records.
"""
from __future__ import annotations

import functools
import gc
import re
from pathlib import Path
from typing import Optional

from ..errors import InputError
from ..records import (Contact, Deadline, Document, Extraction, Responsibility, Source, Task)
from . import patterns as P
from .appointments import parse_appointments
from .commendations import parse_commendations
from .deadlines import find_deadlines
from .imprint import split_imprint
from .elements import cited_numbers, parse_elements
from .furniture import ContactBox, strip_furniture
from .groups import parse_groups
from .heritage import parse_heritage
from .lines import Line, framed_text, to_lines
from .registry import UnitRegistry
from .segment import DocumentBlock, split_documents
from .targets import find_targets
from .tasks import parse_tasks


def _year(doc: Document) -> Optional[int]:
    if doc.signed_date:
        return int(doc.signed_date[:4])
    m = re.search(r"(?:19|20)\d\d", doc.doc_number or "")
    if m:
        return int(m.group())
    # neither date nor number (a page cut from a site): the year the title names
    # (关于印发2024年…工作方案的通知), the plan's year and the document's
    m = re.search(r"((?:19|20)\d\d)年", doc.title or "")
    return int(m.group(1)) if m else None


def _assign_contacts(docs: list[tuple[Document, int]], boxes: list[ContactBox]) -> None:
    """Give each 咨询与解读 box to the latest document that has ended (its date
    line printed) before the box and has no box yet. Layout often prints a box
    inside the next document, so position alone would mislead."""
    for box in boxes:
        for doc, ended_at in reversed(docs):
            if ended_at is not None and ended_at < box.no and doc.contact is None:
                doc.contact = Contact(box.unit, box.phone)
                doc.contact_source = Source.span(doc.source.file, box.lines)
                break


def _collector_held_off(fn):
    """Run `fn` with the cyclic garbage collector's automatic passes held off.

    Extraction allocates tens of thousands of small containers (lines, tuples,
    lists, records) and frees them by reference counting: it forms almost no
    reference cycles, so the collector's passes during a run find next to
    nothing to free, yet each walks every young container (a few per cent of
    the run). The collector is switched back on when `fn` returns or raises,
    unless it was off already; cycles a run leaves are collected from then on."""
    @functools.wraps(fn)
    def run(*args, **kw):
        if not gc.isenabled():
            return fn(*args, **kw)
        gc.disable()
        try:
            return fn(*args, **kw)
        finally:
            gc.enable()
    return run


@_collector_held_off
def extract_lines(lines: list[Line], name: str, registry: Optional[UnitRegistry] = None) -> Extraction:
    cleaned = strip_furniture(lines)
    blocks = split_documents(cleaned.lines)
    if not blocks:
        raise InputError(name, "no official document found (no title with a 文种 followed by a 发文字号 or 主送机关)")
    registry = registry or UnitRegistry.default()
    result = Extraction(source=Path(name).name, gazette=cleaned.gazette)
    ended: list[tuple[Document, Optional[int]]] = []
    for block in blocks:
        block.lines, imprint = split_imprint(block.lines)
        framed = framed_text(block.lines)     # for the parsers' searches, built once
        doc, date_no = _document(block, name, framed)
        doc.cc, doc.printed_by, doc.printed_date = imprint.cc, imprint.printed_by, imprint.printed_date
        result.documents.append(doc)
        ended.append((doc, date_no))
        year = _year(doc)
        ref = doc.ref
        body_part = block.lines[block.head_end:]
        # the body's lines joined: framed_text(block.lines) after the head's lines, unframed
        head_chars = sum([len(ln.text) for ln in block.lines[:block.head_end]]) + block.head_end
        for raw in parse_tasks(body_part, doc.body, framed[head_chars + 1:-1]):
            result.tasks.append(Task(
                document=ref, key=raw.key, heading=raw.heading, section=raw.section,
                content=raw.content,
                responsibilities=[Responsibility(u, r) for u, r in raw.roles],
                deadlines=_deadlines(raw, year),
                targets=find_targets(raw.content),
                source=Source.span(name, raw.lines)))
        result.groups.extend(parse_groups(block.lines, ref, name, framed))
        result.appointments.extend(parse_appointments(block.lines, ref, name))
        items, inheritors = parse_heritage(block.lines, ref, name, framed)
        result.heritage_items.extend(items)
        result.inheritors.extend(inheritors)
        result.commendations.extend(parse_commendations(block.lines, ref, name))
    _assign_contacts(ended, cleaned.boxes)
    _canonical_units(result, registry)
    return result


def _deadlines(raw, year: Optional[int]) -> list:
    """Deadlines in the task's content, then in its 完成时限 note or column;
    the same date and share count once."""
    if not year:
        return []
    found = find_deadlines(raw.content, year)
    if raw.when:
        seen = {(d.date, d.share) for d in found}
        found += [d for d in find_deadlines(raw.when, year, cell=True) if (d.date, d.share) not in seen]
    return found


def _document(block: DocumentBlock, name: str, framed: Optional[str] = None) -> tuple[Document, Optional[int]]:
    el = parse_elements(block, framed)
    title = block.title
    m = P.DOC_TYPE_AT_END.search(title)
    doc = Document(
        doc_number=block.doc_number,
        issuer=_issuer(block.issuer, el.signature),
        title=title,
        doc_type=m.group(1) if m else None,
        addressees=el.addressees,
        signed_date=el.signed_date,
        publication=el.publication,
        attachments=el.attachments,
        body=el.body,
        source=Source.span(name, block.lines),
    )
    if el.signer or block.signer:
        doc.signer = el.signer or block.signer
    doc.cites = cited_numbers(el.body, doc.doc_number)
    date_no = block.lines[el.date_index].no if el.date_index is not None else None
    return doc, date_no


def _issuer(printed: Optional[str], signature: Optional[str]) -> Optional[str]:
    """The issuer over the title (or in front of it), unless it is a short
    form of the 署名's name (省政府, 青禾县政府 for 江屿省人民政府, 青禾县人民政府):
    its characters in order within the signature's, the same last word."""
    if not printed or not signature:
        return printed or signature
    if " " in signature:
        return printed                        # several names: not the full form of one
    short, full = printed, signature
    if len(short) < len(full) and short[-2:] == full[-2:]:
        it = iter(full)
        if all(ch in it for ch in short):     # a subsequence
            return signature
    return printed


def _canonical_units(result: Extraction, registry: UnitRegistry) -> None:
    """Learn full names printed anywhere, then give each unit its id."""
    city = next((m.group(1) for doc in result.documents
                 if (m := re.match(r"^(.{2,6}?[市州盟])", doc.issuer or ""))), None)
    seen = set()
    for doc in result.documents:
        seen.update(doc.addressees)
        if doc.contact:
            seen.add(doc.contact.unit)
    for group in result.groups:
        for member in group.members:
            if member.position:
                seen.add(member.position)
    for task in result.tasks:
        seen.update(resp.unit for resp in task.responsibilities)
    for item in result.commendations:
        seen.add(item.name)
        if item.organization:
            seen.add(item.organization)
    registry.learn(sorted(seen))
    known: dict[str, tuple[str, list[str]]] = {}      # unit → (id, members): units recur
    for task in result.tasks:
        for resp in task.responsibilities:
            hit = known.get(resp.unit)
            if hit is None:
                hit = known[resp.unit] = (registry.canonical(resp.unit, city=city), registry.expand(resp.unit))
            resp.unit_id = hit[0]
            resp.members = list(hit[1])


def clear_caches() -> None:
    """Forget memoised stage results (benchmarks time cold extractions)."""
    from . import deadlines, units

    for fn in (deadlines.normalize, deadlines._candidates, units._read_roles, units._read_token):
        fn.cache_clear()


@_collector_held_off
def extract_text(text: str, name: str = "<text>", **kw) -> Extraction:
    return extract_lines(to_lines(text), name, **kw)


def extract_path(path) -> Extraction:
    """Read any supported file (chosen by content) and extract it.

    Formats that carry metadata outside the text (a web page's 信息公开
    table, a Word file's 版头 and 版记) fill the fields the text left empty
    when the input holds exactly one document; 签发人, 抄送, 印发机关 and
    印发日期 come from there only."""
    from ..readers import read_document

    path = Path(path)
    read = read_document(path)
    result = extract_lines(read.lines, str(path))
    meta = read.meta or {}
    if meta and read.kind == "docx" and len(result.documents) > 1:
        _spread_docx_meta(result, meta)
        return result
    if not meta or len(result.documents) != 1:
        return result
    doc = result.documents[0]
    old_ref = doc.ref
    issuer = doc.issuer or meta.get("issuer")
    title = meta.get("title")
    if title and issuer and title.startswith(issuer) and len(title) > len(issuer):
        title = title[len(issuer):]
    for name, value in (("doc_number", meta.get("doc_number")), ("issuer", meta.get("issuer")),
                        ("title", title), ("signed_date", meta.get("signed_date")),
                        ("signer", meta.get("signer")), ("printed_by", meta.get("printed_by")),
                        ("printed_date", meta.get("printed_date"))):
        if value and not getattr(doc, name):
            setattr(doc, name, value)
    if meta.get("cc") and not doc.cc:
        doc.cc = list(meta["cc"])
    if meta.get("attachments") and not doc.attachments:
        doc.attachments = list(meta["attachments"])     # a web page's attached files
    if doc.ref != old_ref:
        for kind in result.RECORD_TYPES[1:]:
            for record in getattr(result, kind):
                if getattr(record, "document", None) == old_ref:
                    record.document = doc.ref
    return result


def _spread_docx_meta(result, meta: dict) -> None:
    """Several documents in one Word file: the 版头 taken off the file's first
    lines (签发人 on the number line) is the first document's, the 版记 taken
    off its last lines (抄送, 印发机关, 印发日期) the last document's."""
    first, last = result.documents[0], result.documents[-1]
    number = meta.get("doc_number")
    if meta.get("signer") and not first.signer and (not number or first.doc_number == number):
        first.signer = meta["signer"]
    for name in ("printed_by", "printed_date"):
        if meta.get(name) and not getattr(last, name):
            setattr(last, name, meta[name])
    if meta.get("cc") and not last.cc:
        last.cc = list(meta["cc"])
