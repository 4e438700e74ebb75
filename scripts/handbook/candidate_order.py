"""The order of an unsure question's candidates: one linear score, learned from labelled questions.

Where the words cannot decide (a question left *suggested* or *new*), a person reads its top three
candidates, so the right bank question must be among them. Each candidate is described by what the
words say of it (the content score and its parts, the fuzzy title score, the share of the query's
weight it uses, its place in the words' list) and what the meaning says (closeness of the question
to the candidate's closest title or alias, to its answers as a whole, and to the closest passage of
its answers (a paragraph, list item or table row read after its title: where a fact a broader question
states in passing is found); and the same three for the
question read with the digest of the source's own answer, which names the subject a question like
"What does this code do?" leaves out). :data:`WEIGHTS` turn that
description into one score; candidates are ordered by it, best first.

The weights are fitted, not chosen by hand: ``scripts/fit_candidate_order.py`` fits them by pairwise
logistic regression (for every labelled question, each right candidate against each wrong one, as a
difference of their features) on the label sets :func:`handbook.order_training.fit_sets` names, and
its ``--check`` fails when the weights below have drifted from a fit on today's labels and bank
(:func:`handbook.order_training.stale`). Pairwise, because only the order of one question's candidates
matters, never a score's absolute level. The fit reads every answered labelled question, the covered
ones too (leave-one-set-out, that measured as well as fitting on the unsure ones alone).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .matching import MIN_SCORE, Candidate

FEATURES = ("content", "title_words", "answer_words", "fuzzy", "coverage", "title_meaning", "answer_meaning",
            "words_place", "title_in_context", "answer_in_context", "passage_meaning", "passage_in_context")
# Fitted by scripts/fit_candidate_order.py (see the module docstring); --check keeps them in step with the labels.
WEIGHTS = (4.897, -0.560, 3.759, -0.068, 0.820, 3.697, 3.418, -0.231, 2.499, 6.422, 0.222, 8.094)
DEEP = 30            # the words' candidates of an unsure question that the learned order reads
ABSENT_PLACE = DEEP + 1  # the words' place of a candidate only the meaning found: after the deepest list
TIE_DIGITS = 9       # scores closer than this are a tie (see order)
FIT_C = 1.0          # inverse L2 strength of the fit (scikit-learn's default; 0.1 and 10 measured within 3 questions)


@dataclass(frozen=True)
class Described:
    """One candidate of one question, with the closeness in meaning the features need."""

    candidate: Candidate
    title_meaning: float   # cosine with the candidate's closest title or alias
    answer_meaning: float  # cosine with the mean of its answers
    words_place: int       # 1 for the words' best; ABSENT_PLACE when the words did not list it
    meaning: float         # the meaning score the report shows (handbook.meaning.MeaningReranker.meaning)
    title_in_context: float   # the two cosines again for the question read with its source's answer digest
    answer_in_context: float  # (handbook.answer_digest); the same as without it where the source gives no answer
    passage_meaning: float     # cosine with its closest answer passage (handbook.meaning.passages)
    passage_in_context: float  # the same for the question read with its source's answer digest


def features(d: Described) -> list[float]:
    """The candidate's features, in the order of :data:`FEATURES`."""
    c = d.candidate
    fuzzy = max(0.0, c.fuzzy - MIN_SCORE) / (100.0 - MIN_SCORE)
    return [c.score, c.head, c.body, fuzzy, c.coverage, d.title_meaning, d.answer_meaning, math.log(d.words_place),
            d.title_in_context, d.answer_in_context, d.passage_meaning, d.passage_in_context]


def scores(described: list[Described], weights: Sequence[float] = WEIGHTS) -> list[float]:
    """Each candidate's learned score: higher is more likely the bank question that answers the question."""
    if not described:
        return []
    return (np.array([features(d) for d in described]) @ np.asarray(weights, dtype=float)).tolist()


def order(described: list[Described], weights: Sequence[float] = WEIGHTS) -> list[Described]:
    """The candidates, best first (ties by bank id, so the order never depends on the input's). Scores are
    compared to ``TIE_DIGITS`` decimals: equal features can differ in the last bits of a matrix product,
    depending on the row a vector sits in."""
    ranked = sorted(zip(scores(described, weights), described, strict=True),
                    key=lambda sd: (-round(sd[0], TIE_DIGITS), sd[1].candidate.id))
    return [d for _, d in ranked]


def fit(groups: list[tuple[list[Described], list[bool]]]) -> tuple[float, ...]:
    """Weights fitted on labelled groups: each group is one question's candidates and which of them answer it.

    Every right candidate is paired with every wrong one of the same question; a logistic regression
    without intercept learns to tell which of the two came first. Groups with no right or no wrong
    candidate teach nothing and are skipped."""
    from sklearn.linear_model import LogisticRegression  # only fitting needs it

    pairs = []
    for described, right in groups:
        rows = np.array([features(d) for d in described])
        good = [rows[k] for k, ok in enumerate(right) if ok]
        bad = [rows[k] for k, ok in enumerate(right) if not ok]
        pairs += [g - b for g in good for b in bad]
    if not pairs:
        raise ValueError("no labelled question has both a right and a wrong candidate to learn from")
    diff = np.array(pairs)
    model = LogisticRegression(C=FIT_C, max_iter=5000, fit_intercept=False)
    model.fit(np.vstack([diff, -diff]), np.concatenate([np.ones(len(diff)), np.zeros(len(diff))]))
    return tuple(round(float(w), 3) for w in model.coef_[0])
