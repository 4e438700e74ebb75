"""What every layout reader shares: the document it reads, what it finds, and the reader interface."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Protocol

import ftfy
from markdown_it import MarkdownIt
from markdown_it.token import Token

# Mojibake repair only: curly quotes, full-width punctuation (Chinese "？") and ligatures are kept as written.
FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False,
                                   unescape_html=False, normalization=None)

# A back-to-top arrow after a question ("What is X? ↑"): navigation residue, never part of the question.
BACK_TO_TOP = re.compile(r"\s+[↑⬆⇧🔝]\ufe0f?\s*$")


@dataclass(frozen=True)
class Found:
    """One question a reader found: 1-based line, text as recorded, enclosing section, own number."""

    line: int
    text: str
    section: str | None = None
    number: int | None = None
    end: int = 0  # last line of the question with its answer (what the reader claims); 0 = the line alone

    @property
    def span(self) -> tuple[int, int]:
        return self.line, max(self.end, self.line)


@dataclass(frozen=True)
class Heading:
    level: int
    line: int  # 1-based
    text: str  # inline source, markers removed by the Markdown parser


@dataclass
class Document:
    """A source document: its name (for messages), raw text and the repaired ``\\n``-separated lines."""

    name: str
    raw: str
    blanked: frozenset[int] = field(default_factory=frozenset)  # 1-based lines hidden from readers
    markdown: bool = True  # False for a document read as code: its "# comments" are no headings

    @cached_property
    def text(self) -> str:
        """The text with mojibake repaired, back-to-top arrows at line ends dropped and blanked lines emptied."""
        text = self.raw.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
        lines = ftfy.fix_text(text, FTFY_CONFIG).split("\n")
        return "\n".join("" if n in self.blanked else BACK_TO_TOP.sub("", line) for n, line in enumerate(lines, start=1))

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def tokens(self) -> list[Token]:
        """The Markdown block tokens (CommonMark plus tables), each with its source line map."""
        return MarkdownIt("commonmark").enable("table").parse(self.text)

    @cached_property
    def headings(self) -> list[Heading]:
        """Markdown headings outside code, in order.

        A setext heading over several lines is left out: in real documents it is a paragraph that a
        line of dashes happens to follow (an answer's text above a ``-----`` rule), not a title."""
        out: list[Heading] = []
        if not self.markdown:
            return out
        for index, token in enumerate(self.tokens):
            if token.type == "heading_open" and token.map:
                text = self.tokens[index + 1].content.strip()
                if token.markup in ("-", "=") and "\n" in text:
                    continue
                out.append(Heading(int(token.tag[1]), token.map[0] + 1, text))
        return out

    @cached_property
    def code_lines(self) -> frozenset[int]:
        """1-based lines inside fenced or indented code blocks."""
        lines: set[int] = set()
        for token in self.tokens:
            if token.type in ("fence", "code_block") and token.map:
                lines.update(range(token.map[0] + 1, token.map[1] + 1))
        return frozenset(lines)

    def without(self, spans: list[tuple[int, int]]) -> Document:
        """The same document with the given line spans blanked (line numbers unchanged)."""
        hidden = set(self.blanked)
        for start, end in spans:
            hidden.update(range(start, end + 1))
        return replace(self, blanked=frozenset(hidden))

    def heading_chain(self, line: int, questions: frozenset[int] = frozenset()) -> list[str]:
        """The headings enclosing ``line``, outermost first, stopping above any question heading."""
        stack: list[Heading] = []
        for heading in self.headings:
            if heading.line >= line:
                break
            while stack and stack[-1].level >= heading.level:
                stack.pop()
            stack.append(heading)
        chain = []
        for heading in stack:
            if heading.line in questions:
                break
            chain.append(heading.text)
        return chain

    def section_above(self, line: int, below_level: int = 7, skip: frozenset[int] = frozenset()) -> str | None:
        """The nearest heading above ``line`` with a level under ``below_level`` (lines in ``skip`` ignored)."""
        best = None
        for heading in self.headings:
            if heading.line >= line:
                break
            if heading.level < below_level and heading.line not in skip and heading.text:
                best = heading.text
        return best


class Reader(Protocol):
    """A layout reader: how sure it is that a document uses its layout, and the questions it reads."""

    name: str

    def confidence(self, doc: Document) -> float: ...

    def read(self, doc: Document) -> list[Found]: ...
