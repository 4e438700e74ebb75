"""The study plans: the cram fits its thirty minutes and the week covers every question once."""

from __future__ import annotations

import dataclasses
import itertools
import re
from pathlib import Path

import pytest

from bank import QUESTIONS, TOPICS
from conftest import ROOT
from handbook.pipeline import Paths, load
from handbook.study import cram, minutes_for, ranked, split_topics, week

RESULT = load(Paths(ROOT))


def test_cram_fits_in_thirty_minutes_and_starts_with_the_most_asked() -> None:
    table = cram(RESULT.bank, RESULT.report)
    slots = [(int(a), int(b)) for a, b in re.findall(r"\| (\d+)–(\d+) min \|", table)]
    assert slots[0][0] == 0
    assert all(end > start for start, end in slots), "every question takes time"
    assert all(prev_end == start for (_, prev_end), (start, _) in itertools.pairwise(slots)), "the clock runs without gaps"
    assert 25 <= slots[-1][1] <= 30, "the page promises a 30-minute cram, and fills it"
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


@pytest.mark.parametrize(("words", "minutes"), [(10, 2), (180, 2), (181, 3), (360, 3), (900, 6)])
def test_minutes_are_reading_time_at_180_words_a_minute_plus_one_to_rehearse(words: int, minutes: int) -> None:
    question = dataclasses.replace(QUESTIONS[0], answers={"mid": " ".join(["word"] * words)})
    assert minutes_for(question) == minutes


def test_minutes_grow_with_answer_length() -> None:
    short, long = sorted(QUESTIONS, key=lambda q: len(q.answers["mid"]))[::len(QUESTIONS) - 1]
    assert 1 < minutes_for(short) < minutes_for(long)


def test_study_plan_page_is_built_with_working_links(site_dir: Path) -> None:
    page = (site_dir / "study-plan" / "index.html").read_text(encoding="utf-8")
    assert "<!-- handbook:" not in page and "Day 1" in page
    for q in QUESTIONS:
        assert f'href="../{q.topic}/#{q.id}"' in page


def test_without_questions_the_cram_says_so() -> None:
    empty = dataclasses.replace(RESULT.bank, questions=[])
    assert cram(empty, RESULT.report) == "No questions yet."


def test_week_numbers_its_days_from_one_and_reviews_the_ten_most_asked() -> None:
    plan = week(RESULT.bank, RESULT.report)
    days = re.split(r"\n\n(?=\*\*Day )", plan)
    numbers = [int(re.match(r"\*\*Day (\d+)", day).group(1)) for day in days]
    assert numbers == list(range(1, len(days) + 1))
    assert days[-1].startswith(f"**Day {len(days)}: review**")
    assert len(QUESTIONS) > 10
    assert len(re.findall(r"\]\([a-z0-9-]+\.md#[a-z0-9-]+\)", days[-1])) == 10, "the review names ten questions"


def test_a_topic_that_reaches_the_day_target_exactly_stays_on_that_day() -> None:
    """Costs 2, 4 and 2 minutes over two days (target 4): the first day ends at exactly 2 + 4/2 = 4."""
    two_minutes = dataclasses.replace(QUESTIONS[0], answers={"mid": "word " * 10})
    first, second, third = TOPICS[:3]
    plan = split_topics([(first, [two_minutes]), (second, [two_minutes, two_minutes]), (third, [two_minutes])], 2)
    assert [[topic.id for topic, _ in day] for day in plan] == [[first.id, second.id], [third.id]]


def test_every_cram_row_shows_how_many_sources_ask_its_question() -> None:
    report = RESULT.report
    lines = cram(RESULT.bank, report).split("\n")
    assert lines[:2] == ["| When | Question | Asked in |", "| --- | --- | --- |"]
    counts = set()
    for line in lines[2:]:
        row = re.fullmatch(r"\| \d+–\d+ min \| \[[^\]]+\]\([a-z0-9-]+\.md#([a-z0-9-]+)\) \| (\d+) of (\d+) \|", line)
        assert row, line
        assert (int(row.group(2)), int(row.group(3))) == (report.sources_asking(row.group(1)), report.source_count)
        counts.add(int(row.group(2)))
    assert max(counts) > 0


def test_week_review_day_reads_exactly_and_links_the_ten_first_ranked() -> None:
    from handbook.study import link
    plan = week(RESULT.bank, RESULT.report)
    review = re.split(r"\n\n(?=\*\*Day )", plan)[-1]
    top = ranked(RESULT.bank, RESULT.report)[:10]
    assert review.split("** — ", 1)[1] == (
        "read the [Misconceptions](misconceptions.md) page, then answer the ten most-asked questions out loud at "
        "the level above yours before checking the tab: " + ", ".join(link(q) for q in top) + ".")


def test_ranked_puts_questions_asked_by_more_sources_first() -> None:
    report = RESULT.report
    counts = [report.sources_asking(q.id) for q in ranked(RESULT.bank, report)]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] > counts[-1]


def test_split_topics_moves_on_once_a_day_has_its_share() -> None:
    """Six two-minute topics over three days (target 4): two topics a day."""
    two_minutes = dataclasses.replace(QUESTIONS[0], answers={"mid": "word " * 10})
    topics = [(topic, [two_minutes]) for topic in TOPICS[:6]]
    assert len(topics) == 6
    plan = split_topics(topics, 3)
    assert [[topic.id for topic, _ in day] for day in plan] == [[t.id for t in TOPICS[i:i + 2]] for i in (0, 2, 4)]


def test_each_week_day_states_its_reading_minutes() -> None:
    plan = week(RESULT.bank, RESULT.report)
    topics = [(t, RESULT.bank.topic_questions(t.id)) for t in RESULT.bank.topics if RESULT.bank.topic_questions(t.id)]
    days = split_topics(topics, 6)
    headers = re.findall(r"^\*\*Day \d+\*\* \(about .*$", plan, re.MULTILINE)
    assert headers == [f"**Day {n}** (about {sum(minutes_for(q) for _, qs in day for q in qs)} minutes at mid level)"
                       for n, day in enumerate(days, 1)]
