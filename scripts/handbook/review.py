"""The review loop: a person accepts a suggestion, or marks a source question new or off-topic.

Every decision becomes an entry of ``sources/overrides.yml`` (``map``, ``new`` or ``off_topic``)
that records the source and the question's ref. Accepting writes a ``map`` entry, not an alias:
an alias would copy the source's wording into ``content/``. The file is rewritten with
ruamel.yaml's round-trip mode, so its comments and layout stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .dedup_report import DedupReport, Match
from .overrides import DECISION_KEYS
from .report import candidates


class ReviewError(ValueError):
    """A decision that names a source question or bank question that does not exist."""


@dataclass(frozen=True)
class Decision:
    """What a person decided about one source question."""

    source: str
    ref: str
    kind: str  # map | new | off_topic
    why: str
    id: str | None = None


def parse_target(text: str) -> tuple[str, str, str | None]:
    """``SOURCE:REF`` or ``SOURCE:REF=BANK_ID`` -> (source, ref, bank id or None)."""
    target, _, bank_id = text.partition("=")
    source, sep, ref = target.partition(":")
    if not sep or not source or not ref or ("=" in text and not bank_id):
        raise ReviewError(f"'{text}': expected SOURCE:REF or SOURCE:REF=BANK_ID")
    return source, ref, bank_id or None


def check_decision(decision: Decision, report: DedupReport, bank_ids: set[str]) -> None:
    """Refuse a decision about a source question or a bank question that does not exist."""
    if not any(m.source == decision.source and m.ref == decision.ref for m in report.matches):
        raise ReviewError(f"no source question '{decision.source}:{decision.ref}'")
    if decision.kind == "map" and decision.id not in bank_ids:
        raise ReviewError(f"'{decision.id}' is no question id of the bank")


def _yaml() -> YAML:
    yaml = YAML()  # round-trip: comments, key order and flow style survive
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 140
    return yaml


def record(path: Path, decisions: list[Decision]) -> None:
    """Write decisions into the overrides file, replacing any earlier decision about the same question."""
    yaml = _yaml()
    data = yaml.load(path.read_text(encoding="utf-8")) if path.exists() else None
    if data is None:
        data = CommentedMap()
    for decision in decisions:
        for kind in DECISION_KEYS:
            items = data.get(kind)
            if items:
                for index in reversed(range(len(items))):
                    item = items[index]
                    if item.get("source") == decision.source and item.get("ref") == decision.ref:
                        del items[index]
        if not data.get(decision.kind):
            data[decision.kind] = CommentedSeq()
        entry = CommentedMap(source=decision.source, ref=decision.ref)
        if decision.kind == "map":
            entry["id"] = decision.id
        entry["why"] = decision.why
        data[decision.kind].append(entry)
    for kind in DECISION_KEYS:
        if kind in data and isinstance(data[kind], CommentedSeq) and not data[kind]:
            data[kind].fa.set_flow_style()
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


ID_HINTS = 8  # ids listed when a reply is part of some bank ids


def to_review(report: DedupReport, source: str | None = None) -> list[Match]:
    """Suggested questions first, then new ones not yet confirmed, optionally of one source."""
    out = [m for m in report.by_status("suggested") if source in (None, m.source)]
    return out + [m for m in report.by_status("new") if source in (None, m.source) and not m.why.startswith("marked new")]


def interactive(matches: list[Match], ask: Callable[[str], str] = input, say: Callable[[str], None] = print,
                bank_ids: frozenset[str] = frozenset()) -> list[Decision]:
    """Ask about each question in turn: accept a candidate by number, or any bank question by its id (part of
    an id lists the ids that contain it), mark it new or off-topic, skip, or quit."""
    decisions: list[Decision] = []
    hint = ", or a bank id" if bank_ids else ""
    for n, m in enumerate(matches, start=1):
        say(f"\n[{n}/{len(matches)}] {m.source}:{m.ref} ({m.status}) {m.asked}")
        say(f"    why: {m.why}")
        if m.about:
            say(f"    its source's answer is about: {m.about}")
        for line in candidates(m):
            say(f"    {line}")
        while True:
            answer = ask(f"accept 1-3{hint}, (n)ew, (o)ff-topic, (s)kip, (q)uit > ").strip().lower()
            if answer in {"1", "2", "3"} and int(answer) <= len(m.candidates):
                chosen = m.candidates[int(answer) - 1]
                decisions.append(Decision(m.source, m.ref, "map", f"accepted in review (score {chosen['score']:.2f})",
                                          chosen["id"]))
            elif answer in bank_ids:
                decisions.append(Decision(m.source, m.ref, "map", "mapped by id in review", answer))
            elif answer == "n":
                decisions.append(Decision(m.source, m.ref, "new", "confirmed new in review"))
            elif answer == "o":
                decisions.append(Decision(m.source, m.ref, "off_topic", "marked off-topic in review"))
            elif answer == "q":
                return decisions
            elif answer != "s":
                close = sorted(i for i in bank_ids if answer and answer in i)
                if close:
                    say(f"    bank ids with '{answer}': {', '.join(close[:ID_HINTS])}{' ...' if len(close) > ID_HINTS else ''}")
                continue
            break
    return decisions
