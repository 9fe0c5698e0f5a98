"""A tiny gazette printer for tests: renders documents we define ourselves the
way PDF text extraction gives them (wrapped at a column width, tables
linearized cell by cell, page headers and numbers in the flow), so parsers can
be checked on shapes and widths the sample does not have."""
from __future__ import annotations


NO_LINE_START = "，。、；：？！）》”’%"


def wrap(text: str, width: int) -> list[str]:
    """Break at `width` characters; punctuation never starts a line (it is
    squeezed onto the previous line, as Chinese typesetting does)."""
    lines: list[str] = []
    i = 0
    while i < len(text):
        j = min(i + width, len(text))
        while j < len(text) and text[j] in NO_LINE_START:
            j += 1
        lines.append(text[i:j])
        i = j
    return lines or [""]


class Page:
    """Collects printed lines and inserts a running header + page number every
    `page_lines` lines, alternating the header's word order like gazettes do."""

    def __init__(self, header: str = "", page_lines: int = 40, first_page: int = 1,
                 number_style: str = "— {} —"):
        self.header, self.page_lines, self.page = header, page_lines, first_page
        self.number_style = number_style
        self.lines: list[str] = []
        self._count = 0

    def add(self, *lines: str) -> None:
        for line in lines:
            if self.header and self._count and self._count % self.page_lines == 0:
                self.page += 1
                words = self.header.split()
                head = " ".join(words if self.page % 2 else words[::-1])
                self.lines += [head, self.number_style.format(self.page)]
            self.lines.append(line)
            self._count += 1

    def text(self, blank_between: bool = False) -> str:
        sep = "\n\n" if blank_between else "\n"
        return sep.join(self.lines) + "\n"


def head(page: Page, issuer: str, title: str, number: str | None, addressees: str, width: int) -> None:
    page.add(issuer, *wrap(title, width))
    if number:
        page.add(number)
    page.add(*wrap(addressees + "：", width))


def signature(page: Page, issuer: str, date: str, publication: str | None = "（此件公开发布）") -> None:
    page.add(issuer, date)
    if publication:
        page.add(publication)


def notice(page: Page, issuer: str, title: str, number: str | None, addressees: str, intro: str, date: str,
           width: int = 20) -> None:
    """A notice's head, its one-paragraph body and its signature."""
    head(page, issuer, title, number, addressees, width)
    page.add(intro)
    signature(page, issuer, date)


def table(page: Page, header: str, rows, content_width: int, unit_width: int, heading_width: int = 6) -> None:
    """rows: [(number, heading, [(content, units_cell), ...])]; items are
    labelled （k） when a row has more than one."""
    page.add(header)
    for number, heading, items in rows:
        heading_lines = wrap(heading, heading_width)
        if len(heading_lines) == 1:
            page.add(f"{number} {heading}")
        else:
            page.add(str(number), *heading_lines)
        for k, (content, cell) in enumerate(items, start=1):
            label = f"（{k}）" if len(items) > 1 or k > 1 else ""
            page.add(*wrap(label + content, content_width))
            page.add(*wrap(cell, unit_width))
