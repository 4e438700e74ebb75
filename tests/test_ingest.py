"""Ingest: raw documents in three layouts become the list of questions they ask."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run_cli
from handbook.ingest import detect_format, ingest_text, repair
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
    fmt, questions = ingest_text(read("numbered.txt"))
    assert fmt == "numbered"
    assert [(q.ref, q.asked, q.section, q.level, q.line) for q in questions] == [
        ("basics-1", "What is a product endpoint?", "Basics", "junior", 14),
        ("basics-2", "What is pagination?", "Basics", "junior", 20),
        ("basics-3", "What is throttling?", "Basics", "junior", 29),
        ("advanced-1", "Explain idempotency keys.", "Advanced Questions and Answers", "senior", 35),
    ]


def test_markdown_layout_repairs_encoding_and_needs_an_answer() -> None:
    fmt, questions = ingest_text(read("markdown.md"))
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


def test_detect_format() -> None:
    assert detect_format(repair(read("markdown.md"))) == "markdown"
    assert detect_format(repair(read("numbered.txt"))) == "numbered"
    assert detect_format(repair(read("prose.txt"))) == "prose"


def test_registry_round_trips_through_yaml(tmp_path: Path) -> None:
    (source,) = [s for s in load_sources(ROOT / "sources", ROOT) if s.id == "drf-qa-readme"]
    path = tmp_path / "drf-qa-readme.yml"
    path.write_text(dump_source(source), encoding="utf-8")
    again, errors = load_source(path, tmp_path)
    assert not errors and again is not None
    assert again.questions == source.questions and again.title == source.title


def test_registry_has_every_seed_with_its_verified_count() -> None:
    sources = load_sources(ROOT / "sources", ROOT)
    assert {s.origin: len(s.questions) for s in sources} == SEED_COUNTS


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
    assert done.stdout.count("up to date") == 5


def test_ingest_command_writes_a_registry_file_and_check_spots_drift(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    doc = seeds / "doc.txt"
    doc.write_text(read("numbered.txt"), encoding="utf-8")
    (tmp_path / "sources").mkdir()
    done = run_cli("ingest", str(doc), "--id", "shop-notes", "--title", "Shop notes", "--kind", "notes",
                   "--credit", "Test fixture", root=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "4 questions (numbered layout)" in done.stdout
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
