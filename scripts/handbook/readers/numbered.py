"""PDF-to-text numbered lists (``1. What is ...?``) under plain-text section titles."""

from __future__ import annotations

import re

from .base import Document, Found
from .plain_text import Candidate, answered, clean_inline, is_section_title, looks_like_question, repaired_lines

NUMBERED = re.compile(r"^ {0,3}(\d{1,3})[.)]\s+(.+?)\s*$")


def _nearest_title(lines: list[str], start: int, stop: int) -> str | None:
    """The closest section-title line above ``start`` and below ``stop``."""
    for index in range(start - 1, stop, -1):
        if is_section_title(lines[index]):
            return clean_inline(lines[index])
    return None


def candidates(lines: list[str]) -> list[Candidate]:
    out: list[Candidate] = []
    section: str | None = None
    previous_number, previous_line = 0, -1
    for index, line in enumerate(lines):
        match = NUMBERED.match(line)
        if not match or not looks_like_question(clean_inline(match.group(2))):
            continue
        number = int(match.group(1))
        if number <= previous_number:
            section = _nearest_title(lines, index, previous_line)
        elif previous_line < 0:
            section = _nearest_title(lines, index, -1)
        out.append(Candidate(index + 1, clean_inline(match.group(2)), number, section))
        previous_number, previous_line = number, index
    return out


class NumberedTextReader:
    whole_document = True  # reads plain text as a whole: never one part of a mixed document
    name = "numbered"

    def confidence(self, doc: Document) -> float:
        lines = repaired_lines(doc)
        found = len(answered(lines, candidates(lines)))
        return 0.6 if found >= 3 else 0.0  # a plain-text fallback: Markdown-aware readers win when they are sure

    def read(self, doc: Document) -> list[Found]:
        lines = repaired_lines(doc)
        return answered(lines, candidates(lines))
