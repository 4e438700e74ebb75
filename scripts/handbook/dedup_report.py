"""The result of de-duplication: where each source question landed, and bank questions that repeat each other.

Kept apart from :mod:`handbook.dedup` so that reading a report (the site build receives it from the process
that de-duplicated) does not import the matcher and scikit-learn.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import cached_property

from .errors import ContentError

STATUSES = ("covered", "suggested", "new", "off-topic")


@dataclass
class Match:
    """Where one source question landed, and why."""

    source: str
    origin: str
    ref: str
    line: int
    asked: str
    level: str | None
    id: str | None
    status: str  # covered | suggested | new | off-topic
    why: str
    score: float
    candidates: list[dict] = field(default_factory=list)  # top three: id, score, words that matched
    pending: bool = False  # the source's unanswered questions are known open work
    about: str = ""  # the digest of the source's own answer (handbook.answer_digest); an unsure question's order reads it


@dataclass(frozen=True)
class DuplicatePair:
    """Two bank questions that read as the same question."""

    first: str
    second: str
    score: float
    why: str


@dataclass
class DedupReport:
    """The result of de-duplication, ready for the terminal, JSON and the site."""

    matches: list[Match]
    duplicates: list[DuplicatePair]
    errors: list[ContentError]
    source_count: int
    meaning: str = ""  # how the unsure questions' candidates were ordered: by meaning too, or why not

    def by_status(self, status: str) -> list[Match]:
        return [m for m in self.matches if m.status == status]

    def open_work(self) -> list[Match]:
        """Suggested and new questions of pending sources: known work, not an error."""
        return [m for m in self.matches if m.pending and m.status in ("suggested", "new")]

    def asked_by(self) -> dict[str, list[Match]]:
        """Covered source questions grouped by the bank id they map to."""
        return self._asked_by

    @cached_property
    def _asked_by(self) -> dict[str, list[Match]]:
        out: dict[str, list[Match]] = defaultdict(list)
        for m in self.matches:
            if m.status == "covered" and m.id:
                out[m.id].append(m)
        return dict(out)

    @cached_property
    def _source_counts(self) -> dict[str, int]:
        return {bank_id: len({m.source for m in matches}) for bank_id, matches in self._asked_by.items()}

    def sources_asking(self, bank_id: str) -> int:
        """In how many distinct source documents a bank question is asked."""
        return self._source_counts.get(bank_id, 0)

    def to_json(self) -> dict:
        return {
            "source_count": self.source_count,
            "summary": {s: len(self.by_status(s)) for s in STATUSES},
            "open_work": len(self.open_work()),
            "matches": [asdict(m) for m in self.matches],
            "duplicates": [asdict(d) for d in self.duplicates],
            "errors": [str(e) for e in self.errors],
        }
