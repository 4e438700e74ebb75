"""The generated Markdown a reader sees: badges, related links and the print page's in-page links."""

from __future__ import annotations

import dataclasses
import json
import re

from conftest import ROOT
from handbook.dedup import DedupReport, Match
from handbook.model import LEVELS, Bank, Correction, Question, Source, Topic
from handbook.pipeline import Paths, load
from handbook.render import (
    PRINT_MARKER,
    body_marker,
    build_site,
    end_marker,
    fill,
    misconceptions,
    most_asked,
    print_page,
    question_index,
    render_question,
    render_topic,
    sources_table,
    start_marker,
    topic_cards,
)

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


def test_the_print_page_is_a_stub_the_build_fills_from_the_topic_pages() -> None:
    page = SITE.files["print.md"]
    assert page == print_page() and page.rstrip().endswith(PRINT_MARKER)
    assert "search:\n  exclude: true" in page  # one copy of each question is enough for search


def test_every_question_gets_its_own_page_and_its_topic_page_marks_its_body() -> None:
    for q in BANK.questions:
        page = SITE.files[f"q/{q.id}/index.md"]
        assert f"# {q.title} {{ #{q.id} }}" in page and body_marker(q.id) in page
        assert f"q/{q.id}/index.md" in SITE.question_pages
        topic = SITE.files[f"{q.topic}.md"]
        assert topic.index(start_marker(q.id)) < topic.index(body_marker(q.id)) < topic.index(end_marker(q.id))


# A small bank made by hand, so every rendered fragment can be compared in full.
def _question(qid: str, topic: str, level: str = "junior", corrections: int = 0) -> Question:
    return Question(id=qid, title=f"What is {qid}?", topic=topic, level=level, path=f"content/questions/{topic}/{qid}.md",
                    answers={lv: "Short answer." for lv in LEVELS},
                    corrections=[Correction(f"Claim {n}", f"Fact {n}", f"https://docs.example/{n}")
                                 for n in range(corrections)])


def _match(source: str, qid: str | None, status: str) -> Match:
    return Match(source=source, origin="o", ref=f"r-{qid}", line=1, asked="?", level=None, id=qid, status=status,
                 why="", score=1.0)


SMALL_BANK = Bank(
    topics=[Topic("alpha", "Alpha", "First topic."), Topic("empty", "Empty", "No questions."),
            Topic("beta", "Beta", "Second topic.")],
    questions=[_question("a-one", "alpha", corrections=2), _question("a-two", "alpha", "mid"),
               _question("b-one", "beta", "senior", corrections=1)],
    sources=[Source("s1", "Source One", "article", "o", "Credit One", "p", url="https://one.example/", licence="MIT"),
             Source("s2", "Source Two", "list", "o", "Credit Two", "p")],
)
SMALL_REPORT = DedupReport(matches=[
    _match("s1", "a-one", "covered"), _match("s1", None, "off-topic"), _match("s1", None, "new"),
    _match("s2", "a-one", "covered"), _match("s2", "b-one", "covered"), _match("s2", None, "off-topic"),
], duplicates=[], errors=[], source_count=2)


def test_the_navigation_lists_every_page_and_only_topics_with_questions() -> None:
    assert build_site(SMALL_BANK, SMALL_REPORT).nav == [
        {"Home": "index.md"}, {"Study plan": "study-plan.md"},
        {"Topics": [{"Alpha": "alpha.md"}, {"Beta": "beta.md"}]},
        {"Practise": [{"Review": "review.md"}, {"Mock interview": "mock-interview.md"}, {"Print or PDF": "print.md"}]},
        {"Misconceptions": "misconceptions.md"}, {"Sources": "sources.md"},
    ]


def test_topic_cards_count_questions_per_level() -> None:
    card = ("-   **[{title}]({id}.md)**\n\n    ---\n\n    {summary}\n\n    {count}: {levels}\n\n"
            '    <span class="hb-progress" data-topic="{id}" aria-live="polite"></span>')
    assert topic_cards(SMALL_BANK) == (
        '<div class="grid cards" markdown>\n\n'
        + card.format(title="Alpha", id="alpha", summary="First topic.", count="2 questions",
                      levels="1 junior · 1 mid · 0 senior")
        + "\n\n"
        + card.format(title="Beta", id="beta", summary="Second topic.", count="1 question",
                      levels="0 junior · 0 mid · 1 senior")
        + "\n\n</div>"
    )


def test_most_asked_lists_questions_asked_by_a_source() -> None:
    assert most_asked(SMALL_BANK, SMALL_REPORT) == (
        "1. [What is a-one?](alpha.md#a-one) — asked in 2 of 2 sources\n"
        "1. [What is b-one?](beta.md#b-one) — asked in 1 of 2 sources"
    )
    nobody = DedupReport(matches=[], duplicates=[], errors=[], source_count=2)
    assert most_asked(SMALL_BANK, nobody) == "No source questions are covered yet."


def test_the_sources_table_counts_repeats_and_leaves_off_topic_questions_out_of_the_work() -> None:
    assert sources_table(SMALL_BANK, SMALL_REPORT).splitlines() == [
        "| Source | Kind | Questions | Duplicates | Covered | Not yet covered | Credit | Licence |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |",
        "| [Source One](https://one.example/) | article | 3 | 0 | 1 | 1 | Credit One | MIT |",
        "| Source Two | list | 3 | 1 | 2 | 0 | Credit Two | not recorded |",
    ]


def test_misconceptions_counts_every_correction() -> None:
    page = misconceptions(SMALL_BANK)
    assert page.startswith("3 corrections recorded.\n\n## Alpha\n\n- **Claim 0**  \n  Fact 0 ")
    assert "## Beta\n\n- **Claim 0**" in page


def test_the_question_index_names_its_fields() -> None:
    index = json.loads(question_index(SMALL_BANK, SMALL_REPORT))
    assert index["topics"] == [{"id": "alpha", "title": "Alpha", "url": "alpha/"},
                               {"id": "beta", "title": "Beta", "url": "beta/"}]
    assert index["questions"][1] == {"id": "a-two", "title": "What is a-two?", "topic": "alpha", "level": "mid",
                                     "asked": 0, "url": "q/a-two/"}


def test_fill_replaces_each_marker_and_leaves_other_text() -> None:
    page = "Intro <!-- handbook:stats --> and <!-- handbook:stats -->; <!-- handbook:other --> stays."
    assert fill(page, {"stats": "3 questions"}) == "Intro 3 questions and 3 questions; <!-- handbook:other --> stays."


def test_every_marker_of_the_hand_written_pages_has_a_fragment() -> None:
    fragments = build_site(SMALL_BANK, SMALL_REPORT).fragments
    assert fragments["topic-options"] == (
        '<label class="hb-choice"><input type="checkbox" name="topic" value="alpha" checked> Alpha</label>\n'
        '<label class="hb-choice"><input type="checkbox" name="topic" value="beta" checked> Beta</label>')
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert "<!-- handbook:" not in fill(page.read_text(encoding="utf-8"), fragments), page.name


def test_the_question_index_is_version_1_with_one_space_indents() -> None:
    text = question_index(SMALL_BANK, SMALL_REPORT)
    assert text.startswith('{\n "version": 1,\n "topics": [\n  {\n   "id": "alpha",\n')


def test_a_topic_page_starts_with_front_matter_progress_and_print_buttons() -> None:
    page = render_topic(SMALL_BANK.topics[0], SMALL_BANK, SMALL_REPORT)
    assert page.startswith(
        "---\ntitle: Alpha\ndescription: First topic.\nsearch:\n  exclude: true\n---\n\n# Alpha\n\nFirst topic. 2 questions.\n\n"
        '<p class="hb-progress" data-topic="alpha" data-questions="a-one a-two" data-search-exclude aria-live="polite"></p>\n\n'
        '<div class="hb-print" data-search-exclude><button type="button" class="md-button" data-print="level">'
        'Print this topic at my level</button> <button type="button" class="md-button" data-print="all">'
        'Print all three levels</button></div>\n\n')
    assert page.endswith(render_question(SMALL_BANK.questions[1], SMALL_BANK, SMALL_REPORT) + "\n")


def test_the_stats_line_counts_questions_topics_and_covered_source_questions() -> None:
    from handbook.render import stats
    assert stats(SMALL_BANK, SMALL_REPORT) == (
        "**3 questions** in 2 topics, each answered at three levels. "
        "They cover 3 of the 6 questions asked across 2 source documents.")


def test_a_topic_page_separates_its_questions_by_one_blank_line() -> None:
    page = render_topic(SMALL_BANK.topics[0], SMALL_BANK, SMALL_REPORT)
    first, second = (render_question(q, SMALL_BANK, SMALL_REPORT) for q in SMALL_BANK.questions[:2])
    assert page.endswith("Print all three levels</button></div>\n\n" + first + "\n\n" + second + "\n")


def test_the_question_index_keeps_non_ascii_titles_readable() -> None:
    bank = dataclasses.replace(SMALL_BANK, questions=[dataclasses.replace(SMALL_BANK.questions[0], title="Qu’est-ce que « a-one » ?")])
    assert '"title": "Qu’est-ce que « a-one » ?"' in question_index(bank, SMALL_REPORT)
