"""``### 1. Question`` or ``1. ### Question`` headings under ``## Section`` headings, each with an answer."""

from __future__ import annotations

import re

from .base import Document, Found
from .plain_text import Candidate, answered, clean_inline, repaired_lines

MD_SECTION = re.compile(r"^##\s+(.+?)\s*#*\s*$")
MD_QUESTION = re.compile(r"^\s{0,4}(?:(\d{1,3})\.\s+)?#{3,4}\s+(?:(\d{1,3})\.\s+)?(.+?)\s*#*\s*$")


def candidates(lines: list[str]) -> list[Candidate]:
    out: list[Candidate] = []
    section: str | None = None
    heading_since = False
    previous_number = 0
    for index, line in enumerate(lines):
        section_match = MD_SECTION.match(line)
        if section_match:
            section, heading_since = clean_inline(section_match.group(1)), True
            continue
        match = MD_QUESTION.match(line)
        if not match:
            continue
        number = int(match.group(1) or match.group(2) or 0) or None
        if number is not None and number <= previous_number and not heading_since:
            section = None
        out.append(Candidate(index + 1, clean_inline(match.group(3)), number, section))
        previous_number, heading_since = number or previous_number, False
    return out


class MarkdownSectionsReader:
    whole_document = True  # reads plain text as a whole: never one part of a mixed document
    name = "markdown"

    def confidence(self, doc: Document) -> float:
        lines = repaired_lines(doc)
        found = len(answered(lines, candidates(lines)))
        return 0.6 if found >= 3 else 0.0  # the seeds' layout; the general headings reader wins when sure

    def read(self, doc: Document) -> list[Found]:
        lines = repaired_lines(doc)
        return answered(lines, candidates(lines))
