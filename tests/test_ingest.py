"""Ingest: raw documents in every layout become the list of questions they ask (one reader per layout)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run_cli
from handbook.ingest import LayoutError, ingest_document, ingest_text, repair
from handbook.offtopic import is_off_topic
from handbook.readers import READERS, Document, read_layout
from handbook.readers.text import looks_like_question
from handbook.sources import dump_source, load_source, load_sources, reingest

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is absent: the raw seed documents are not here")

# Counted by reading each seed: 12 core + 30 DRF questions (000); 22 project questions and a
# copy of the 42 (001); 23 questions under level headings, minus the article's own meta question
# and its ad (002); 10 + 10 + 10 Django, 6 + 6 + 5 DRF and 2 view questions (003); 15 Django
# questions and the same 42 (004).
SEED_COUNTS = {
    "000_fec96b95b2066f8c.txt": 42,
    "001_e529e0bac6d6fd1c.txt": 64,
    "002_d40f551ada0b017a.txt": 23,
    "003_6f0a11a31b78035e.txt": 49,
    "004_e2a9e6d1a36d9414.txt": 57,
}


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_numbered_layout_skips_table_of_contents_and_step_lists() -> None:
    fmt, questions = ingest_text(read("numbered.txt"), "numbered")
    assert fmt == "numbered"
    assert [(q.ref, q.asked, q.section, q.level, q.line) for q in questions] == [
        ("basics-1", "What is a product endpoint?", "Basics", "junior", 14),
        ("basics-2", "What is pagination?", "Basics", "junior", 20),
        ("basics-3", "What is throttling?", "Basics", "junior", 29),
        ("advanced-1", "Explain idempotency keys.", "Advanced Questions and Answers", "senior", 35),
    ]


def test_markdown_layout_repairs_encoding_and_needs_an_answer() -> None:
    fmt, questions = ingest_text(read("markdown.md"), "markdown")
    assert fmt == "markdown"
    assert [(q.asked, q.section) for q in questions] == [
        ("What's a serializer?", "Serializers"),
        ("Difference between `Serializer` and `ModelSerializer`", "Serializers"),
        ("What is an API?", None),
    ]
    assert [q.ref for q in questions] == ["serializers-1", "serializers-2", "part2-1"]


def test_prose_layout_takes_question_headings_but_not_ads_or_skipped_sections() -> None:
    fmt, questions = ingest_text(read("prose.txt"), skip_sections=["How This List Was Made"])
    assert fmt == "prose"
    assert [(q.asked, q.level) for q in questions] == [
        ("What Is a Serializer?", "junior"),
        ("Explain Django session", "junior"),
        ("How Would You Debug a Slow Endpoint in Production?", "senior"),
    ]
    _, unskipped = ingest_text(read("prose.txt"))
    assert unskipped[0].asked == "What Made a Question Junior?"


def test_repair_fixes_mojibake_and_drops_navigation_but_keeps_line_numbers() -> None:
    raw = "Itâ€™s fine\n[Back to Top](#)\n- [2. What is X?](#)\nLast line"
    assert repair(raw).split("\n") == ["It's fine", "", "", "Last line"]


def test_plain_text_article_is_detected_as_prose() -> None:
    assert read_layout(Document("prose.txt", read("prose.txt"))).layout == "prose"


def test_registry_round_trips_through_yaml(tmp_path: Path) -> None:
    (source,) = [s for s in load_sources(ROOT / "sources", ROOT) if s.id == "drf-qa-readme"]
    path = tmp_path / "drf-qa-readme.yml"
    path.write_text(dump_source(source), encoding="utf-8")
    again, errors = load_source(path, tmp_path)
    assert not errors and again is not None
    assert again.questions == source.questions and again.title == source.title


def test_registry_has_every_seed_with_its_verified_count() -> None:
    sources = load_sources(ROOT / "sources", ROOT)
    assert {s.origin: len(s.questions) for s in sources if s.origin in SEED_COUNTS} == SEED_COUNTS
    assert not any(s.pending for s in sources if s.origin in SEED_COUNTS)


@needs_seeds
@pytest.mark.parametrize(("origin", "count"), SEED_COUNTS.items())
def test_ingest_of_each_seed_matches_the_verified_count(origin: str, count: int) -> None:
    (source,) = [s for s in load_sources(ROOT / "sources", ROOT) if s.origin == origin]
    fresh = reingest(source, SEEDS / origin)
    assert len(fresh.questions) == count
    assert all("â€" not in q.asked and "ðŸ" not in (q.section or "") for q in fresh.questions)
    assert not any("back to top" in q.asked.lower() for q in fresh.questions)


@needs_seeds
def test_seed_details_read_by_hand() -> None:
    by_origin = {s.origin: s for s in load_sources(ROOT / "sources", ROOT)}
    readme = by_origin["000_fec96b95b2066f8c.txt"].questions
    assert readme[0].line == 67, "the table of contents (line 17) must not count as the question"
    project = by_origin["001_e529e0bac6d6fd1c.txt"].questions
    assert project[0].section == "Serializers (Deep & Practical)"
    ranked = by_origin["002_d40f551ada0b017a.txt"].questions
    assert {q.level for q in ranked[:6]} == {"junior"} and {q.level for q in ranked[6:12]} == {"mid"}
    assert not any("Verve" in q.asked or "Bucket" in q.asked for q in ranked)
    notes = [q.asked for q in by_origin["004_e2a9e6d1a36d9414.txt"].questions]
    assert "Explain Django session" in notes and "Describe Django ORM." in notes


@needs_seeds
def test_ingest_check_passes_on_the_committed_registry() -> None:
    done = run_cli("ingest", "--check")
    assert done.returncode == 0, done.stderr
    registered = len([p for p in (ROOT / "sources").glob("*.yml") if p.name != "overrides.yml"])
    assert done.stdout.count("up to date") == registered


def test_ingest_command_writes_a_registry_file_and_check_spots_drift(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    doc = seeds / "doc.txt"
    doc.write_text(read("numbered.txt"), encoding="utf-8")
    (tmp_path / "sources").mkdir()
    done = run_cli("ingest", str(doc), "--id", "shop-notes", "--title", "Shop notes", "--kind", "notes",
                   "--credit", "Test fixture", "--layout", "numbered", root=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "4 questions, 0 off-topic (numbered layout)" in done.stdout
    assert run_cli("ingest", "--check", "--seeds", str(seeds), root=tmp_path).returncode == 0
    extra = "\n2. What is a webhook?\n\nA webhook is an HTTP call the shop makes to your server when an order changes.\n"
    doc.write_text(read("numbered.txt") + extra)
    drift = run_cli("ingest", "--check", "--seeds", str(seeds), root=tmp_path)
    assert drift.returncode == 1 and "out of date" in drift.stderr


def test_long_section_headings_are_cited_by_their_first_words_and_still_give_the_level() -> None:
    from handbook.ingest import SECTION_WORDS, cite_section

    heading = "The Senior Django REST Framework Questions Interviewers Use to Separate Strong Candidates"
    assert cite_section(heading) == " ".join(heading.split()[:SECTION_WORDS]) + " …"
    assert cite_section("Core Concepts") == "Core Concepts"
    text = f"{heading}\n\nHow Do You Test an Endpoint?\n\nWith APIClient, asserting the status code and the database state.\n"
    _, (question,) = ingest_text(text, "prose")
    assert question.section.endswith("…") and question.level == "senior"


def test_registry_quotes_no_long_section_heading() -> None:
    for source in load_sources(ROOT / "sources", ROOT):
        assert all(len((q.section or "").split()) <= 9 for q in source.questions), source.id


# --- layout readers, each on a small synthetic document of its own layout (tests/fixtures/ingest) ---

def recorded(name: str, layout: str = "auto") -> tuple[str, list[tuple[int, str]]]:
    result = ingest_document((FIXTURES / name).read_bytes().decode("utf-8"), name, layout)
    return result.layout, [(q.line, q.asked) for q in result.questions]


READER_CASES = {
    "headings.md": ("headings", [  # answers' sub-headings, nav headings and `# comments` in code are not questions
        (5, "What is a _serializer_ in the shop API?"), (19, "Explain how **routers** build URLs."),
        (27, "What’s a `ViewSet`?")]),
    "toc_crlf.md": ("toc", [  # CRLF, leading blank line, no final newline, percent-encoded anchors
        (10, "What is a product endpoint?"), (17, "Ürün listesi nasıl sayfalanır?"), (21, "Describe throttling.")]),
    "details.md": ("lines+details", [  # <details> blocks, then bare lines; a non-question summary is skipped
        (9, "What is a product endpoint?"), (21, "Explain pagination in the shop API"),
        (31, "How do you test an endpoint?"), (32, "How do you mock the payment gateway?"),
        (35, "How do you deploy the shop?"), (36, "Difference between Gunicorn and uWSGI."),
        (37, "Walk me through a release.")]),
    "details_reveal.md": ("details", [  # every summary the same label: the question is asked above its block
        (8, "What is a product endpoint?"), (20, "What does this view return for an empty basket?"),
        (42, "How do you refund an order?")]),
    "numbered_headings.md": ("numbered-headings", [  # questions numbered on across two levels; an answer's own
        (5, "What is a product endpoint?"), (9, "How do you paginate products?"),  # numbered sub-headings (a run of
        (13, "Why keep prices in cents?"), (37, "How do you refund an order?"),  # topics, or a short run) are none
        (43, "How do you retry a failed payment?"), (51, "Which states can a payment be in?"),
        (55, "How do you version the product API?")]),
    "lists.md": ("list", [  # bold-wrapped items that wrap, with nested bold items, code and sub-headings in answers
        (5, "How does the shop handle slow Django views?"),
        (17, "What is the difference between `select_related()` and `prefetch_related()` when listing orders?"),
        (28, "How does Redis persist data?"), (32, "What happens when Redis runs out of memory?")]),
    "lists_answers.md": ("list", [  # answers right under the item's line; "3." under a paragraph is no list item
        (2, "What is a product endpoint?"), (5, "List the order states."), (11, "Why keep prices in cents?"),
        (14, "How do you refund an order when the payment has already settled?")]),
    "lists_runs.md": ("list", [  # each numbered item a list of its own (unindented answers): one numbering, one list;
        (1, "Shop API vs shop admin"), (4, "What is a product endpoint?"),  # a topic with an answer is asked;
        (7, "How do you paginate products?"), (10, "How do you refund an order?"),  # a bare Title Case label is not;
        (14, "Explain how prices are stored."), (15, "How do you show a price in euros?"),  # a task, then a question
        (17, "Why keep prices in cents?"), (20, "Order States"), (23, "Which states can a payment be in?")]),
    "lists_quiz_marked.md": ("list", [  # a quiz that states as often as it asks: items with a marked choice
        (3, "The product endpoint returns prices in cents."),  # (<mark>, a tick, "(correct)") under them
        (9, "**Which of these states can an order be in?** Select all that apply."),
        (17, "Complete the sentence. A refund is recorded as \\_\\_\\_\\_\\_."),
        (23, "Orders are paginated by the `PageNumberPagination` class.")]),
    "lists_restarts.md": ("list", [  # an answer's steps numbered anew are no questions; "3 How" (no full stop)
        (1, "What is a product endpoint?"), (4, "Which order states are there?"),  # fills the gap; back-to-top
        (13, "How do you refund an order?"), (16, "How do you show a price in euros?"),  # arrows come off; an item
        (18, "Explain the shop's caching."), (20, "Why keep prices in cents?"),  # numbered out of turn ("12.")
        (23, "How do you retry a failed payment?"), (26, "Which states can a payment be in?"),  # stops no gap:
        (29, "How do you refund an order?"), (32, "Name the ways to pay."),  # "41." joined to 9's answer, then "10."
        (34, "Explain the use of coupons."), (37, "How would you compare carts and orders?"),  # found from the
        (40, "How do you cancel an order?")]),  # numbering that goes on past it
    "qa_tasks.md": ("qa", [  # **Q:** tasks under topic headings, most with no answer; "Expected Answer:" is an answer
        (6, "Design the product and category models for the shop."),
        (9, "How do you list a customer's orders without one query per order?"), (14, "Write a view that refunds an order.")]),
    "lines_titles.txt": ("lines", [  # bare question lines; the next sections' titles follow with no blank line
        (5, "What is a product endpoint?"), (6, "How do you paginate products?"), (10, "How do you refund an order?"),
        (11, "Why keep prices in cents?"), (14, "How do you retry a failed payment?"),
        (15, "Which states can a payment be in?")]),
    "headings_prompts.md": ("headings", [  # lettered follow-ups ("1a."), a prompt naming an aspect ("Importance of")
        (3, "What is a product endpoint?"), (6, "How does the endpoint paginate?"), (9, "Explain cursor pagination"),
        (12, "Importance of keeping prices in cents.")]),
    "lines_spaced.md": ("lines", [  # bare questions with blank lines between them, under one-line section titles
        (3, "What is a product endpoint?"), (5, "How do you paginate products?"), (7, "Why keep prices in cents?"),
        (11, "How do you refund an order?"), (13, "Which states can an order be in?"),
        (15, "Explain how a payment is retried.")]),
    "qa_followups.md": ("qa", [  # bold **Q1. ...**, **Follow-up: ...** and **Q What ...?** markers, emphasis closed
        (3, "Why keep prices in cents?"), (7, "How do you show a price in euros?"), (13, "What is a refund?"),
        (17, "How do you retry a failed payment?")]),
    "toc_nav.md": ("toc", [  # the TOC's second list is navigation ("What else?", "Contributing", "Licence")
        (10, "What is a product endpoint?"), (14, "How do you paginate orders?"), (18, "Describe throttling.")]),
    "numbered_sections.md": ("list", [  # numbered section headings, list numbering restarting in each section
        (4, "What is a Django app and why split the shop into apps?"), (5, "Explain `manage.py` and `settings.py`."),
        (6, "Difference between a project and an app."), (11, "What is a list comprehension?"),
        (12, "How do generators save memory?"), (17, "How do you version the product API?")]),
    "lists_topics.md": ("list", [  # lists split by topic: prompts that name a topic count; a list after prose does not
        (4, "What is a product model?"), (5, "How do you store prices?"), (6, "Why index the SKU column?"),
        (9, "How do you version the product API?"), (10, "Orders vs carts."), (13, "Steps to deploy the shop."),
        (14, "Docker for the shop.")]),
    "lists_answered.md": ("list", [  # topics with an answer marked under each are prompts; a plain note list is not
        (4, "Product model design"), (6, "Category trees"), (8, "Stock counts")]),
    "toc_table.md": ("headings", [  # a table of contents written as a table of anchor links: only the headings count
        (9, "What is a product endpoint?"), (13, "How do you paginate orders?"), (17, "Describe throttling")]),
    "table.md": ("table", [  # table rows inside <details>; the TOC of sections and the tips are not questions
        (18, "Explain the request cycle of the shop."), (19, "Difference between `Order` and `OrderItem`?"),
        (30, "`select_related` vs `prefetch_related`"), (31, "Soft deletes for products")]),
    "qa.txt": ("qa", [  # Q-N / Ans :- with varying spacing, a wrapped question, then Q: / A:
        (1, "what is a product endpoint ?"), (5, "Explain pagination for big product lists."),
        (12, "What is throttling?")]),
    "qa_numbered.txt": ("qa", [  # N) / Ans): answers' numbered lines are not questions; Q3 has no marker but
        (1, "what is a product endpoint?"), (7, "How do you cache the product list?"),  # carries on the numbering
        (14, "why keep prices in cents?"), (18, "what is an order?"), (23, "Rest API?"),
        (29, "what is a viewset?")]),
    "quiz.md": ("quiz", [  # options are not questions; the empty Q3 is not one; Q4 without options is
        (3, "Which class lists products?"), (9, "To validate two fields together, you override the `___` method."),
        (22, "Which setting lists installed apps?"), (24, "What is the correct way to write a class in Python?")]),
    "questions.yaml": ("structured", [  # trailing space dropped; block scalars and options are not questions
        (3, "Can you explain the shop's architecture"), (6, "Which commands create files?"),
        (17, "How do you cache the product list?")]),
    "questions.json": ("structured", [
        (4, "What is an order?"), (6, "How do you refund an order?"), (8, "Why keep prices in cents?")]),
    "quiz_data.ts": ("code", [  # TypeScript data: options (strings or objects) and the props' title are not questions
        (7, "Which class lists the shop's products?"),
        (15, "How do you keep the product list from running one query per category?"),  # '…' + '…' joined
        (22, "Why store prices in cents?")]),
    "quiz_data.js": ("code", [  # JSX component with its data inline; `text` counts beside `answers`, state is no question
        (6, "What is an order?"), (7, "How do you refund an order?"), (12, "Why index the SKU column?")]),
    "quiz_data.py": ("code", [  # dicts and keyword calls; an f-string and a settings dict are not questions
        (7, "What is a product endpoint?"), (9, "How do you paginate orders?")]),
    "page.html": ("html", [  # nav, <pre> and lower-rank headings are not questions; wrapped text is collapsed
        (9, "What is a product endpoint?"), (14, "How do you paginate orders?"), (19, "Explain throttling.")]),
}


@pytest.mark.parametrize("name", READER_CASES)
def test_each_layout_reader_on_its_own_fixture(name: str) -> None:
    layout, expected = READER_CASES[name]
    assert recorded(name) == (layout, expected)


def test_every_reader_has_a_fixture_and_a_name() -> None:
    covered = {part for layout, _ in READER_CASES.values() for part in layout.split("+")}
    assert set(READERS) - covered == {"numbered", "markdown", "prose"}  # the seed layouts, tested above


def test_a_forced_layout_reads_with_that_reader_only() -> None:
    layout, questions = recorded("details.md", "details")
    assert layout == "details" and [line for line, _ in questions] == [9, 21]
    with pytest.raises(LayoutError, match="unknown layout 'nope'"):
        recorded("details.md", "nope")


def test_a_document_no_reader_is_sure_of_is_refused() -> None:
    with pytest.raises(LayoutError, match="no layout reads this document with confidence"):
        recorded("not_questions.md")


def test_off_topic_marks_follow_sections_and_named_technologies() -> None:
    marks = {q.asked: q.off_topic for q in ingest_document(read("lists.md"), "lists.md").questions}
    assert marks == {"How does the shop handle slow Django views?": False,
                     "What is the difference between `select_related()` and `prefetch_related()` when listing orders?": False,
                     "How does Redis persist data?": True, "What happens when Redis runs out of memory?": True}
    assert is_off_topic("Which variable name does PEP 8 prefer?", ["Django"])
    assert not is_off_topic("How does Django cache a view in Redis?", ["Redis"])
    assert not is_off_topic("what is djnago urls ?", [])  # a typo of the name still names it
    assert is_off_topic("支持的数据类型", ["6. Redis"]) and not is_off_topic("如何定制Manager？", ["2. Django基础", "Model层"])
    assert not is_off_topic("How do you paginate a long list?", ["Views"])  # the document's subject decides


def test_spaced_bare_questions_take_their_title_lines_as_sections_and_answers_stop_them() -> None:
    from handbook.readers.bare_lines import spaced_questions
    from handbook.readers.base import Document

    sections = {q.line: q.section for q in ingest_document(read("lines_spaced.md"), "lines_spaced.md").questions}
    assert sections == {3: "🔹 Catalogue", 5: "🔹 Catalogue", 7: "🔹 Catalogue", 11: "🔹 Orders", 13: "🔹 Orders",
                        15: "🔹 Orders"}
    answered = "What is a product endpoint?\n\nThe URL that lists products.\n\nHow do you paginate?\n\nBy page.\n"
    assert spaced_questions(Document("answered.md", answered)) == {}  # a question, then its answer: half asks


def test_a_paragraph_above_a_rule_of_dashes_is_no_section() -> None:
    """In plain text, an answer's lines followed by ``-----`` parse as a setext heading; naming Python, it would
    mark the next question off-topic if it were read as the section around it."""
    marks = {q.asked: (q.off_topic, q.section) for q in ingest_document(read("qa_numbered.txt"), "qa_numbered.txt").questions}
    assert marks["what is a viewset?"] == (False, None)


def test_registry_keeps_licence_pending_and_off_topic(tmp_path: Path) -> None:
    docs = tmp_path / "incoming"
    docs.mkdir()
    (docs / "lists.md").write_text(read("lists.md"), encoding="utf-8")
    (tmp_path / "sources").mkdir()
    done = run_cli("ingest", str(docs / "lists.md"), "--id", "shop-stack", "--title", "Shop stack", "--kind", "notes",
                   "--credit", "Test fixture", "--licence", "MIT", "--pending", root=tmp_path)
    assert done.returncode == 0, done.stderr
    source, errors = load_source(tmp_path / "sources" / "shop-stack.yml", tmp_path)
    assert not errors and source is not None
    assert (source.licence, source.pending) == ("MIT", True)
    assert [q.off_topic for q in source.questions] == [False, False, True, True]
    check = run_cli("ingest", "--check", "--seeds", str(tmp_path / "absent"), "--incoming", str(docs), root=tmp_path)
    assert check.returncode == 0 and "up to date (4 questions)" in check.stdout, check.stderr


def test_preview_prints_lines_marks_and_layout_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    done = run_cli("ingest", str(FIXTURES / "lists.md"), "--preview", root=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"{FIXTURES / 'lists.md'}:28: off-topic How does Redis persist data?" in done.stdout
    assert "4 questions (2 off-topic); layout list, confidence" in done.stdout
    assert not list((tmp_path / "sources").iterdir())


def test_ingest_refuses_an_unreadable_document_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    doc = FIXTURES / "not_questions.md"
    done = run_cli("ingest", str(doc), "--id", "notes", "--title", "N", "--kind", "k", "--credit", "c", root=tmp_path)
    assert done.returncode == 1
    assert f"{doc}:1: no layout reads this document with confidence" in done.stderr
    assert not list((tmp_path / "sources").iterdir())
    assert run_cli("ingest", str(doc), "--preview", root=tmp_path).returncode == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("Briefly explain the Field class.", True),
    ("Please describe the request cycle.", True),
    ("Explain middleware.", True),
    ("Early versions were slow.", False),
    ("Only explain:", False),
    ("Really good question", False),
])
def test_a_task_word_may_follow_an_adverb(text: str, expected: bool) -> None:
    assert looks_like_question(text) is expected


def test_skipped_sections_match_whatever_their_case() -> None:
    text = ("# BASICS\n\n## What is a view?\n\nAnswer.\n\n## What is a model?\n\nAnswer.\n\n"
            "# Advanced\n\n## What is a signal?\n\nAnswer.\n\n## What is a mixin?\n\nAnswer.\n")
    _, questions = ingest_text(text, "headings", skip_sections=["basics"])
    assert [(q.line, q.asked) for q in questions] == [(13, "What is a signal?"), (17, "What is a mixin?")]


def test_a_section_title_of_only_noise_words_slugs_to_section() -> None:
    from handbook.ingest import _slug

    assert _slug("The Questions and Answers") == "section"
    assert _slug("Django Views and Templates Extra") == "django-views-templates"


def test_a_question_asked_above_a_reveal_label_sits_in_its_part_not_under_its_number_heading() -> None:
    result = ingest_document((FIXTURES / "details_reveal.md").read_text(encoding="utf-8"), "details_reveal.md")
    assert [q.section for q in result.questions] == ["Part 1: Basics", "Part 1: Basics", "Part 2: Orders"]


def test_reveal_labels_read_the_question_above_each_block_and_stop_at_the_block_before() -> None:
    from handbook.readers.details import DetailsReader

    block = "<details>\n<summary>Show answer</summary>\n\nPlain words answer it here.\n\n</details>\n"
    glued = "## Views\n\nWhat is a view?\n" + block + "What is a model?\n" + block  # no blank line after </details>
    assert [(f.line, f.text) for f in DetailsReader().read(Document("a.md", glued))] == [
        (3, "What is a view?"), (10, "What is a model?")]
    ruled = "What is a view?\n\n---\n\n" + block + "\nWhat is a model?\n\n***\n\n" + block  # rules skipped
    assert [f.text for f in DetailsReader().read(Document("b.md", ruled))] == ["What is a view?", "What is a model?"]
    mixed = "".join(f"What is thing {i}?\n\n" + block + "\n" for i in range(4))
    mixed += "<details><summary>How do you cache a page?</summary>\n\nPlain words answer it.\n</details>\n"
    assert [f.text for f in DetailsReader().read(Document("c.md", mixed))][-1] == "How do you cache a page?"


def test_a_topic_heading_over_a_question_is_its_section_and_a_number_label_is_none() -> None:
    from handbook.readers.details import DetailsReader

    block = "<details>\n<summary>Show answer</summary>\n\nPlain words answer it here.\n\n</details>\n"
    topics = "# Guide\n## Models\nWhat is a model?\n\n" + block + "\n## Views\nWhat is a view?\n\n" + block
    assert [f.section for f in DetailsReader().read(Document("a.md", topics))] == ["Models", "Views"]
    numbers = "# Guide\n### Question 1\n\nWhat is a view?\n\n" + block + "\n### Question 2\n\nWhat is a model?\n\n" + block
    assert [(f.text, f.section) for f in DetailsReader().read(Document("b.md", numbers))] == [
        ("What is a view?", "Guide"), ("What is a model?", "Guide")]


def test_a_list_numbering_every_item_one_keeps_every_item() -> None:
    from handbook.readers.lists import ListReader

    text = ("1. What is a view?\n1. What is a model?\n1. Middleware and its order.\n1. How do you cache a page?\n"
            "1. Signals and receivers.\n1. What is a queryset?\n")
    assert [f.line for f in ListReader().read(Document("a.md", text))] == [1, 2, 3, 4, 5, 6]


def test_a_gap_is_filled_in_a_list_that_starts_again_at_one() -> None:
    from handbook.readers.lists import ListReader

    text = ("## Models\n\n1. What is a model?\n2. What is a field?\n\n## Forms\n\n1. What is a form?\n\n"
            "2 What is a formset?\n\n3. What is a widget?\n")
    assert [f.line for f in ListReader().read(Document("b.md", text))] == [3, 4, 8, 10, 12]


def test_numbered_headings_an_answer_with_as_many_sub_headings_as_its_number_does_not_take_the_next_question() -> None:
    """Question 3 with sub-headings 1-3: both runs expect a 4; the question "4. How ...?" goes on the questions."""
    lines = read("numbered_headings.md").split("\n")
    text = "\n".join(lines[:28] + lines[36:])  # without "### 4. Tips" and "### 5. Summary"
    result = ingest_document(text, "numbered_headings.md")
    assert result.layout == "numbered-headings"
    assert [q.asked for q in result.questions] == [
        "What is a product endpoint?", "How do you paginate products?", "Why keep prices in cents?",
        "How do you refund an order?", "How do you retry a failed payment?", "Which states can a payment be in?",
        "How do you version the product API?"]


def test_a_bracketed_label_that_starts_many_questions_comes_off_unless_it_names_django() -> None:
    text = "\n\n".join([
        "### 1. (Single Choice) Which file lists the shop's apps?", "### 2. (True/False) Prices are kept in cents.",
        "### 3. (Single Choice) Which view lists products?", "### 4. (Single Choice) Where do refunds go?",
        "### 5. (DRF) What does a serializer return?", "### 6. (DRF) Which class paginates?",
        "### 7. (DRF) How are tokens checked?", "### 8. (True/False) Orders can be cancelled.",
    ])
    asked = [q.asked for q in ingest_document(text, "quiz.md").questions]
    assert asked[:4] == ["Which file lists the shop's apps?", "(True/False) Prices are kept in cents.",
                         "Which view lists products?", "Where do refunds go?"]  # "(True/False)" starts only two
    assert asked[4] == "(DRF) What does a serializer return?"


def test_an_answer_marker_or_a_lettered_choice_under_a_list_question_ends_it() -> None:
    from handbook.readers.lists import asked

    assert asked("Where is the refund signal defined\nA. in models\nB. in signals\nAns: B") == \
        "Where is the refund signal defined"
    assert asked("Mention the ways to pay!\nAns: Cards and vouchers.") == "Mention the ways to pay!"
    assert asked("How do you refund an order\nwhen it has shipped?") == "How do you refund an order\nwhen it has shipped?"


def test_among_reveal_labels_a_summary_that_asks_nothing_also_hides_an_answer() -> None:
    from handbook.readers.details import DetailsReader

    def block(summary: str) -> str:
        return f"<details>\n<summary>{summary}</summary>\n\nPlain words answer it here.\n\n</details>\n"
    for hint in ("Hint", "Show hint", "Click to expand the output"):
        text = "".join(f"What is thing {i}?\n\n" + block("Show answer") + "\n" for i in range(4))
        text += "What is thing 9?\n\n" + block(hint) + "\nWhat is thing 10?\n\n" + block("Show answer")
        assert [f.text for f in DetailsReader().read(Document("a.md", text))][-2:] == ["What is thing 9?",
                                                                                       "What is thing 10?"]


def test_part_headings_stay_sections_in_details_documents() -> None:
    from handbook.readers.details import DetailsReader

    label = "<details>\n<summary>Show answer</summary>\n\nPlain words answer it here.\n\n</details>\n"
    labels = ("# Quiz\n## Part 1\nWhat is a view?\n\n" + label + "\nWhat is a model?\n\n" + label
              + "\n## Part 2\nWhat is a form?\n\n" + label)
    assert [f.section for f in DetailsReader().read(Document("a.md", labels))] == ["Part 1", "Part 1", "Part 2"]
    summaries = ("# Quiz\n## Part 1\n\n<details><summary>What is a view?</summary>\n\nAnswered.\n</details>\n"
                 "\n## Part 2\n\n<details><summary>What is a form?</summary>\n\nAnswered.\n</details>\n")
    assert [f.section for f in DetailsReader().read(Document("b.md", summaries))] == ["Part 1", "Part 2"]


def test_an_answer_sub_heading_that_opens_like_a_question_is_not_the_next_question() -> None:
    lines = read("numbered_headings.md").split("\n")
    text = "\n".join([*lines[:28], "### 4. How it is stored", "", "As integers.", "", *lines[36:]])
    asked = [q.asked for q in ingest_document(text, "numbered_headings.md").questions]
    assert "How it is stored" not in asked and "How do you refund an order?" in asked


def test_the_steps_under_the_first_question_are_no_questions() -> None:
    from handbook.readers.lists import ListReader

    text = ("1. How do you deploy a Django app?\nAns: in steps:\n\n1. Install the packages.\n\n"
            "2. Collect the static files.\n\n" + "".join(f"{n}. What is thing {n}?\n\n" for n in range(2, 8)))
    assert [f.text for f in ListReader().read(Document("a.md", text))] == [
        "How do you deploy a Django app?", *(f"What is thing {n}?" for n in range(2, 8))]


def test_a_statement_then_a_task_stay_one_question() -> None:
    from handbook.readers.lists import asked

    task = "You have an Order model with a status field.\nCount the orders per status using the ORM."
    assert asked(task) == task


def test_a_tag_naming_another_technology_stays_and_keeps_the_question_off_topic() -> None:
    pairs = [("Python", "What is a list comprehension?"), ("Django", "What is a view?"), ("Git", "What is a rebase?")]
    text = "\n\n".join(f"{n}. ({tag}) {q}" for n, (tag, q) in enumerate(pairs * 3, start=1))
    first = ingest_document(text, "tags.md").questions[0]
    assert (first.asked, first.off_topic) == ("(Python) What is a list comprehension?", True)


def test_choices_make_a_quiz_question_only_when_one_is_marked() -> None:
    """Notes whose topics carry bullet points are no quiz: without a marked choice, a statement stays no question."""
    from handbook.readers.base import Document
    from handbook.readers.lists import has_marked_choices, outer_lists

    notes = "1. Prices are integers.\n\n    * stored in cents\n\n    * shown in euros\n"
    quiz = "1. Prices are integers.\n\n    * <mark>True</mark>\n\n    * False\n"
    one_choice = "1. Prices are integers.\n\n    * <mark>True</mark>\n"
    for text, expected in ((notes, False), (quiz, True), (one_choice, False)):
        doc = Document("x.md", text)
        (item,) = outer_lists(doc.tokens)[0]
        assert has_marked_choices(item, doc) is expected, text



def test_comments_in_code_are_no_sections_that_mark_questions_off_topic() -> None:
    """A ``# Docker`` comment above quiz data parses as a Markdown heading; in a file read as code it is none."""
    raw = ("# Docker\nQUIZ = [\n    {'question': 'How do you keep secrets out of the repository?', 'answer': 'env'},\n"
           "    {'question': 'Which setting lists the hosts Django serves?', 'answer': 'ALLOWED_HOSTS'},\n]\n")
    result = ingest_document(raw, "quiz.py")
    assert result.layout == "code"
    assert [(q.line, q.off_topic) for q in result.questions] == [(3, False), (4, False)]
