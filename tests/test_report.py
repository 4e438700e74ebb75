"""The terminal report: the dedup table's columns and candidates, and coverage per bank question."""

from __future__ import annotations

from dataclasses import replace

from handbook.dedup import DedupReport, DuplicatePair, Match
from handbook.report import candidates, coverage_by_bank, table

INDENT = " " * 87  # the status, source#ref and bank id columns, left blank under a question


def match(source: str, ref: str, status: str, bank_id: str | None = None, candidates: list[dict] | None = None) -> Match:
    return Match(source=source, origin=f"{source}.txt", ref=ref, line=1, asked=f"Asked as {ref}?", level=None,
                 id=bank_id, status=status, why=f"why {ref}", score=0.5, candidates=candidates or [])


CANDIDATES = [{"id": "api", "score": 0.3, "words": ["api"]}, {"id": "web-api", "score": 0.25, "words": []}]


def test_the_table_has_a_header_and_lists_the_candidates_of_suggested_and_new_questions() -> None:
    report = DedupReport(matches=[match("one", "q1", "suggested", candidates=CANDIDATES),
                                  match("one", "q2", "new", candidates=CANDIDATES[1:]),
                                  match("two", "q1", "covered", "api", candidates=CANDIDATES)],
                         duplicates=[], errors=[], source_count=2)
    rows = table(report).splitlines()
    assert rows[0].split() == ["status", "source#ref", "bank", "id", "question", "/", "why"]
    assert (rows[0].index("source#ref"), rows[0].index("bank id"), rows[0].index("question")) == (11, 56, 83)
    listed = [row[len(INDENT):] for row in rows if row.startswith(INDENT + "1. ") or row.startswith(INDENT + "2. ")]
    assert listed == [*candidates(report.matches[0]), *candidates(report.matches[1])]
    assert listed[0] == "1. api 0.30  [api]" and listed[2] == "1. web-api 0.25"
    assert "Bank questions that look like duplicates" not in "\n".join(rows)


def test_the_table_ends_with_the_suspected_duplicate_bank_questions() -> None:
    report = DedupReport(matches=[match("one", "q1", "covered", "api")],
                         duplicates=[DuplicatePair("api", "web-api", 0.8, "they read alike")], errors=[], source_count=1)
    assert table(report).endswith("\n\nBank questions that look like duplicates of each other:\n"
                                  "  api ~ web-api: they read alike")


def test_coverage_by_bank_lists_the_source_questions_of_each_bank_question() -> None:
    report = DedupReport(matches=[match("one", "q1", "covered", "web-api"), match("one", "q2", "covered", "api"),
                                  match("two", "q7", "covered", "api"), match("two", "q8", "new")],
                         duplicates=[], errors=[], source_count=2)
    assert coverage_by_bank(report) == "api (2 sources): one#q2, two#q7\nweb-api (1 sources): one#q1"


def test_long_refs_and_questions_are_clipped_to_their_column_with_an_ellipsis() -> None:
    long = match("s" * 50, "q1", "covered", "b" * 30)
    long = replace(long, asked="x" * 80)
    row = table(DedupReport(matches=[long], duplicates=[], errors=[], source_count=1)).splitlines()[2]
    assert row == f"{'covered':10} {'s' * 43}… {'b' * 25}… {'x' * 69}…"


def test_text_that_fits_its_column_is_not_clipped() -> None:
    exact = replace(match("s" * 41, "q1", "covered", "b" * 26), asked="x" * 70)
    row = table(DedupReport(matches=[exact], duplicates=[], errors=[], source_count=1)).splitlines()[2]
    assert row == f"{'covered':10} {'s' * 41}#q1 {'b' * 26} {'x' * 70}"


def test_candidates_show_at_most_three_with_scores_and_comma_separated_words() -> None:
    four = [{"id": "a", "score": 0.91, "words": ["api", "view"]}, {"id": "b", "score": 0.5, "words": []},
            {"id": "c", "score": 0.333, "words": ["x"]}, {"id": "d", "score": 0.1, "words": ["y"]}]
    assert candidates(match("one", "q1", "new", candidates=four)) == [
        "1. a 0.91  [api, view]", "2. b 0.50", "3. c 0.33  [x]"]


def test_the_table_rules_off_its_header_and_shows_a_dash_for_no_bank_id() -> None:
    report = DedupReport(matches=[match("one", "q2", "new")], duplicates=[], errors=[], source_count=1)
    rows = table(report).splitlines()
    assert rows[1] == "-" * 120
    assert rows[2] == f"{'new':10} {'one#q2':44} {'-':26} Asked as q2?"
