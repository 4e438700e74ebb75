"""The study plans: the cram fits its thirty minutes and the week covers every question once."""

from __future__ import annotations

import re
from pathlib import Path

from bank import QUESTIONS, TOPICS
from conftest import ROOT
from handbook.pipeline import Paths, load
from handbook.study import CRAM_MINUTES, cram, minutes_for, ranked, week

RESULT = load(Paths(ROOT))


def test_cram_fits_in_thirty_minutes_and_starts_with_the_most_asked() -> None:
    table = cram(RESULT.bank, RESULT.report)
    ends = [int(m) for m in re.findall(r"\| \d+–(\d+) min \|", table)]
    assert ends and ends == sorted(ends) and ends[-1] <= CRAM_MINUTES
    first = ranked(RESULT.bank, RESULT.report)[0]
    assert f"#{first.id})" in table.splitlines()[2]


def test_week_lists_every_question_exactly_once_then_a_review_day() -> None:
    plan = week(RESULT.bank, RESULT.report)
    days = re.split(r"\n\n(?=\*\*Day )", plan)
    study_days, review = days[:-1], days[-1]
    assert 1 <= len(study_days) <= 6 and "review" in review
    linked = re.findall(r"\(([a-z0-9-]+)\.md#([a-z0-9-]+)\)", "\n".join(study_days))
    assert sorted(qid for _, qid in linked) == sorted(q.id for q in QUESTIONS)
    topic_order = [t.id for t in TOPICS]
    assert [topic_order.index(t) for t, _ in linked] == sorted(topic_order.index(t) for t, _ in linked)


def test_minutes_grow_with_answer_length() -> None:
    short, long = sorted(QUESTIONS, key=lambda q: len(q.answers["mid"]))[::len(QUESTIONS) - 1]
    assert 1 < minutes_for(short) <= minutes_for(long)


def test_study_plan_page_is_built_with_working_links(site_dir: Path) -> None:
    page = (site_dir / "study-plan" / "index.html").read_text(encoding="utf-8")
    assert "<!-- handbook:" not in page and "Day 1" in page
    for q in QUESTIONS:
        assert f'href="../{q.topic}/#{q.id}"' in page
