"""The review loop records decisions in sources/overrides.yml, keeps its comments, and check honours them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from conftest import run_cli
from handbook.dedup import DedupReport, Match, deduplicate
from handbook.overrides import Overrides, load_overrides
from handbook.review import Decision, interactive, record, to_review


def add_question(project: Path, asked: str) -> None:
    registry = project / "sources" / "drf-qa-readme.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + f"- ref: extra-1\n  asked: {asked}\n  section: null\n"
                        "  level: null\n  line: 999\n", encoding="utf-8")


def test_record_keeps_comments_and_replaces_an_earlier_decision(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yml"
    path.write_text("# keep me\nmap: []\ndistinct: []  # and me\n", encoding="utf-8")
    record(path, [Decision("src", "q1", "new", "nothing yet")])
    record(path, [Decision("src", "q1", "map", "accepted", "api")])
    text = path.read_text(encoding="utf-8")
    assert "# keep me" in text and "# and me" in text
    overrides, errors = load_overrides(path, tmp_path)
    assert not errors and not overrides.marked
    assert overrides.mappings[("src", "q1")].id == "api"


def test_interactive_accepts_a_candidate_by_number_and_marks_new() -> None:
    from test_dedup import BANK, source
    report = deduplicate(BANK, [source("What is an API?", "What are pros of session auth?")], Overrides())
    answers = iter(["x", "1", "n"])
    decisions = interactive(report.matches, ask=lambda _: next(answers), say=lambda _: None)
    assert [(d.kind, d.id) for d in decisions] == [("map", report.matches[0].candidates[0]["id"]), ("new", None)]


def test_cli_accept_new_and_off_topic_are_written_and_check_honours_them(project: Path) -> None:
    add_question(project, "What is a monad transformer?")
    assert run_cli("check", "--require-coverage", root=project).returncode == 1
    done = run_cli("review", "--new", "drf-qa-readme:extra-1", "--why", "no monads in the bank", root=project)
    assert done.returncode == 0, done.stderr
    assert "ref: extra-1" in (project / "sources" / "overrides.yml").read_text(encoding="utf-8")
    flagged = run_cli("check", "--require-coverage", root=project)
    assert flagged.returncode == 1 and "What is a monad transformer?" in flagged.stderr
    assert run_cli("review", "--off-topic", "drf-qa-readme:extra-1", root=project).returncode == 0
    assert run_cli("check", "--require-coverage", root=project).returncode == 0
    assert run_cli("review", "--accept", "drf-qa-readme:extra-1=api", root=project).returncode == 0
    done = run_cli("dedup", "--json", str(project / "r.json"), root=project)
    assert "override: decided in review" in done.stdout


def test_cli_refuses_unknown_questions_and_bank_ids(project: Path) -> None:
    bad = run_cli("review", "--accept", "drf-qa-readme:nope=api", root=project)
    assert bad.returncode == 2 and "no source question 'drf-qa-readme:nope'" in bad.stderr
    bad = run_cli("review", "--accept", "drf-qa-readme:core-concepts-1=no-such-id", root=project)
    assert bad.returncode == 2 and "'no-such-id' is no question id" in bad.stderr


def test_cli_accept_without_a_bank_id_is_refused(project: Path) -> None:
    bad = run_cli("review", "--accept", "drf-qa-readme:core-concepts-1", root=project)
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr == "review: --accept needs SOURCE:REF=BANK_ID\n"


def review_match(source: str, ref: str, status: str, why: str = "closest is 'api'", candidates: int = 2) -> Match:
    found = [{"id": "api", "score": 0.3, "words": ["api"]}, {"id": "web-api", "score": 0.2, "words": []}][:candidates]
    return Match(source=source, origin=f"{source}.txt", ref=ref, line=1, asked=f"Asked as {ref}?", level=None, id=None,
                 status=status, why=why, score=0.3, candidates=found)


def test_to_review_lists_suggested_then_unconfirmed_new_questions_of_the_chosen_source() -> None:
    report = DedupReport(matches=[review_match("one", "n1", "new"), review_match("one", "s1", "suggested"),
                                  review_match("two", "n1", "new", why="marked new: nothing on monads"),
                                  review_match("two", "n2", "new"), review_match("two", "s1", "suggested"),
                                  review_match("two", "c1", "covered")],
                         duplicates=[], errors=[], source_count=2)
    assert [(m.source, m.ref) for m in to_review(report)] == [("one", "s1"), ("two", "s1"), ("one", "n1"), ("two", "n2")]
    assert [(m.source, m.ref) for m in to_review(report, "two")] == [("two", "s1"), ("two", "n2")]


def test_interactive_shows_the_candidates_skips_and_marks_off_topic() -> None:
    matches = [review_match("one", "s1", "suggested"), review_match("one", "n1", "new"),
               review_match("two", "n2", "new", candidates=0)]
    answers = iter(["s", " O ", "n"])
    said: list[str] = []
    decisions = interactive(matches, ask=lambda _: next(answers), say=said.append)
    assert decisions == [Decision("one", "n1", "off_topic", "marked off-topic in review"),
                         Decision("two", "n2", "new", "confirmed new in review")]
    why = f"    why: {matches[0].why}"  # the reason, which may name a bank id the three do not show
    assert said == ["\n[1/3] one:s1 (suggested) Asked as s1?", why, "    1. api 0.30  [api]", "    2. web-api 0.20",
                    "\n[2/3] one:n1 (new) Asked as n1?", why, "    1. api 0.30  [api]", "    2. web-api 0.20",
                    "\n[3/3] two:n2 (new) Asked as n2?", why]


def test_interactive_shows_what_the_sources_answer_is_about_when_it_has_one() -> None:
    """The digest the order read, so the person deciding sees the subject a bare question leaves out."""
    import dataclasses

    match = dataclasses.replace(review_match("one", "s1", "suggested"), about="select_related join foreign key")
    said: list[str] = []
    interactive([match], ask=lambda _: "s", say=said.append)
    assert said[2] == "    its source's answer is about: select_related join foreign key"
    assert said[3].startswith("    1. api")


def test_record_keeps_a_long_reason_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yml"
    why = "the source asks about its own project, which the bank answers under the general question on API design"
    assert 100 < len(why) < 120
    record(path, [Decision("src", "q1", "map", why, "api")])
    assert f"    why: {why}\n" in path.read_text(encoding="utf-8")


def test_interactive_accepts_the_third_candidate() -> None:
    third = replace(review_match("one", "s1", "suggested"),
                    candidates=[{"id": f"q{i}", "score": 0.5 - i / 10, "words": []} for i in (1, 2, 3)])
    answers = iter(["3"])
    assert interactive([third], ask=lambda _: next(answers), say=lambda _: None) == [
        Decision("one", "s1", "map", "accepted in review (score 0.20)", "q3")]


def test_interactive_quits_with_the_decisions_made_so_far() -> None:
    matches = [review_match("one", "s1", "suggested"), review_match("one", "n1", "new"), review_match("one", "n2", "new")]
    answers = iter(["n", " Q "])
    assert interactive(matches, ask=lambda _: next(answers), say=lambda _: None) == [
        Decision("one", "s1", "new", "confirmed new in review")]


def test_record_writes_lists_indented_under_their_key(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yml"
    record(path, [Decision("src", "q1", "new", "nothing yet")])
    assert path.read_text(encoding="utf-8") == "new:\n  - source: src\n    ref: q1\n    why: nothing yet\n"


def test_record_reads_the_overrides_as_utf8_whatever_the_locale(tmp_path: Path, monkeypatch) -> None:
    import io

    path = tmp_path / "overrides.yml"
    path.write_text("new:\n  - source: src\n    ref: q0\n    why: café\n", encoding="utf-8")
    monkeypatch.setattr(io, "text_encoding", lambda encoding, stacklevel=2: encoding or "latin-1")
    record(path, [Decision("src", "q1", "new", "later")])
    assert "why: café\n" in path.read_bytes().decode("utf-8")


def test_cli_review_asks_about_each_open_question_and_says_what_it_wrote(project: Path, monkeypatch) -> None:
    import io
    import sys

    add_question(project, "What is a monad transformer?")
    monkeypatch.setattr(sys, "stdin", io.StringIO("n\n" * 50))
    done = run_cli("review", "--source", "drf-qa-readme", root=project)
    assert done.returncode == 0, done.stderr
    overrides = project / "sources" / "overrides.yml"
    assert done.stdout.endswith(f"1 decision(s) written to {overrides}\n")
    assert "ref: extra-1" in overrides.read_text(encoding="utf-8")


def test_cli_review_of_invalid_content_exits_1(project: Path) -> None:
    topic = next((project / "content" / "questions").rglob("*.md"))
    topic.write_text(topic.read_text(encoding="utf-8").replace("## Mid", "## Middle", 1), encoding="utf-8")
    done = run_cli("review", "--new", "drf-qa-readme:x", root=project)
    assert (done.returncode, done.stdout) == (1, "")


def test_interactive_maps_to_any_bank_id_and_lists_the_ids_a_fragment_names() -> None:
    """When the right answer is not among the three candidates, the person types its id (a part lists ids)."""
    said: list[str] = []
    answers = iter(["web", "nope", "web-api"])
    decisions = interactive([review_match("one", "s1", "suggested")], ask=lambda _: next(answers), say=said.append,
                            bank_ids=frozenset({"api", "web-api", "webhooks"}))
    assert decisions == [Decision("one", "s1", "map", "mapped by id in review", "web-api")]
    assert "    bank ids with 'web': web-api, webhooks" in said
    assert not any("'nope'" in line for line in said)  # no id contains it: just asked again
