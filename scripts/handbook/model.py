"""Plain data types shared by every stage of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .changes import Change
    from .syllabus import Syllabus

LEVELS: tuple[str, ...] = ("junior", "mid", "senior")
LEVEL_TITLES: dict[str, str] = {"junior": "Junior", "mid": "Mid", "senior": "Senior"}


@dataclass(frozen=True)
class Topic:
    """A topic page: its id is its URL segment."""

    id: str
    title: str
    summary: str


@dataclass(frozen=True)
class Correction:
    """A claim a source gets wrong, the fact, and where the fact is documented."""

    claim: str
    fact: str
    ref: str


@dataclass
class Question:
    """One question of the bank, loaded from ``content/questions/<topic>/<id>.md``."""

    id: str
    title: str
    topic: str
    level: str
    path: str
    answers: dict[str, str]
    tags: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)  # syllabus page ids, e.g. "django:topics/db/queries"
    retired: list[str] = field(default_factory=list)  # ids of questions merged into this one; their links still work
    keywords: list[str] = field(default_factory=list)  # search synonyms ("rate limit" on throttling), never shown
    errors: list[str] = field(default_factory=list)  # error messages and symptoms it explains: indexed, never shown
    answer_lines: dict[str, int] = field(default_factory=dict)
    order: int = 1000
    key_lines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceQuestion:
    """A question as one source document asks it."""

    ref: str
    asked: str
    section: str | None = None
    level: str | None = None
    line: int = 0
    entry_line: int = 0  # where the entry sits in its registry file (not stored)
    off_topic: bool = False  # not about Django or DRF: reported, never uncovered work
    about: str = ""  # the digest of the document's own answer (handbook.answer_digest): words, best first


@dataclass
class Source:
    """One source document of the registry, ``sources/<id>.yml``."""

    id: str
    title: str
    kind: str
    origin: str
    credit: str
    path: str
    questions: list[SourceQuestion] = field(default_factory=list)
    url: str | None = None
    ingest: dict = field(default_factory=dict)
    pending: bool = False  # its unanswered questions are known open work, not a coverage error
    licence: str | None = None


def merged_into(questions: list[Question]) -> dict[str, str]:
    """Each retired id (a question merged into another, ``retired:``) and the id of the question it became."""
    return {old: q.id for q in questions for old in q.retired}


@dataclass
class Bank:
    """Everything the site is generated from."""

    topics: list[Topic]
    questions: list[Question]
    sources: list[Source]
    syllabus: Syllabus | None = None  # the official pages questions name in ``docs:``
    changes: list[Change] = field(default_factory=list)  # the "What changed" page
    synonyms: list[list[str]] = field(default_factory=list)  # search synonym groups (content/search-synonyms.yml)
    _by_id: dict[str, Question] = field(default_factory=dict, repr=False, compare=False)

    def by_id(self) -> dict[str, Question]:
        """Questions keyed by their permanent id (built once)."""
        if len(self._by_id) != len(self.questions):
            self._by_id = {q.id: q for q in self.questions}
        return self._by_id

    def retired(self) -> dict[str, str]:
        """Each retired id and the question it was merged into."""
        return merged_into(self.questions)

    def topic_questions(self, topic_id: str) -> list[Question]:
        """The questions of one topic, in page order."""
        return [q for q in self.questions if q.topic == topic_id]
