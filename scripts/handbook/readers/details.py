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


def reveal_labels(summaries: list[Tag]) -> bool:
    """Whether the summaries are one repeated label rather than questions."""
    texts = Counter(plain(summary.get_text(" ")).lower() for summary in summaries)
    label, count = texts.most_common(1)[0] if texts else ("", 0)
    return bool(label) and count >= 2 and count >= LABEL_SHARE * len(summaries)


def asked_above(doc: Document, line: int) -> tuple[int, str, int | None] | None:
    """The question asked just above line ``line``: the nearest paragraph (code, blank lines and rules
    skipped), or else the heading over it; its first line, its text, and the line of the heading that
    belongs to it (the heading right over the paragraph, or the heading that is the question), if any."""
    headings = {h.line: h for h in doc.headings}
    n = line - 1
    while n >= 1 and n not in headings and (n in doc.code_lines or not doc.lines[n - 1].strip()
                                            or RULE.fullmatch(doc.lines[n - 1])):
        n -= 1
    if n < 1 or "</details>" in doc.lines[n - 1].lower() or "</summary>" in doc.lines[n - 1].lower():
        return None  # the previous block's answer: nothing is asked between the two
    if n in headings:
        return n, headings[n].text, n
    end = n
    while n > 1 and n - 1 not in headings and n - 1 not in doc.code_lines and doc.lines[n - 2].strip():
        n -= 1
    return n, collapse(" ".join(doc.lines[n - 1:end])), (n - 1 if n - 1 in headings else None)


class DetailsReader:
    name = "details"

    def _summaries(self, doc: Document) -> list[tuple[Tag, Tag | None]]:
        if "<summary" not in doc.text.lower():
            return []
        return [(s, s.find_parent("details")) for s in html_soup(doc).find_all("summary")]

    def _found(self, doc: Document) -> tuple[list[Found], int]:
        summaries = self._summaries(doc)
        if reveal_labels([summary for summary, _ in summaries]):
            return self._asked_above_labels(doc, summaries), len(summaries)
        out = []
        for summary, details in summaries:
            number, text = question_text(collapse(summary.get_text(" ")))
            if text and (number is not None or looks_like_question(text)):
                line = text_line(summary)
                end = end_line(details) if details is not None else end_line(summary)
                out.append(Found(line, text, doc.section_above(line), number, end))
        return out, len(summaries)

    @staticmethod
    def _asked_above_labels(doc: Document, summaries: list[tuple[Tag, Tag | None]]) -> list[Found]:
        asked = []
        for summary, details in summaries:
            block = details if details is not None else summary
            found = asked_above(doc, block.sourceline or 1)
            if found is not None:
                asked.append((*found, end_line(block)))
        own = frozenset(heading for _, _, heading, _ in asked if heading is not None)  # "### Question 2" labels
        out = []
        for line, text, _, end in asked:
            number, text = question_text(text)
            if text:
                out.append(Found(line, text, doc.section_above(line, skip=own), number, end))
        return out

    def confidence(self, doc: Document) -> float:
        found, total = self._found(doc)
        if not found:
            return 0.0
        purity = sum(looks_like_question(f.text) for f in found) / len(found)
        return purity * (0.5 + 0.5 * len(found) / total)

    def read(self, doc: Document) -> list[Found]:
        return self._found(doc)[0]
