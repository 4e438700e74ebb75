"""Study plans built from the bank: a 30-minute cram and a one-week plan.

Both rank questions by how many sources ask them and estimate reading time from the length of
the answers, so they stay right as questions are added.
"""

from __future__ import annotations

import math
import re

from .dedup_report import DedupReport
from .model import LEVELS, Bank, Question, Topic

WORDS_PER_MINUTE = 180
REHEARSE_MINUTES = 1  # saying the answer out loud once
CRAM_MINUTES = 30
STUDY_DAYS = 6  # the seventh day is review


def minutes_for(question: Question, level: str = "mid") -> int:
    """Minutes to read one level of a question and rehearse it once."""
    words = len(re.findall(r"\w+", question.answers[level]))
    return math.ceil(words / WORDS_PER_MINUTE) + REHEARSE_MINUTES


def ranked(bank: Bank, report: DedupReport) -> list[Question]:
    """Most-asked first; among equals, earlier levels first, then topic order."""
    topic_order = {t.id: i for i, t in enumerate(bank.topics)}
    asked = report.asked_by()
    return sorted(bank.questions, key=lambda q: (-report.sources_asking(q.id), -len(asked.get(q.id, [])),
                                                 LEVELS.index(q.level), topic_order[q.topic], q.order))


def link(question: Question) -> str:
    return f"[{question.title}]({question.topic}.md#{question.id})"


def cram(bank: Bank, report: DedupReport) -> str:
    """The most-asked questions that fit in thirty minutes of reading, with a running clock."""
    rows, clock = [], 0
    for q in ranked(bank, report):
        cost = minutes_for(q)
        if clock + cost > CRAM_MINUTES:
            continue
        rows.append(f"| {clock}–{clock + cost} min | {link(q)} | {report.sources_asking(q.id)} of {report.source_count} |")
        clock += cost
    header = "| When | Question | Asked in |\n| --- | --- | --- |"
    return f"{header}\n" + "\n".join(rows) if rows else "No questions yet."


def split_topics(topics: list[tuple[Topic, list[Question]]], days: int) -> list[list[tuple[Topic, list[Question]]]]:
    """Cut the topic list, in order, into ``days`` runs of roughly equal reading time."""
    total = sum(minutes_for(q) for _, qs in topics for q in qs)
    target = total / days if days else total
    plan: list[list[tuple[Topic, list[Question]]]] = [[]]
    spent = 0.0
    for topic, questions in topics:
        cost = sum(minutes_for(q) for q in questions)
        if plan[-1] and spent + cost / 2 > target * len(plan) and len(plan) < days:
            plan.append([])
        plan[-1].append((topic, questions))
        spent += cost
    return plan


def week(bank: Bank, report: DedupReport) -> str:
    """Six days through the topics in order, then a day of review."""
    topics = [(t, bank.topic_questions(t.id)) for t in bank.topics if bank.topic_questions(t.id)]
    blocks = []
    for day, chunk in enumerate(split_topics(topics, STUDY_DAYS), start=1):
        minutes = sum(minutes_for(q) for _, qs in chunk for q in qs)
        lines = [f"**Day {day}** (about {minutes} minutes at mid level)", ""]
        for topic, questions in chunk:
            lines.append(f"- [{topic.title}]({topic.id}.md): " + ", ".join(link(q) for q in questions))
        blocks.append("\n".join(lines))
    review = ranked(bank, report)[:10]
    blocks.append(
        f"**Day {len(blocks) + 1}: review** — read the [Misconceptions](misconceptions.md) page, then answer the "
        "ten most-asked questions out loud at the level above yours before checking the tab: "
        + ", ".join(link(q) for q in review) + "."
    )
    return "\n\n".join(blocks)
