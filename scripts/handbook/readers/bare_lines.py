"""Sections of bare questions, one per line with no marker (Markdown renders them as one paragraph).

A paragraph counts when it has at least two lines, every line is a whole sentence, and at least half
of them end with a question mark (or every one reads as a question); each line is then one question.
Short titles on the paragraph's last lines belong to the next sections, not to the questions.
"""

from __future__ import annotations

from .base import Document, Found
from .text import QUESTION_MARKS, collapse, looks_like_question, unwrap

SENTENCE_ENDS = (*QUESTION_MARKS, ".", "!", "。", "！", ")")
MAX_LINE = 250
TITLE_WORDS = 6


def is_title(line: str) -> bool:
    """A short line that ends in no punctuation and starts with a capital: a section title ("Query Optimization")."""
    words = line.split()
    return 0 < len(words) <= TITLE_WORDS and line[0].isupper() and not line.endswith((*SENTENCE_ENDS, ":", ",", ";"))


def question_paragraphs(doc: Document) -> list[list[int]]:
    out = []
    for token in doc.tokens:
        if token.type != "paragraph_open" or not token.map or token.level != 0:
            continue
        numbers = list(range(token.map[0] + 1, token.map[1] + 1))
        lines = [collapse(doc.lines[n - 1]) for n in numbers]
        while len(lines) > 2 and is_title(lines[-1]):  # the next sections' titles, with no blank line above them
            numbers, lines = numbers[:-1], lines[:-1]
        if len(lines) < 2 or not all(0 < len(line) <= MAX_LINE and line.endswith(SENTENCE_ENDS) for line in lines):
            continue
        asks = sum(line.endswith(QUESTION_MARKS) for line in lines) * 2 >= len(lines)
        if asks or all(looks_like_question(line) for line in lines):
            out.append(numbers)
    return out


class BareLinesReader:
    name = "lines"

    def confidence(self, doc: Document) -> float:
        found = self.read(doc)
        if len(found) < 2:
            return 0.0
        return sum(looks_like_question(f.text) for f in found) / len(found)

    def read(self, doc: Document) -> list[Found]:
        return [Found(n, unwrap(collapse(doc.lines[n - 1])), doc.section_above(n))
                for numbers in question_paragraphs(doc) for n in numbers]
