"""``<details><summary>N. question</summary> answer </details>`` blocks in a Markdown document.

The HTML is read with BeautifulSoup (``html.parser`` records each tag's source line); fenced code is
hidden from the parser first, so HTML inside code samples is never read.

When (nearly) every summary says the same thing ("Show answer", "Reveal"), the summaries are labels
that hide the answers, not questions: each question is then the text asked just above its block
(a paragraph, or else the heading over it), code samples between the two skipped.
"""

from __future__ import annotations

import re
from collections import Counter

from bs4 import BeautifulSoup, Tag

from .base import Document, Found
from .text import collapse, looks_like_question, plain, question_text

LABEL_SHARE = 0.8  # summaries that repeat one text this often (and at least twice) are reveal labels
RULE = re.compile(r"\s*(?:[-*_]\s*){3,}")


def html_soup(doc: Document) -> BeautifulSoup:
    """The document parsed as HTML, with code blocks blanked (line numbers unchanged)."""
    code = doc.code_lines
    text = "\n".join("" if n in code else line for n, line in enumerate(doc.lines, start=1))
    return BeautifulSoup(text, "html.parser")


def text_line(tag: Tag) -> int:
    """The line where a tag's text starts (the text may begin on a line after the tag)."""
    leading = ""
    for piece in tag.strings:
        leading += piece
        if piece.strip():
            break
    before = leading[: len(leading) - len(leading.lstrip())]
    return (tag.sourceline or 1) + before.count("\n")


def end_line(tag: Tag) -> int:
    """The line of a tag's closing tag, from the newlines its content spans."""
    return (tag.sourceline or 1) + str(tag).count("\n")


def summary_text(summary: Tag) -> str:
    return plain(summary.get_text(" ")).lower()


def reveal_label(summaries: list[Tag]) -> str | None:
    """The label the summaries repeat ("show answer"), if they are one repeated label rather than questions."""
    texts = Counter(summary_text(summary) for summary in summaries)
    label, count = texts.most_common(1)[0] if texts else ("", 0)
    return label if label and count >= 2 and count >= LABEL_SHARE * len(summaries) else None


def hides_an_answer(summary: Tag, label: str) -> bool:
    """In a document of reveal labels, whether a summary is one of them or another that asks nothing ("Hint",
    "Show hint"): either way the question is asked above its block."""
    text = summary_text(summary)
    number, asked = question_text(text)
    return (text == label or text.split()[:1] == label.split()[:1]
            or (number is None and not looks_like_question(asked)))


def number_label(text: str) -> bool:
    """A heading that only numbers a question: "Question 2", "Q3", "Exercise 5" (not "Part 1", "Python 3")."""
    return bool(re.fullmatch(r"(?:q|ques|question|exercise|problem|task)\s*#?\s*\d{1,4}[.):]?", plain(text).lower()))


def ends_a_block(line: str) -> bool:
    lowered = line.lower()
    return any(tag in lowered for tag in ("<details", "</details>", "</summary>"))


def asked_above(doc: Document, line: int) -> tuple[int, str] | None:
    """The question asked just above line ``line``: the nearest paragraph (code, blank lines and rules
    skipped), or else the heading over it unless it only numbers the question; its first line and text.
    Nothing is asked when the previous block ends first."""
    headings = {h.line: h for h in doc.headings}
    n = line - 1
    while n >= 1 and n not in headings and (n in doc.code_lines or not doc.lines[n - 1].strip()
                                            or RULE.fullmatch(doc.lines[n - 1])):
        n -= 1
    if n < 1 or ends_a_block(doc.lines[n - 1]):
        return None
    if n in headings:
        return None if number_label(headings[n].text) else (n, headings[n].text)
    end = n
    while (n > 1 and n - 1 not in headings and n - 1 not in doc.code_lines and doc.lines[n - 2].strip()
           and not ends_a_block(doc.lines[n - 2])):
        n -= 1
    return n, collapse(" ".join(doc.lines[n - 1:end]))


class DetailsReader:
    name = "details"

    def _summaries(self, doc: Document) -> list[tuple[Tag, Tag | None]]:
        if "<summary" not in doc.text.lower():
            return []
        return [(s, s.find_parent("details")) for s in html_soup(doc).find_all("summary")]

    def _found(self, doc: Document) -> tuple[list[Found], int]:
        summaries = self._summaries(doc)
        label = reveal_label([summary for summary, _ in summaries])
        labels = frozenset(h.line for h in doc.headings if number_label(h.text))  # "### Question 2": no section
        out = []
        for summary, details in summaries:
            block = details if details is not None else summary
            if label is not None and hides_an_answer(summary, label):
                asked = asked_above(doc, block.sourceline or 1)
                if asked is None:
                    continue
                line, text = asked
            else:
                line, text = text_line(summary), collapse(summary.get_text(" "))
            number, text = question_text(text)
            if text and (label is not None or number is not None or looks_like_question(text)):
                out.append(Found(line, text, doc.section_above(line, skip=labels), number, end_line(block)))
        return out, len(summaries)

    def confidence(self, doc: Document) -> float:
        found, total = self._found(doc)
        if not found:
            return 0.0
        purity = sum(looks_like_question(f.text) for f in found) / len(found)
        return purity * (0.5 + 0.5 * len(found) / total)

    def read(self, doc: Document) -> list[Found]:
        return self._found(doc)[0]
