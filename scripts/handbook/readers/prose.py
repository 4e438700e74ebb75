"""Articles whose questions are standalone prose lines (PDF-to-text of a blog post), under title-cased
section lines; a title-cased line without a question mark is a section title, not a question."""

from __future__ import annotations

import re

from .base import Document, Found
from .plain_text import WORD, Candidate, answered, clean_inline, is_section_title, is_title_case, looks_like_question, repaired_lines

FENCE = re.compile(r"^\s*(```|~~~)")


def candidates(lines: list[str]) -> list[Candidate]:
    out: list[Candidate] = []
    section: str | None = None
    in_code = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_code = not in_code
            continue
        text = line.strip()
        if in_code or not text or len(text) > 160 or "\t" in text or re.match(r"^[-*•]", text):
            continue
        if looks_like_question(text, heading_style=True):
            out.append(Candidate(index + 1, clean_inline(text), None, section))
        elif is_section_title(text) and is_title_case(text) and len(WORD.findall(text)) >= 3:
            section = clean_inline(text)
            out.append(Candidate(index + 1, "", None, section))  # a boundary, not a question
    return out


class ProseReader:
    whole_document = True  # reads plain text as a whole: never one part of a mixed document
    name = "prose"

    def confidence(self, doc: Document) -> float:
        found = self.read(doc)
        if len(found) < 2:
            return 0.0
        asks = sum(f.text.endswith("?") for f in found) / len(found)
        return 0.25 + 0.5 * asks  # the last resort: only as sure as its questions are plainly questions

    def read(self, doc: Document) -> list[Found]:
        lines = repaired_lines(doc)
        return answered(lines, candidates(lines))
