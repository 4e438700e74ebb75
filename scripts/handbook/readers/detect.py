"""Choose the layout reader for a document, and read mixed documents.

Every reader rates the document; the most confident one (confidence at least ``THRESHOLD``; among
confident readers the one that explains the most questions) reads it first. The lines it claims
(questions with their answers) are then hidden and the rest of the document is rated again, so a
document that switches layout part-way (``<details>`` blocks, then bare lines) is read by one reader
per part. A layout is written ``details+lines``: the readers in the order they read.
"""

from __future__ import annotations

from dataclasses import dataclass

from .bare_lines import BareLinesReader
from .base import Document, Found, Reader
from .code_data import CodeDataReader
from .details import DetailsReader
from .headings import HeadingsReader
from .html_page import HtmlPageReader
from .lists import ListReader
from .markdown_sections import MarkdownSectionsReader
from .numbered import NumberedTextReader
from .numbered_headings import NumberedHeadingsReader
from .prose import ProseReader
from .qa import QAReader
from .quiz import QuizReader
from .structured import StructuredReader
from .tables import TableReader
from .toc import TocReader

READERS: dict[str, Reader] = {r.name: r for r in (
    StructuredReader(), CodeDataReader(), HtmlPageReader(), QuizReader(), TocReader(), DetailsReader(), TableReader(), HeadingsReader(),
    NumberedHeadingsReader(),
    ListReader(), QAReader(), BareLinesReader(), MarkdownSectionsReader(), NumberedTextReader(), ProseReader(),
)}
WHOLE_DOCUMENT = {name for name, reader in READERS.items() if getattr(reader, "whole_document", False)}
THRESHOLD = 0.5
TIE = 0.05  # confidences this close are a tie, decided by how many questions each reader finds
MAX_PARTS = 4


class LayoutError(ValueError):
    """No reader reads the document with confidence, or an unknown layout was asked for."""


@dataclass
class Reading:
    layout: str  # reader names joined by "+"
    confidence: float  # of the first reader
    found: list[Found]
    ratings: dict[str, float]


def rate(doc: Document) -> dict[str, float]:
    return {name: round(reader.confidence(doc), 3) for name, reader in READERS.items()}


def claimed(reader: Reader, doc: Document, found: list[Found]) -> list[tuple[int, int]]:
    extra = getattr(reader, "claimed", None)
    return [f.span for f in found] + (extra(doc) if extra else [])


def _best(doc: Document, ratings: dict[str, float], exclude: set[str]) -> tuple[str, list[Found]] | None:
    """The most confident reader that finds something; among near-equals, the one that finds most. A reader
    that says it is decisive for the document (a parser accepted the whole of it) wins outright."""
    readings = []
    for name, score in sorted(ratings.items(), key=lambda item: -item[1]):
        if name in exclude or score < THRESHOLD:
            continue
        found = READERS[name].read(doc)
        decisive = getattr(READERS[name], "decisive", None)
        if found and decisive is not None and decisive(doc):
            return name, found
        if found:
            readings.append((score, len(found), name, found))
    if not readings:
        return None
    top = readings[0][0]
    _, _, name, found = max((r for r in readings if r[0] >= top - TIE), key=lambda r: (r[1], r[0]))
    return name, found


def read_layout(doc: Document, layout: str = "auto") -> Reading:
    """Read a document with the named layout (``auto``: detect; ``a+b``: those readers in turn)."""
    if layout != "auto":
        names = layout.split("+")
        unknown = [n for n in names if n not in READERS]
        if unknown:
            raise LayoutError(f"unknown layout '{'+'.join(unknown)}' (choose from auto, {', '.join(READERS)})")
        found: list[Found] = []
        first = READERS[names[0]].confidence(doc)
        for name in names:
            part = READERS[name].read(doc)
            found += part
            doc = doc.without(claimed(READERS[name], doc, part))
        return Reading(layout, first, _ordered(found), {})
    ratings = rate(doc)
    best = _best(doc, ratings, set())
    if best is None:
        top = max(ratings, key=ratings.__getitem__)
        raise LayoutError(f"no layout reads this document with confidence (best: {top} at {ratings[top]:.2f}, "
                          f"needs {THRESHOLD:.2f}); nothing was recorded — force one with --layout")
    names, found, confidence = [best[0]], list(best[1]), ratings[best[0]]
    rest = doc.without(claimed(READERS[best[0]], doc, best[1]))
    while len(names) < MAX_PARTS:
        more = _best(rest, rate(rest), set(names) | WHOLE_DOCUMENT)
        if more is None or len(more[1]) < 2:
            break
        names.append(more[0])
        found += more[1]
        rest = rest.without(claimed(READERS[more[0]], rest, more[1]))
    return Reading("+".join(names), confidence, _ordered(found), ratings)


def _ordered(found: list[Found]) -> list[Found]:
    by_line: dict[int, Found] = {}
    for item in found:
        by_line.setdefault(item.line, item)
    return [by_line[line] for line in sorted(by_line)]
