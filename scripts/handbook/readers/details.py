"""``<details><summary>N. question</summary> answer </details>`` blocks in a Markdown document.

The HTML is read with BeautifulSoup (``html.parser`` records each tag's source line); fenced code is
hidden from the parser first, so HTML inside code samples is never read.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from .base import Document, Found
from .text import collapse, looks_like_question, question_text


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


class DetailsReader:
    name = "details"

    def _summaries(self, doc: Document) -> list[tuple[Tag, Tag | None]]:
        if "<summary" not in doc.text.lower():
            return []
        return [(s, s.find_parent("details")) for s in html_soup(doc).find_all("summary")]

    def _found(self, doc: Document) -> tuple[list[Found], int]:
        summaries = self._summaries(doc)
        out = []
        for summary, details in summaries:
            number, text = question_text(collapse(summary.get_text(" ")))
            if text and (number is not None or looks_like_question(text)):
                line = text_line(summary)
                end = end_line(details) if details is not None else end_line(summary)
                out.append(Found(line, text, doc.section_above(line), number, end))
        return out, len(summaries)

    def confidence(self, doc: Document) -> float:
        found, total = self._found(doc)
        if not found:
            return 0.0
        purity = sum(looks_like_question(f.text) for f in found) / len(found)
        return purity * (0.5 + 0.5 * len(found) / total)

    def read(self, doc: Document) -> list[Found]:
        return self._found(doc)[0]
