"""Map every source question to exactly one bank question, and find bank questions that repeat each other."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import ContentError, display_path
from .loader import read_yaml_file
from .matching import best_scores
from .model import Question, Source
from .normalise import normalise

ACCEPT = 85.0          # a fuzzy score at or above this covers the source question
AMBIGUITY_MARGIN = 4.0  # a second bank question this close to the best makes the match ambiguous
DUPLICATE = 90.0       # two bank questions whose titles or aliases score this high look like duplicates


@dataclass(frozen=True)
class Override:
    """An explicit mapping of one source question to a bank question."""

    source: str
    ref: str
    id: str
    why: str
    line: int


@dataclass
class Overrides:
    """``sources/overrides.yml``: explicit mappings and bank pairs confirmed to be distinct."""

    mappings: dict[tuple[str, str], Override] = field(default_factory=dict)
    distinct: set[frozenset[str]] = field(default_factory=set)
    path: str = "sources/overrides.yml"
    distinct_lines: dict[frozenset[str], int] = field(default_factory=dict)


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
    status: str  # covered | ambiguous | uncovered
    why: str
    score: float
    candidates: list[tuple[str, float]]


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

    def by_status(self, status: str) -> list[Match]:
        return [m for m in self.matches if m.status == status]

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
            "summary": {s: len(self.by_status(s)) for s in ("covered", "ambiguous", "uncovered")},
            "matches": [asdict(m) for m in self.matches],
            "duplicates": [asdict(d) for d in self.duplicates],
            "errors": [str(e) for e in self.errors],
        }


def load_overrides(path: Path, root: Path) -> tuple[Overrides, list[ContentError]]:
    """Read the overrides file (a missing file means no overrides)."""
    overrides = Overrides(path=display_path(path, root))
    if not path.exists():
        return overrides, []
    shown, text, data, _, errors = read_yaml_file(path, root)
    if text is None or errors:
        return overrides, errors
    data = data or {}
    if not isinstance(data, dict) or not set(data) <= {"map", "distinct"}:
        return overrides, [ContentError(shown, 1, "overrides file has only the keys 'map' and 'distinct'")]
    lines = text.splitlines()
    item_lines = [n for n, row in enumerate(lines, start=1) if row.lstrip().startswith("- ")]
    cursor = 0

    def next_line() -> int:
        nonlocal cursor
        cursor += 1
        return item_lines[cursor - 1] if cursor - 1 < len(item_lines) else 1

    for item in data.get("map") or []:
        line = next_line()
        valid = isinstance(item, dict) and set(item) == {"source", "ref", "id", "why"}
        if not valid or not all(isinstance(v, str) and v for v in item.values()):
            errors.append(ContentError(shown, line, "each mapping needs source, ref, id and why (non-empty strings)"))
            continue
        key = (item["source"], item["ref"])
        if key in overrides.mappings:
            errors.append(ContentError(shown, line, f"{item['source']}#{item['ref']} is mapped twice"))
        overrides.mappings[key] = Override(item["source"], item["ref"], item["id"], item["why"], line)
    for pair in data.get("distinct") or []:
        line = next_line()
        if not isinstance(pair, list) or len(pair) != 2 or not all(isinstance(p, str) for p in pair) or pair[0] == pair[1]:
            errors.append(ContentError(shown, line, "each 'distinct' entry is a pair of two different question ids"))
            continue
        overrides.distinct.add(frozenset(pair))
        overrides.distinct_lines[frozenset(pair)] = line
    return overrides, errors


def _entries(questions: list[Question]) -> tuple[list[str], list[str], list[str]]:
    """Normalised title and aliases of every bank question, with owner ids and the original text."""
    entries, owners, originals = [], [], []
    for q in questions:
        for text in [q.title, *q.aliases]:
            norm = normalise(text)
            if norm:
                entries.append(norm)
                owners.append(q.id)
                originals.append(text)
    return entries, owners, originals


def deduplicate(questions: list[Question], sources: list[Source], overrides: Overrides) -> DedupReport:
    """Map source questions to bank questions and find duplicate bank questions."""
    bank_ids = {q.id for q in questions}
    by_title = {q.id: q.title for q in questions}
    errors = _override_errors(overrides, sources, bank_ids)
    entries, owners, originals = _entries(questions)
    flat = [(s, sq) for s in sources for sq in s.questions]
    scores = best_scores([normalise(sq.asked) for _, sq in flat], entries, owners)

    matches: list[Match] = []
    for (source, sq), found in zip(flat, scores, strict=True):
        ranked = sorted(((owner, score) for owner, (score, _) in found.items()), key=lambda kv: (-kv[1], kv[0]))[:3]
        base = dict(source=source.id, origin=source.origin, ref=sq.ref, line=sq.line, asked=sq.asked,
                    level=sq.level, candidates=ranked)
        override = overrides.mappings.get((source.id, sq.ref))
        if override and override.id in bank_ids:
            matches.append(Match(**base, id=override.id, status="covered", why=f"override: {override.why}", score=100.0))
        elif not ranked or ranked[0][1] < ACCEPT:
            hint = f"closest is '{ranked[0][0]}' at {ranked[0][1]:.0f}, below {ACCEPT:.0f}" if ranked else "no bank question shares a word"
            matches.append(Match(**base, id=None, status="uncovered", why=hint, score=ranked[0][1] if ranked else 0.0))
        elif len(ranked) > 1 and ranked[1][1] >= ACCEPT and ranked[0][1] - ranked[1][1] < AMBIGUITY_MARGIN:
            why = (f"'{ranked[0][0]}' ({ranked[0][1]:.0f}) and '{ranked[1][0]}' ({ranked[1][1]:.0f}) match almost "
                   "equally: add an alias or an override")
            matches.append(Match(**base, id=None, status="ambiguous", why=why, score=ranked[0][1]))
        else:
            entry = found[ranked[0][0]][1]
            kind = "same words as" if ranked[0][1] == 100.0 else f"fuzzy {ranked[0][1]:.0f} with"
            what = "its title" if originals[entry] == by_title[ranked[0][0]] else "its alias"
            matches.append(Match(**base, id=ranked[0][0], status="covered",
                                 why=f"{kind} {what} '{originals[entry]}'", score=ranked[0][1]))
    return DedupReport(matches=matches, duplicates=find_duplicates(questions, overrides), errors=errors,
                       source_count=len(sources))


def find_duplicates(questions: list[Question], overrides: Overrides) -> list[DuplicatePair]:
    """Pairs of bank questions whose titles or aliases read as the same question."""
    entries, owners, originals = _entries(questions)
    scores = best_scores(entries, entries, owners, skip_owner=owners)
    pairs: dict[frozenset[str], DuplicatePair] = {}
    for j, found in enumerate(scores):
        for other, (score, _) in found.items():
            key = frozenset((owners[j], other))
            if score < DUPLICATE or key in overrides.distinct or key in pairs:
                continue
            first, second = sorted(key)
            pairs[key] = DuplicatePair(first, second, score, f"'{originals[j]}' ({owners[j]}) scores {score:.0f}")
    return sorted(pairs.values(), key=lambda p: (p.first, p.second))


def _override_errors(overrides: Overrides, sources: list[Source], bank_ids: set[str]) -> list[ContentError]:
    refs = {(s.id, q.ref) for s in sources for q in s.questions}
    source_ids = {s.id for s in sources}
    errors = []
    for (source, ref), o in overrides.mappings.items():
        if source not in source_ids:
            errors.append(ContentError(overrides.path, o.line, f"unknown source '{source}'"))
        elif (source, ref) not in refs:
            errors.append(ContentError(overrides.path, o.line, f"source '{source}' has no question '{ref}'"))
        if o.id not in bank_ids:
            errors.append(ContentError(overrides.path, o.line, f"'{o.id}' is no question id of the bank"))
    for pair, line in overrides.distinct_lines.items():
        for qid in sorted(pair - bank_ids):
            errors.append(ContentError(overrides.path, line, f"'distinct' names '{qid}', which is no question id"))
    return errors
