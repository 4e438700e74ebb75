"""Plain-text question and answer pairs: ``Q: ...`` / ``A: ...``, ``Question 3: ...`` / ``Answer: ...``,
``Q-1 ...`` / ``Ans :- ...``. A question may wrap until a blank line or its answer marker."""

from __future__ import annotations

import re

from .base import Document, Found
from .text import collapse, unwrap

QUESTION = re.compile(
    r"^\s*[*_]{0,2}(?:Q|Ques|Question)[*_]{0,2}\s*"
    r"(?:[-#]?\s*(?P<number>\d{1,4})\s*[:.)\-–]*|[:.)\-–]+)[*_]{0,2}\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)
ANSWER = re.compile(r"^\s*[*_]{0,2}(?:A|Ans|Answer)[*_]{0,2}\s*(?:[-#]?\s*\d{1,4})?\s*(?::-|[:.)\-–])", re.IGNORECASE)
FENCE = re.compile(r"^\s*(```|~~~)")


def pairs(doc: Document) -> list[tuple[Found, bool]]:
    """Each question marker with its text and whether an answer marker follows before the next question."""
    out: list[tuple[Found, bool]] = []
    in_code = False
    lines = doc.lines
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_code = not in_code
        if in_code:
            continue
        match = QUESTION.match(line)
        if match:
            parts = [match.group("text")]
            for follow in lines[index + 1:]:
                if not follow.strip() or ANSWER.match(follow) or QUESTION.match(follow):
                    break
                parts.append(follow)
            number = int(match.group("number")) if match.group("number") else None
            out.append((Found(index + 1, unwrap(collapse(" ".join(parts))), doc.section_above(index + 1), number), False))
        elif ANSWER.match(line) and out and not out[-1][1]:
            out[-1] = (out[-1][0], True)
    ends = [f.line - 1 for f, _ in out[1:]] + [len(lines)] if out else []
    return [(Found(f.line, f.text, f.section, f.number, end), answered) for (f, answered), end in zip(out, ends, strict=True)]


class QAReader:
    name = "qa"

    def confidence(self, doc: Document) -> float:
        found = pairs(doc)
        if len(found) < 2:
            return 0.0
        return sum(answered for _, answered in found) / len(found)

    def read(self, doc: Document) -> list[Found]:
        return [f for f, _ in pairs(doc)]
