"""Sections of bare questions, one per line with no marker (Markdown renders them as one paragraph).

A paragraph counts when it has at least two lines, every line is a whole sentence, and at least half
of them end with a question mark (or every one reads as a question); each line is then one question.
Short titles on the paragraph's last lines belong to the next sections, not to the questions. Bare
questions with blank lines between them are read too (:func:`spaced_questions`).
"""

from __future__ import annotations

from .base import Document, Found
from .text import QUESTION_MARKS, collapse, looks_like_question, unwrap

SENTENCE_ENDS = (*QUESTION_MARKS, ".", "!", "。", "！", ")")
MAX_LINE = 250
TITLE_WORDS = 6
SPACED_SHARE = 0.75  # a run of one-line paragraphs is a question list when this share of its lines asks


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
    return sorted(out + [[n] for n in spaced_questions(doc)])


def spaced_questions(doc: Document) -> dict[int, str | None]:
    """Bare questions with a blank line between them, each with the section title above it: a run of one-line
    paragraphs, nothing else between, in which most lines ask (``SPACED_SHARE``); its question lines are the
    questions, its other lines section titles. A question followed by its answer paragraph is half questions
    and is no such run."""
    runs: list[list[int]] = [[]]
    for token in doc.tokens:
        if token.level != 0 or token.nesting == -1 or token.type == "inline":
            continue
        if token.type == "paragraph_open" and token.map and token.map[1] - token.map[0] == 1:
            runs[-1].append(token.map[0] + 1)
        elif runs[-1]:
            runs.append([])
    out: dict[int, str | None] = {}
    for run in runs:
        texts = {n: collapse(doc.lines[n - 1]) for n in run}
        asking = [n for n in run if looks_like_question(texts[n]) and len(texts[n]) <= MAX_LINE]
        if len(asking) < 2 or len(asking) < SPACED_SHARE * len(run):
            continue
        title = None
        for n in run:
            if n in asking:
                out[n] = title
            else:
                title = texts[n].strip("#*_ ") or title
    return out


class BareLinesReader:
    name = "lines"

    def confidence(self, doc: Document) -> float:
        found = self.read(doc)
        if len(found) < 2:
            return 0.0
        return sum(looks_like_question(f.text) for f in found) / len(found)

    def read(self, doc: Document) -> list[Found]:
        titles = spaced_questions(doc)
        return [Found(n, unwrap(collapse(doc.lines[n - 1])), titles.get(n) or doc.section_above(n))
                for numbers in question_paragraphs(doc) for n in numbers]
