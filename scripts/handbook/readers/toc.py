"""A table of contents of anchor links, then the questions as headings: only the headings count.

A TOC entry links to ``#anchor``; the question is the heading after the TOC whose GitHub-style slug
is the anchor or whose text is the entry's text. A TOC of section titles (entries that do not read
as questions) gives no questions.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from .base import Document, Found, Heading
from .headings import questions_at
from .lists import outer_lists
from .text import collapse, is_link_only, looks_like_question, plain, question_text

LINK = re.compile(r"\[(?P<text>[^\]]*)\]\(#(?P<anchor>[^)\s]*)\)")
MIN_ENTRIES = 3


def slug(text: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = unicodedata.normalize("NFC", plain(text).lower())
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return text.replace(" ", "-")


def key(text: str) -> str:
    return collapse(plain(text)).casefold()


QUESTION_SHARE = 0.5  # a TOC list lists questions when more than this share of its entries reads as questions


def toc_entries(doc: Document) -> tuple[list[tuple[str, str]], list[tuple[int, int]]]:
    """(text, anchor) of every entry of the TOC lists, and the lines those lists take.

    When some TOC lists read as questions, a list of other entries ("Contributing", "License") is
    navigation: its lines are claimed, its entries are no questions."""
    lists, spans = [], []
    for items in outer_lists(doc.tokens):
        links = [LINK.search(i.source) for i in items if is_link_only(i.source)]
        if len(items) >= MIN_ENTRIES and len(links) >= 0.8 * len(items):
            lists.append([(m.group("text"), unquote(m.group("anchor"))) for m in links if m])
            spans.append((items[0].line, items[-1].end))
    asking = [entries for entries in lists
              if sum(looks_like_question(question_text(text)[1]) for text, _ in entries) > QUESTION_SHARE * len(entries)]
    return [entry for entries in (asking or lists) for entry in entries], spans


def matched_headings(doc: Document) -> tuple[list[Heading], int, list[tuple[int, int]]]:
    entries, spans = toc_entries(doc)
    after = max((end for _, end in spans), default=0)
    headings = [h for h in doc.headings if h.line > after]
    chosen: dict[int, Heading] = {}
    for text, anchor in entries:
        for heading in headings:
            if heading.line not in chosen and (slug(heading.text) == slug(anchor.replace("-", " "))
                                               or key(heading.text) == key(text)):
                chosen[heading.line] = heading
                break
    return sorted(chosen.values(), key=lambda h: h.line), len(entries), spans


class TocReader:
    name = "toc"

    def confidence(self, doc: Document) -> float:
        chosen, entries, _ = matched_headings(doc)
        if len(chosen) < MIN_ENTRIES:
            return 0.0
        asks = sum(looks_like_question(question_text(h.text)[1]) for h in chosen) / len(chosen)
        return len(chosen) / entries * (1.0 if asks >= 0.5 else asks)

    def read(self, doc: Document) -> list[Found]:
        return questions_at(doc, matched_headings(doc)[0])

    def claimed(self, doc: Document) -> list[tuple[int, int]]:
        """The TOC lists, besides the questions: nothing else should read them."""
        return toc_entries(doc)[1]
