"""Measure the matcher on labelled questions: precision of "covered", top-3 recall, and recall of new questions.

Label sets:

- ``tests/data/dedup_labels/<document>.yml``: the on-topic questions of the registered incoming
  documents, each with the bank id that answers it (or null), labelled by reading the bank;
- the seeds (``sources/*.yml`` not pending), whose answer is the bank question whose title or
  hand-made alias they match (or their override), measured against the bank *without* aliases.

The thresholds in :mod:`handbook.dedup` are tuned on :data:`TUNING_DOCUMENTS` and the seeds
without aliases; the other documents are the held-out set.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import yaml

from .dedup import decide
from .matching import ContentMatcher, best_scores
from .model import Question, Source
from .normalise import normalise
from .overrides import Overrides

LABELS = Path(__file__).resolve().parents[2] / "tests" / "data" / "dedup_labels"
# Fixed before tuning: the tuning half of the documents (by name); the rest is held out.
TUNING_DOCUMENTS = ("shivangi-django-interview-question", "sanket-django-interview-que", "pragati-django-celery-redis")
SEED_ALIAS_SCORE = 85.0  # the seeds' hand-made aliases: a seed question is answered by the title or alias it matches this well


@dataclass(frozen=True)
class Label:
    """One labelled question: the bank id that answers it (or None) and ids that answer a part of it."""

    set: str
    question: str
    id: str | None
    also: tuple[str, ...] = ()
    line: int = 0

    def accepts(self, bank_id: str | None) -> bool:
        return bank_id is not None and (bank_id == self.id or bank_id in self.also)


@dataclass
class Figures:
    """What one label set measured."""

    name: str
    questions: int
    answered: int
    unanswered: int
    covered: int
    covered_right: int
    in_top3: int
    new_called: int
    suggested: int

    @property
    def precision(self) -> float:
        return self.covered_right / self.covered if self.covered else 1.0

    @property
    def top3(self) -> float:
        return self.in_top3 / self.answered if self.answered else 1.0

    @property
    def new_recall(self) -> float:
        return self.new_called / self.unanswered if self.unanswered else 1.0


def load_labels(folder: Path = LABELS) -> dict[str, list[Label]]:
    """Every committed label file, by document name (the file name without ``.yml``)."""
    out: dict[str, list[Label]] = {}
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[path.stem] = [Label(path.stem, item["question"], item["id"], tuple(item.get("also") or ()), item["line"])
                          for item in data["labels"]]
    return out


def seed_labels(questions: list[Question], sources: list[Source], overrides: Overrides) -> list[Label]:
    """The seeds' answers: their override, else the bank question whose title or alias they match best."""
    entries, owners = [], []
    for q in questions:
        for text in [q.title, *q.aliases]:
            entries.append(normalise(text))
            owners.append(q.id)
    seeds = [(s, sq) for s in sources if not getattr(s, "pending", False) for sq in s.questions]
    found = best_scores([normalise(sq.asked) for _, sq in seeds], entries, owners)
    labels = []
    for (source, sq), scores in zip(seeds, found, strict=True):
        decision = overrides.mappings.get((source.id, sq.ref))
        best = max(scores.items(), key=lambda kv: kv[1][0], default=(None, (0.0, -1)))
        answer = decision.id if decision else (best[0] if best[1][0] >= SEED_ALIAS_SCORE else None)
        labels.append(Label("seeds", sq.asked, answer, line=sq.line))
    return labels


def without_aliases(questions: list[Question]) -> list[Question]:
    """The bank with every alias removed (titles, tags and answers stay)."""
    return [dataclasses.replace(q, aliases=[]) for q in questions]


def measure(name: str, labels: list[Label], matcher: ContentMatcher) -> Figures:
    """Run the matcher on one label set."""
    ranked_all = matcher.rank([label.question for label in labels])
    figures = Figures(name, len(labels), 0, 0, 0, 0, 0, 0, 0)
    for label, ranked in zip(labels, ranked_all, strict=True):
        status, _ = decide(ranked)
        figures.answered += label.id is not None
        figures.unanswered += label.id is None
        if status == "covered":
            figures.covered += 1
            figures.covered_right += label.accepts(ranked[0].id)
        figures.suggested += status == "suggested"
        if label.id is not None and any(label.accepts(c.id) for c in ranked[:3]):
            figures.in_top3 += 1
        if label.id is None and status in ("new", "suggested"):
            figures.new_called += 1
    return figures


def misses(labels: list[Label], matcher: ContentMatcher) -> list[str]:
    """What the matcher gets wrong on one label set, one line each: the right answer not in the top three,
    "covered" by the wrong question, and an unanswered question called covered."""
    lines = []
    for label, deep in zip(labels, matcher.rank([label.question for label in labels], top=20), strict=True):
        ranked = deep[:3]
        status, _ = decide(ranked)
        place = next((f" (want at #{n} {c.score:.2f})" for n, c in enumerate(deep, 1) if label.accepts(c.id)), "")
        top = ", ".join(f"{c.id} {c.score:.2f}" for c in ranked[:3]) or "nothing"
        if label.id is not None and not any(label.accepts(c.id) for c in ranked[:3]):
            kind = "not in top 3"
        elif status == "covered" and not label.accepts(ranked[0].id):
            kind = "covered wrongly" if label.id is not None else "new called covered"
        else:
            continue
        lines.append(f"{label.set}:{label.line}: {kind}: {label.question!r} -> want {label.id}{place}; got {status}: {top}")
    return lines


def tuning_sets(questions: list[Question], sources: list[Source], overrides: Overrides,
                labels: dict[str, list[Label]] | None = None) -> dict[str, tuple[list[Label], ContentMatcher]]:
    """The tuning label sets only (the held-out documents are never listed), each with its matcher."""
    labels = load_labels() if labels is None else labels
    full = ContentMatcher(questions)
    out = {"seeds": (seed_labels(questions, sources, overrides), ContentMatcher(without_aliases(questions))),
           "tuning": ([lab for doc in TUNING_DOCUMENTS for lab in labels.get(doc, [])], full)}
    out.update({doc: (labels.get(doc, []), full) for doc in TUNING_DOCUMENTS})
    return out


def measure_all(questions: list[Question], sources: list[Source], overrides: Overrides,
                labels: dict[str, list[Label]] | None = None) -> list[Figures]:
    """Figures for the seeds (with and without aliases), the tuning documents and the held-out documents."""
    labels = load_labels() if labels is None else labels
    full, bare = ContentMatcher(questions), ContentMatcher(without_aliases(questions))
    seeds = seed_labels(questions, sources, overrides)
    tuning = [lab for doc in TUNING_DOCUMENTS for lab in labels.get(doc, [])]
    held_out = [lab for doc, labs in labels.items() if doc not in TUNING_DOCUMENTS for lab in labs]
    rows = [measure("seeds, aliases in place", seeds, full),
            measure("seeds, aliases removed (tuning)", seeds, bare),
            measure("incoming, tuning half", tuning, full),
            measure("incoming, held out", held_out, full)]
    rows += [measure(f"  {doc}", labs, full) for doc, labs in labels.items()]
    return rows


def table(rows: list[Figures]) -> str:
    """The figures as a plain-text table."""
    head = (f"{'set':36} {'n':>4} {'ans':>4} {'none':>4} {'cov':>4} {'sugg':>4} "
            f"{'covered precision':>18} {'top-3 recall':>14} {'new recall':>12}")
    lines = [head, "-" * len(head)]
    for f in rows:
        lines.append(f"{f.name:36} {f.questions:4d} {f.answered:4d} {f.unanswered:4d} {f.covered:4d} {f.suggested:4d} "
                     f"{f.precision:8.1%} ({f.covered_right:3d}/{f.covered:3d}) {f.top3:6.1%} ({f.in_top3:3d}) "
                     f"{f.new_recall:6.1%} ({f.new_called:2d})")
    return "\n".join(lines)
