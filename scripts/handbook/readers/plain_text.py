"""Helpers of the PDF-to-text and article readers (the layouts of the seed documents).

Those documents are read after :func:`repair`: mojibake fixed with ftfy's full defaults (so their
registry entries stay as recorded) and navigation residue ("Back to Top", link-only TOC lines) blanked.
A candidate only counts when an answer of at least ``MIN_ANSWER_WORDS`` words follows it, which leaves
out tables of contents and teaser lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy

from .base import Document, Found

MIN_ANSWER_WORDS = 8
NAV_LINE = re.compile(
    r"back to top|^\s*[-*]\s*\[[^\]]*\]\(#[^)]*\)\s*$|^\s*table of contents\s*$|^\s*visit \[[^\]]*\]\(#\)|connect with me",
    re.IGNORECASE,
)
WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
INTERROGATIVES = {"what", "what's", "whats", "how", "why", "when", "where", "which", "who", "is", "are", "do",
                  "does", "can", "should", "would", "could", "will"}
IMPERATIVES = {"explain", "describe", "define", "compare", "differentiate", "difference", "list", "name",
               "walk", "tell"}
SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "with", "vs", "by", "at", "as"}


@dataclass
class Candidate:
    """A line that may be a question, before the answer-length check (``text`` empty: a section boundary)."""

    line: int
    text: str
    number: int | None
    section: str | None


def repair(raw: str) -> str:
    """Fix mojibake (``â€™``), normalise line ends and drop navigation lines, keeping line numbers."""
    text = ftfy.fix_text(raw.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join("" if NAV_LINE.search(line) else line.rstrip() for line in text.split("\n"))


def repaired_lines(doc: Document) -> list[str]:
    """The document's lines after :func:`repair`, with the lines hidden from readers blanked."""
    lines = repair(doc.raw).split("\n")
    return ["" if n in doc.blanked else line for n, line in enumerate(lines, start=1)]


def clean_inline(text: str) -> str:
    """Strip Markdown emphasis, leading symbols and extra spaces from a heading."""
    text = re.sub(r"\*\*|__", "", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", text)
    text = re.sub(r"^[^\w`'\"(]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def first_word(text: str) -> str:
    match = WORD.search(text)
    return match.group(0).lower().replace("’", "'") if match else ""


def is_title_case(text: str) -> bool:
    """True when most significant words after the first start with a capital, as headings do."""
    words = [w for w in WORD.findall(text)[1:] if w.lower() not in SMALL_WORDS and len(w) > 3]
    if not words:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.8


def looks_like_question(text: str, *, heading_style: bool = False) -> bool:
    """Whether a line reads as an interview question.

    With ``heading_style`` (prose articles), a title-cased line with no question mark is taken as a
    section title rather than a question: "How Our Product Can Help You" is an ad heading.
    """
    text = text.strip()
    if not text or len(text) > 200:
        return False
    if text.endswith("?"):
        return True
    word = first_word(text)
    if word in IMPERATIVES:
        return not text.endswith((":", ","))
    if word in INTERROGATIVES and not text.endswith((".", ":", ",", ";", "!")):
        return not (heading_style and is_title_case(text))
    return False


def is_code_like(text: str) -> bool:
    return bool(re.search(r"[(){}\[\]=<>]|^\s*(from|import|def|class|return|@|#)\b", text)) or text.endswith(":")


def is_section_title(text: str) -> bool:
    """A plain-text line that reads as a section title."""
    text = text.strip()
    return (0 < len(text) <= 100 and not is_code_like(text) and not text.endswith((".", ",", ";", "?", "!"))
            and not re.match(r"^[-*•\d]", text) and "\t" not in text and text[0].isupper())


def answered(lines: list[str], candidates: list[Candidate]) -> list[Found]:
    """The candidates followed by an answer of at least ``MIN_ANSWER_WORDS`` words, as found questions."""
    out = []
    for position, cand in enumerate(candidates):
        if not cand.text:
            continue
        end = candidates[position + 1].line - 1 if position + 1 < len(candidates) else len(lines)
        if sum(len(WORD.findall(line)) for line in lines[cand.line:end]) >= MIN_ANSWER_WORDS:
            out.append(Found(cand.line, cand.text, cand.section, cand.number, end))
    return out
