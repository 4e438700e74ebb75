"""The matcher meets its targets on labelled questions.

Tuning data: the seeds without aliases and the seven documents of ``tests/data/dedup_labels/``.
Held-out data: ``tests/data/dedup_labels_fresh/`` (labelled blind; its figures are asserted, its
misses never printed).
"""

from __future__ import annotations

import pytest

from handbook.calibration import (
    HELD_OUT,
    INCOMING,
    SEEDS,
    SEEDS_WITH_ALIASES,
    TUNING_DOCUMENTS,
    held_out_labels,
    load_labels,
    measure_all,
)
from handbook.loader import load_content
from handbook.overrides import load_overrides
from handbook.pipeline import PROJECT_ROOT, Paths
from handbook.sources import load_sources

# set by the lead from the single held-out measurement
# From the held-out measurements: 92.7% (102/110) on the 114-question bank, 93.8% (106/113) on 133.
HELD_OUT_TOP3_FLOOR = 0.92

# Top-3 recall as measured on each tuning set (a guard against regressions, never above the measurement).
# The incoming documents miss 95% by bank gaps (no custom-user-model question yet) and questions
# with no subject ("What does the following code do?").
# Re-measured after the bank grew from 114 to 133 questions (seven labels moved to the new questions).
TOP3_MEASURED = {SEEDS_WITH_ALIASES: 1.0, SEEDS: 1.0, INCOMING: 0.93, "aditya-django50": 0.95,
                 "devinterview-django": 1.0, "hiredev-questions": 0.80, "pragati-django-celery-redis": 1.0,
                 "sachin-readme-tables": 0.88, "sanket-django-interview-que": 1.0,
                 "shivangi-django-interview-question": 0.95}
TUNING_ROWS = [SEEDS_WITH_ALIASES, SEEDS, INCOMING, *(f"  {doc}" for doc in TUNING_DOCUMENTS)]


def _bank():
    paths = Paths(PROJECT_ROOT)
    _, questions = load_content(paths.content, paths.root)
    overrides, _ = load_overrides(paths.overrides, paths.root)
    return questions, load_sources(paths.sources, paths.root), overrides


@pytest.fixture(scope="module")
def figures():
    return {f.name: f for f in measure_all(*_bank())}


def test_labels_cover_seven_documents_and_every_one_is_tuning_data() -> None:
    labels = load_labels()
    assert len(labels) == 7 and set(TUNING_DOCUMENTS) == set(labels)
    assert sum(len(v) for v in labels.values()) == 236


def test_the_table_lists_the_tuning_sets_only_unless_held_out_labels_are_given(figures) -> None:
    assert list(figures) == TUNING_ROWS


@pytest.mark.parametrize("name", TUNING_ROWS)
def test_covered_is_right_at_least_95_percent_of_the_time(figures, name: str) -> None:
    assert figures[name].precision >= 0.95, figures[name]


@pytest.mark.parametrize("name", [SEEDS_WITH_ALIASES, SEEDS, INCOMING])
def test_covered_is_used_often_enough_to_be_measured(figures, name: str) -> None:
    assert figures[name].covered >= 20, figures[name]


@pytest.mark.parametrize("name", TUNING_ROWS)
def test_the_right_question_is_in_the_top_three(figures, name: str) -> None:
    floor = min(0.95, TOP3_MEASURED[name.strip()])
    assert figures[name].top3 >= floor, figures[name]


@pytest.mark.parametrize("name", TUNING_ROWS)
def test_new_questions_are_called_new_or_suggested(figures, name: str) -> None:
    assert figures[name].new_recall >= 0.90, figures[name]


def test_incoming_has_enough_new_questions_to_measure_new_recall(figures) -> None:
    assert figures[INCOMING].unanswered >= 10, figures[INCOMING]


def test_fresh_held_out_set_meets_the_targets() -> None:
    """Figures only: a failure names the three figures, never a question (the set must not be tuned on)."""
    held_out = held_out_labels()
    if not held_out:
        pytest.skip("no fresh held-out labels yet (tests/data/dedup_labels_fresh/)")
    row = measure_all(*_bank(), held_out=held_out)[-1]
    assert row.name == HELD_OUT
    figures = f"precision {row.precision:.3f}, top-3 {row.top3:.3f}, new recall {row.new_recall:.3f}"
    assert row.precision >= 0.95, figures
    assert row.new_recall >= 0.90, figures
    assert row.top3 >= HELD_OUT_TOP3_FLOOR, figures
