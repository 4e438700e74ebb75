"""Markdown headings with answers below: ``## 3. What is a view?`` at whatever level the document uses.

The question level is inferred from structure: the heading level holding the most question-like
headings. Headings at other levels (sections above, sub-headings inside answers) are never questions,
and at the question level a heading that is neither numbered nor question-like is a section title.
"""

from __future__ import annotations

from collections import Counter

from .base import Document, Found, Heading
from .text import looks_like_question, question_text


def question_level(headings: list[Heading]) -> int | None:
    """The level whose headings are most often numbered or question-like (the shallower on a tie)."""
    votes: Counter[int] = Counter()
    for heading in headings:
        number, text = question_text(heading.text)
        if text and (number is not None or looks_like_question(text)):
            votes[heading.level] += 1
    if not votes:
        return None
    return max(votes, key=lambda level: (votes[level], -level))


def questions_at(doc: Document, chosen: list[Heading]) -> list[Found]:
    """One question per chosen heading: its text, own number, section and the line its answer ends on."""
    ends = heading_spans(doc, chosen)
    lines = frozenset(h.line for h in chosen)
    out = []
    for heading in chosen:
        number, text = question_text(heading.text)
        section = doc.section_above(heading.line, heading.level, lines)
        out.append(Found(heading.line, text, section, number, ends[heading.line]))
    return out


def heading_spans(doc: Document, chosen: list[Heading]) -> dict[int, int]:
    """Each chosen heading's last line: up to the next heading at the same or a higher level."""
    ends: dict[int, int] = {}
    for heading in chosen:
        end = len(doc.lines)
        for other in doc.headings:
            if other.line > heading.line and other.level <= heading.level:
                end = other.line - 1
                break
        ends[heading.line] = end
    return ends


class HeadingsReader:
    name = "headings"

    def _chosen(self, doc: Document) -> tuple[list[Heading], list[Heading]]:
        level = question_level(doc.headings)
        if level is None:
            return [], []
        at_level = [h for h in doc.headings if h.level == level]
        chosen = []
        for heading in at_level:
            number, text = question_text(heading.text)
            if text and (number is not None or looks_like_question(text)):
                chosen.append(heading)
        return chosen, at_level

    def confidence(self, doc: Document) -> float:
        chosen, at_level = self._chosen(doc)
        if len(chosen) < 2:
            return 0.0
        purity = sum(looks_like_question(question_text(h.text)[1]) for h in chosen) / len(chosen)
        return purity * len(chosen) / len(at_level)

    def read(self, doc: Document) -> list[Found]:
        return questions_at(doc, self._chosen(doc)[0])
