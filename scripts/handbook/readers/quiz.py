"""Multiple-choice quizzes: a question (heading or list item) followed by options ``- [ ]`` / ``- [x]``.

Every item at the quiz's question level that has text is one question, with or without options (a
truncated item still counts); the options are never questions, and an empty heading is not one.
"""

from __future__ import annotations

from collections import Counter

from .base import Document, Found, Heading
from .headings import heading_spans
from .lists import is_option, outer_lists
from .text import question_text

MIN_WITH_OPTIONS = 2


def headings_with_options(doc: Document) -> list[Heading]:
    """Headings directly followed (before any other heading) by a list of options."""
    option_lines = sorted(item.line for items in outer_lists(doc.tokens) for item in items if is_option(item.source))
    out: list[Heading] = []
    headings = doc.headings
    for index, heading in enumerate(headings):
        stop = headings[index + 1].line if index + 1 < len(headings) else len(doc.lines) + 1
        if any(heading.line < line < stop for line in option_lines):
            out.append(heading)
    return out


class QuizReader:
    name = "quiz"

    def _level(self, doc: Document) -> tuple[int | None, int]:
        with_options = headings_with_options(doc)
        if len(with_options) < MIN_WITH_OPTIONS:
            return None, 0
        level = Counter(h.level for h in with_options).most_common(1)[0][0]
        return level, sum(h.level == level for h in with_options)

    def confidence(self, doc: Document) -> float:
        level, with_options = self._level(doc)
        if level is None:
            return 0.0
        stems = [h for h in doc.headings if h.level == level and question_text(h.text)[1]]
        return min(1.0, with_options / len(stems) / 0.5) if stems else 0.0  # options are unmistakable

    def read(self, doc: Document) -> list[Found]:
        level, _ = self._level(doc)
        if level is None:
            return []
        stems = [h for h in doc.headings if h.level == level and question_text(h.text)[1]]
        ends = heading_spans(doc, stems)
        lines = frozenset(h.line for h in stems)
        out = []
        for heading in stems:
            number, text = question_text(heading.text)
            out.append(Found(heading.line, text, doc.section_above(heading.line, level, lines), number, ends[heading.line]))
        return out
