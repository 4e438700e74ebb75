"""The generated Markdown a reader sees: badges, related links and the print page's in-page links."""

from __future__ import annotations

import dataclasses
import re

from conftest import ROOT
from handbook.pipeline import Paths, load
from handbook.render import build_site, print_page, render_question

RESULT = load(Paths(ROOT))
BANK, REPORT = RESULT.bank, RESULT.report
SITE = build_site(BANK, REPORT)


def sources_asking(qid: str) -> int:
    """Distinct source documents with a question that maps to ``qid``, counted from the report's rows."""
    return len({m.source for m in REPORT.matches if m.id == qid and m.status == "covered"})


def test_every_badge_counts_the_sources_that_ask_the_question() -> None:
    seen_counts = set()
    for q in BANK.questions:
        page = SITE.files[f"{q.topic}.md"]
        section = page.split(f"{{ #{q.id} }}", 1)[1]
        badge = re.search(r"Asked in (\d+) of (\d+) sources", section)
        assert badge, q.id
        assert (int(badge.group(1)), int(badge.group(2))) == (sources_asking(q.id), len(BANK.sources)), q.id
        seen_counts.add(int(badge.group(1)))
    assert len(seen_counts) >= 3, "the bank has questions asked by different numbers of sources"


def test_a_question_lists_each_related_question_by_title_with_a_working_link() -> None:
    with_related = [q for q in BANK.questions if q.related]
    assert with_related
    by_id = BANK.by_id()
    for q in with_related:
        rendered = render_question(q, BANK, REPORT)
        related_line = next(line for line in rendered.splitlines() if line.startswith("**Related:**"))
        links = re.findall(r"\[([^\]]+)\]\(([a-z0-9-]+)\.md#([a-z0-9-]+)\)", related_line)
        assert [(title, topic, qid) for title, topic, qid in links] == [
            (by_id[r].title, by_id[r].topic, r) for r in q.related], q.id


def test_a_question_without_related_questions_has_no_related_line() -> None:
    without = dataclasses.replace(BANK.questions[0], related=[])
    assert "**Related:**" not in render_question(without, BANK, REPORT)


def test_the_print_page_keeps_every_question_link_on_the_page() -> None:
    page = print_page(BANK, REPORT)
    topic_ids = {t.id for t in BANK.topics}
    leaving = [m for m in re.findall(r"\]\(([a-z0-9-]+)\.md#", page) if m in topic_ids]
    assert leaving == [], f"{len(leaving)} links leave the print page"
    anchors = set(re.findall(r"\{ #([a-z0-9-]+) \}", page))
    targets = re.findall(r"\]\(#([a-z0-9-]+)\)", page)
    assert len(targets) >= sum(len(q.related) for q in BANK.questions)
    assert set(targets) <= anchors


def test_the_print_page_is_part_of_the_generated_site() -> None:
    assert SITE.files["print.md"] == print_page(BANK, REPORT)
    assert all(f"{{ #{q.id} }}" in SITE.files["print.md"] for q in BANK.questions)
