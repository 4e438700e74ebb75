"""Plain-text question and answer pairs: ``Q: ...`` / ``A: ...``, ``Question 3: ...`` / ``Answer: ...``,
``Interview question: "..."`` (one word before "Question", the question maybe quoted),
``Follow-up: ...`` (a question of its own after an answer), ``**Q What ...?**``,
``Q-1 ...`` / ``Ans :- ...``, and bare numbers: ``12) ...`` / ``Ans) ...``. A question may wrap until a blank
line or its answer marker.

A bare number is a question only where an answer marker follows it, or where it carries on the
numbering of the questions with a question mark: an answer's own numbered lines ("1) Inner join")
are neither. A question marker needs no answer after it: a list of "Q:" tasks is read with confidence."""

from __future__ import annotations

import re

from .base import Document, Found
from .text import collapse, unwrap

QUESTION = re.compile(
    r"^\s*[*_]{0,2}(?:Q|Ques|(?:[A-Za-z]+\s+)?Question|Follow[- ]?up(?:\s+question)?)[*_]{0,2}\s*"
    r"(?:[-#]?\s*(?P<number>\d{1,4})\s*[:.)\-–]*|[:.)\-–]+|(?<=Q)\s+(?=[A-Z]))[*_]{0,2}\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)
# "A:", "Ans :-", "Answer 3:", and an answer with one word before it: "Expected Answer:", "Sample answer:".
ANSWER = re.compile(r"^\s*[*_]{0,2}(?:A|Ans|(?:[A-Za-z]+\s+)?Answer)[*_]{0,2}\s*(?:[-#]?\s*\d{1,4})?\s*(?::-|[:.)\-–])", re.IGNORECASE)
NUMBERED = re.compile(r"^\s*(?P<number>\d{1,4})\s*[.):]\s*(?P<text>\S.*)$")
FENCE = re.compile(r"^\s*(```|~~~)")
QUOTE_PAIRS = {'""', "\u201c\u201d", "''"}  # a question quoted after its marker
BLANKS_BEFORE_ANSWER = 2  # blank lines allowed between a numbered question and its answer marker


def _wrapped(lines: list[str], start: int) -> tuple[list[str], int]:
    """The lines a question wraps onto after line ``start`` (0-based) and the index of the line that ends it."""
    parts = []
    index = start + 1
    while index < len(lines):
        follow = lines[index]
        if (not follow.strip() or ANSWER.match(follow) or QUESTION.match(follow) or NUMBERED.match(follow)
                or FENCE.match(follow)):  # a code block right under the question is no part of it
            break
        parts.append(follow)
        index += 1
    return parts, index


def _answer_follows(lines: list[str], index: int) -> bool:
    """Whether an answer marker is at ``index``, after at most ``BLANKS_BEFORE_ANSWER`` blank lines."""
    for follow in lines[index:index + BLANKS_BEFORE_ANSWER + 1]:
        if follow.strip():
            return bool(ANSWER.match(follow))
    return False


def pairs(doc: Document) -> list[tuple[Found, bool]]:
    """Each question marker with its text and whether it is sure to be a question: it says so ("Q:",
    "Question 3:"), or an answer marker follows before the next question."""
    out: list[tuple[Found, bool]] = []
    in_code = False
    lines = doc.lines
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_code = not in_code
        if in_code:
            continue
        match = QUESTION.match(line) or NUMBERED.match(line)
        if match:
            wrapped, after = _wrapped(lines, index)
            number = int(match.group("number")) if match.group("number") else None
            if match.re is NUMBERED and not _answer_follows(lines, after):
                # no answer marker: a question only if it carries on the numbering, and then its line alone
                first = match.group("text").strip()
                if not (out and out[-1][0].number is not None and number == out[-1][0].number + 1
                        and first.endswith("?")):
                    continue
                wrapped = []
            text = unwrap(collapse(" ".join([match.group("text"), *wrapped])))
            if line.lstrip()[:1] in "*_":  # "**Q1. Why X?**": the marker opened the emphasis, so close it here
                text = text.rstrip("*_ ")
            if len(text) > 2 and text[0] + text[-1] in QUOTE_PAIRS:  # Interview question: "Why X?"
                text = text[1:-1].strip()
            out.append((Found(index + 1, text, doc.section_above(index + 1), number), match.re is QUESTION))
        elif ANSWER.match(line) and out and not out[-1][1]:
            out[-1] = (out[-1][0], True)
    ends = [f.line - 1 for f, _ in out[1:]] + [len(lines)] if out else []
    return [(Found(f.line, f.text, f.section, f.number, end), sure) for (f, sure), end in zip(out, ends, strict=True)]


class QAReader:
    name = "qa"

    def confidence(self, doc: Document) -> float:
        found = pairs(doc)
        if len(found) < 2:
            return 0.0
        return sum(sure for _, sure in found) / len(found)

    def read(self, doc: Document) -> list[Found]:
        return [f for f, _ in pairs(doc)]
