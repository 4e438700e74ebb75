"""Read a raw source document and list the interview questions it asks.

The layout readers in :mod:`handbook.readers` find the questions (one reader per layout, the most
confident one chosen, mixed documents read part by part); this module turns what they found into
registry entries: stable references, the section cited by its first words, the level a section
states, whether the question is about Django/DRF at all (:mod:`handbook.offtopic`), and a digest of
the document's own answer to it (:mod:`handbook.answer_digest`).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

from .answer_digest import answers, digests
from .model import SourceQuestion
from .offtopic import is_off_topic, names_django
from .readers import READERS, Document, Found, LayoutError, read_layout
from .readers.plain_text import repair

__all__ = ["FORMATS", "SECTION_WORDS", "Ingested", "LayoutError", "cite_section", "ingest_document", "ingest_text",
           "level_of", "repair"]

FORMATS = tuple(READERS)
SECTION_WORDS = 8  # a section heading is cited by its first words, not copied whole
LEVEL_WORDS = {
    "junior": ("junior", "basic", "beginner", "fundamental"),
    "mid": ("mid-level", "mid level", "intermediate", "mid "),
    "senior": ("senior", "advanced", "expert"),
}
SLUG_NOISE = {"the", "and", "in", "of", "questions", "question", "interview", "answers", "a", "to"}


@dataclass
class Ingested:
    """What ingest recorded from one document, and how it read it."""

    layout: str
    confidence: float
    questions: list[SourceQuestion]
    ratings: dict[str, float]


def cite_section(section: str | None) -> str | None:
    """A section heading shortened to its first words: enough to find it, not a copy of the prose."""
    if not section:
        return section
    words = section.split()
    return section if len(words) <= SECTION_WORDS else " ".join(words[:SECTION_WORDS]) + " …"


def level_of(section: str | None) -> str | None:
    """The interview level a section title states, if any."""
    if not section:
        return None
    lowered = f" {section.lower()} "
    for level, words in LEVEL_WORDS.items():
        if any(w in lowered for w in words):
            return level
    return None


def _slug(text: str) -> str:
    """The first three meaningful words of a section title, kebab-cased."""
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in SLUG_NOISE]
    return "-".join(words[:3]) or "section"


def _reference(found: Found, part: int, ordinal: int, taken: set[str]) -> str:
    """A short, stable, readable reference: ``<section>-<number>``, ``part<k>-<number>`` or ``q<n>``."""
    prefix = _slug(found.section) if found.section else f"part{part}"
    base = f"{prefix}-{found.number}" if found.number is not None else f"q{ordinal}"
    ref, suffix = base, 2
    while ref in taken:
        ref, suffix = f"{base}-{suffix}", suffix + 1
    taken.add(ref)
    return ref


# A bracketed label before a question: "(Single Choice) Which ...?", "(True/False) Django ...".
LEADING_TAG = re.compile(r"^\(([^()]{1,30})\)\s+(?=\S)")
TAG_REPEATS = 3  # a leading tag on this many questions is a label of the document's, not part of a question


def without_labels(found: list[Found]) -> list[Found]:
    """The questions without the bracketed labels a quiz puts before them ("(Single Choice)"): a tag that
    starts at least ``TAG_REPEATS`` questions and names no subject: neither Django ("(DRF)") nor
    another technology ("(Python)"), which the off-topic rule reads."""
    tags = Counter(m.group(1).strip().lower() for f in found if (m := LEADING_TAG.match(f.text)))
    labels = {tag for tag, count in tags.items()
              if count >= TAG_REPEATS and not names_django(tag) and not is_off_topic(tag)}  # "(Python)" stays
    out = []
    for item in found:
        match = LEADING_TAG.match(item.text)
        if match and match.group(1).strip().lower() in labels:
            item = dataclasses.replace(item, text=item.text[match.end():])
        out.append(item)
    return out


def to_questions(doc: Document, found: list[Found], skip_sections: list[str] | None = None,
                 skip_questions: list[str] | None = None) -> list[SourceQuestion]:
    """Registry entries for what a reader found, in order, with references and the off-topic mark."""
    skip_s = [re.compile(p, re.IGNORECASE) for p in skip_sections or []]
    skip_q = [re.compile(p, re.IGNORECASE) for p in skip_questions or []]
    question_lines = frozenset(f.line for f in found)
    answered = answers(doc, found)
    about = dict(zip(answered, digests(list(answered.values())), strict=True))
    questions: list[SourceQuestion] = []
    refs: set[str] = set()
    part, previous_number, ordinal = 1, 0, 0
    for item in found:
        if any(p.search(item.section or "") for p in skip_s) or any(p.search(item.text) for p in skip_q):
            continue
        if item.number is not None and item.number <= previous_number:
            part += 1
        previous_number = item.number or previous_number
        ordinal += 1
        chain = doc.heading_chain(item.line, question_lines) or ([item.section] if item.section else [])
        questions.append(SourceQuestion(ref=_reference(item, part, ordinal, refs), asked=item.text,
                                        section=cite_section(item.section), level=level_of(item.section),
                                        line=item.line, off_topic=is_off_topic(item.text, chain), about=about[item.line]))
    return questions


def ingest_document(raw: str, name: str = "<document>", layout: str = "auto", skip_sections: list[str] | None = None,
                    skip_questions: list[str] | None = None) -> Ingested:
    """Read a raw document with the named layout (``auto``: detect); :class:`LayoutError` when none is confident."""
    doc = Document(name, raw)
    reading = read_layout(doc, layout)
    if not getattr(READERS[reading.layout.split("+")[0]], "markdown", True):
        doc = dataclasses.replace(doc, markdown=False)  # no Markdown headings: sections and answers are the reader's
    found = without_labels(reading.found)
    return Ingested(reading.layout, reading.confidence, to_questions(doc, found, skip_sections, skip_questions),
                    reading.ratings)


def ingest_text(raw: str, fmt: str = "auto", skip_sections: list[str] | None = None,
                skip_questions: list[str] | None = None, name: str = "<document>") -> tuple[str, list[SourceQuestion]]:
    """The layout used and the questions of a raw document."""
    result = ingest_document(raw, name, fmt, skip_sections, skip_questions)
    return result.layout, result.questions
