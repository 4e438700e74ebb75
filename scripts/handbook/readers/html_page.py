"""Standalone HTML pages: the questions are the elements of one kind (``h2``, ``h3``, ``summary``,
``dt``, ``li``...) that most often read as questions. Parsed with BeautifulSoup, never with regexes."""

from __future__ import annotations

from collections import defaultdict

from bs4 import BeautifulSoup, Tag

from .base import Document, Found
from .details import end_line, text_line
from .text import collapse, looks_like_question, question_text

CANDIDATES = ("h1", "h2", "h3", "h4", "h5", "h6", "summary", "dt", "li", "p", "strong", "b")
IGNORED = ("script", "style", "nav", "header", "footer", "pre", "code", "template", "noscript")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def is_page(doc: Document) -> bool:
    start = doc.text.lstrip().lower()
    return start.startswith(("<!doctype html", "<html", "<?xml")) and "<body" in doc.text.lower()


def _section(tag: Tag, chosen: str) -> str | None:
    """The nearest heading above of a higher rank than the question elements (any heading for non-headings)."""
    above = HEADINGS[: HEADINGS.index(chosen)] if chosen in HEADINGS else HEADINGS
    for previous in tag.find_all_previous(above):
        if not previous.find_parent(IGNORED):
            return collapse(previous.get_text(" ")) or None
    return None


class HtmlPageReader:
    name = "html"

    def _groups(self, doc: Document) -> tuple[str | None, list[Tag]]:
        if not is_page(doc):
            return None, []
        soup = BeautifulSoup(doc.text, "html.parser")
        groups: dict[str, list[Tag]] = defaultdict(list)
        for tag in soup.find_all(CANDIDATES):
            if tag.find_parent(IGNORED) or (tag.name == "li" and tag.find_parent("li")):
                continue
            number, text = question_text(collapse(tag.get_text(" ")))
            if text and (looks_like_question(text) or (number is not None and tag.name in HEADINGS)):
                groups[tag.name].append(tag)
        if not groups:
            return None, []
        name = max(groups, key=lambda n: (len(groups[n]), -CANDIDATES.index(n)))
        return name, groups[name]

    def confidence(self, doc: Document) -> float:
        _, tags = self._groups(doc)
        if len(tags) < 2:
            return 0.0
        return sum(looks_like_question(question_text(collapse(t.get_text(" ")))[1]) for t in tags) / len(tags)

    def read(self, doc: Document) -> list[Found]:
        name, tags = self._groups(doc)
        out = []
        for tag in tags:
            number, text = question_text(collapse(tag.get_text(" ")))
            out.append(Found(text_line(tag), text, _section(tag, name or ""), number, end_line(tag)))
        return out
