"""Questions as rows of Markdown tables (``| 12 | What is a QuerySet? |``), also inside ``<details>``.

The question column is the one whose header says "question"; failing that, when the first column
numbers the rows, the column whose cells most often read as questions. A table whose question
cells are mostly links to anchors in the page is a table of contents: its entries are not questions
(the questions they link to are read where they stand).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from .base import Document, Found
from .text import looks_like_question, question_text

QUESTION_HEADER = re.compile(r"question|^q$", re.IGNORECASE)
ANCHOR_LINK = re.compile(r"\[[^\]]*\]\(#[^)\s]*\)")  # a cell that only links to a place in the page: a TOC entry
TOC_SHARE = 0.5  # a table whose question cells are mostly such links is a table of contents


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # 1-based line, cells
    end: int


def tables(tokens: list[Token]) -> list[Table]:
    out: list[Table] = []
    row: list[str] | None = None
    row_line = 0
    in_head = False
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            out.append(Table([], [], token.map[1] if token.map else 0))
        elif token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row, row_line = [], (token.map[0] + 1 if token.map else 0)
        elif token.type in ("th_open", "td_open") and row is not None:
            row.append(tokens[index + 1].content.strip() if tokens[index + 1].type == "inline" else "")
        elif token.type == "tr_close" and row is not None:
            if in_head:
                out[-1].header = row
            else:
                out[-1].rows.append((row_line, row))
            row = None
    return out


def question_column(table: Table) -> tuple[int | None, bool]:
    """The index of the question column, and whether its header names it."""
    for index, name in enumerate(table.header):
        if QUESTION_HEADER.search(name):
            return index, True
    cells = [cells for _, cells in table.rows if cells]
    if not cells or not all(c[0].strip().rstrip(".").isdigit() for c in cells):
        return None, False
    width = max(len(c) for c in cells)
    scores = [sum(looks_like_question(c[i]) for c in cells if i < len(c)) for i in range(1, width)]
    if not scores or max(scores) == 0:
        return None, False
    return 1 + scores.index(max(scores)), False


def is_contents(table: Table, column: int) -> bool:
    """Whether the question column's cells are mostly nothing but a link to an anchor in the page."""
    cells = [cells[column].strip() for _, cells in table.rows if column < len(cells) and cells[column].strip()]
    return bool(cells) and sum(bool(ANCHOR_LINK.fullmatch(c)) for c in cells) > TOC_SHARE * len(cells)


def number_of(cells: list[str], column: int) -> int | None:
    first = cells[0].strip().rstrip(".") if column > 0 and cells else ""
    return int(first) if first.isdecimal() else None


class TableReader:
    name = "table"

    def _found(self, doc: Document) -> tuple[list[Found], float]:
        out, named = [], 0
        for table in tables(doc.tokens):
            column, by_header = question_column(table)
            if column is None or is_contents(table, column):
                continue
            for line, cells in table.rows:
                if column < len(cells) and cells[column]:
                    number, text = question_text(cells[column])
                    out.append(Found(line, text, doc.section_above(line), number_of(cells, column) or number, line))
                    named += by_header
        if not out:
            return out, 0.0
        purity = sum(looks_like_question(f.text) for f in out) / len(out)
        return out, max(purity, 0.95 * named / len(out))

    def confidence(self, doc: Document) -> float:
        found, confidence = self._found(doc)
        return confidence if len(found) >= 2 else 0.0

    def read(self, doc: Document) -> list[Found]:
        return self._found(doc)[0]
