"""Phrasing differences that must not hide a match: long names and their acronyms read the same."""

from __future__ import annotations

import re

import pytest

from handbook.normalise import (
    _PHRASES_AND_SYNONYMS,
    PHRASES,
    SYNONYMS,
    _expand,
    _guard,
    _one_pass,
    neighbour_terms,
    normalise,
    terms,
    tokens,
)


@pytest.mark.parametrize(("long", "short"), [
    ("What are JSON Web Tokens(JWTs)?", "What are JWTs?"),
    ("What is a JSON Web Token (JWT)?", "What is JWT?"),
    ("Why use Django REST Framework (DRF)?", "Why use DRF?"),
    ("Why use the REST framework?", "Why use DRF?"),
])
def test_a_long_name_reads_as_its_acronym(long: str, short: str) -> None:
    assert normalise(long) == normalise(short)
    assert normalise(short).split()[-1] in {"jwt", "drf"}


def test_stop_words_and_plurals_are_dropped_and_code_names_split() -> None:
    assert tokens("What is the difference between select_related and prefetch_related?") == [
        "select", "related", "prefetch", "related"]
    assert tokens("How do queries and viewsets differ?") == ["query", "viewset", "differ"]


@pytest.mark.parametrize(("one", "other"), [
    ("What are the advantages of DRF?", "Why use DRF?"),
    ("What are the benefits of DRF?", "Why would you use DRF?"),
    ("What are the disadvantages of sessions?", "What are the drawbacks of sessions?"),
    ("Describe the request flow.", "Describe the request lifecycle."),
    ("Explain the request/response cycle.", "Explain the request life cycle."),
    ("How do you secure an end point?", "How do you secure an endpoint?"),
    ("How do you secure an end-point?", "How do you secure an endpoint?"),
    ("diff b/w get and filter?", "difference between get and filter?"),  # interview shorthand
    ("how do u test ur views?", "how do you test your views?"),
    ("Which design pattern does Django follow?", "Which architecture pattern does Django follow?"),
    ("Which architectural pattern does Django follow?", "Which architecture pattern does Django follow?"),
])
def test_general_synonyms_read_the_same(one: str, other: str) -> None:
    assert terms(one) == terms(other)


@pytest.mark.parametrize(("one", "other"), [
    ("What are the advantages of using Django?", "Why should you use Django?"),
    ("What are the pros and cons of sessions?", "What are the benefits and drawbacks of sessions?"),
])
def test_the_fuzzy_title_words_read_synonyms_as_the_retrieval_terms_do(one: str, other: str) -> None:
    assert normalise(one) == normalise(other)


def test_a_record_is_a_row() -> None:
    assert set(terms("How do you fetch a row?")) < set(terms("How do you fetch a record?"))
    assert "row" in normalise("How do you fetch records?").split()
    assert "row" not in terms("How do you fetch a column?")


@pytest.mark.parametrize(("sql", "orm_terms"), [
    ("How do you GROUP BY a column?", {"annot", "aggreg"}),
    ("How do you write an OR query?", {"object"}),  # Q objects ("q" alone is too short a term)
    ("What replaces SQL LIMIT?", {"slice"}),
    ("How do you page with LIMIT and OFFSET?", {"slice"}),
])
def test_sql_asked_in_sql_words_also_reads_as_the_orm_names(sql: str, orm_terms: set[str]) -> None:
    assert orm_terms <= set(terms(sql))


@pytest.mark.parametrize(("command", "words"), [
    ("createsuperuser", {"superus"}), ("collectstatic", {"collect", "static"}), ("runserver", {"run", "server"}),
    ("startapp", {"start", "app"}), ("loaddata", {"load", "data"}), ("makemessages", {"translat", "messag"}),
])
def test_a_management_command_also_reads_as_the_words_it_joins(command: str, words: set[str]) -> None:
    assert words <= set(terms(f"python manage.py {command}"))
    assert set(terms(command)) > words  # the command itself stays a term too


def test_scalable_is_about_scaling_and_real_time_about_websockets() -> None:
    assert "scale" in terms("Why is Django scalable?") and "scale" in terms("How do you scale Django?")
    assert "websocket" in terms("How do you push real-time updates?")
    assert "slice" not in terms("What is the rate limit?")  # a limit that is no SQL LIMIT
    assert "filter" in terms("Should I use exclude or filter?")  # an "or" between two methods is no OR query
    assert "object" not in terms("Should I use exclude or filter?")
    assert {"object", "condit"} <= set(terms("How do you combine OR conditions?"))  # the noun stays


def test_credentials_are_secrets() -> None:
    assert set(terms("How do you store secrets?")) <= set(terms("How do you store DB credentials?"))
    assert "secret" not in terms("What is a credential?")  # one login's credential is not the project's secrets


def test_interview_meta_words_are_not_retrieval_terms() -> None:
    assert terms("How should a candidate test a DRF API in an interview?") == terms("How should you test a DRF API?")
    assert set(terms("APIClient")) <= set(terms("How do you use the test client?"))
    assert "help" in terms("How does DRF help?")


def test_the_rewrite_tables_are_scanned_behind_a_guard_that_changes_nothing() -> None:
    # Every rewrite pattern starts with a known letter, so the one-pass pattern keeps its guard...
    assert _PHRASES_AND_SYNONYMS[0].pattern.startswith("(?:\\b(?=[")
    # ...and the guard never stops a rewrite, at the start of a text, mid-text or inside a word.
    plain = re.compile("|".join(f"(?P<r{i}>{p})" for i, (p, _) in enumerate(PHRASES + SYNONYMS)))
    for text in ("django rest framework (drf)", "xdjango rest framework", "the db and auth, rbac; role-based access",
                 "why would you use drf? pros and cons", "rest framework json web tokens (jwt) web sockets env"):
        assert _expand(text, _PHRASES_AND_SYNONYMS) == _expand(text, (plain, [r for _, r in PHRASES + SYNONYMS]))


@pytest.mark.parametrize(("patterns", "guard"), [
    ([r"\bdbs?\b", r"\brest\b"], r"(?:\b(?=[dr]))"),  # every pattern starts at a word boundary
    (["xy", "zw"], r"(?:(?=[xz]))"),  # none does
    ([r"(?:ab|\bcd)", "(ef)", r"\bgh"], r"(?:\b(?=[cg])|(?=[ae]))"),  # the branches of a group, a group
    ([r"[ab]c"], ""),  # a pattern that starts with a class: no guard
    ([r"\bgh", "q+"], ""),  # ...or with a repeat
])
def test_the_guard_tests_the_first_letter_of_every_branch(patterns: list[str], guard: str) -> None:
    assert _guard(patterns) == guard
    table = tuple((p, f"<{i}>") for i, p in enumerate(patterns))
    plain = re.compile("|".join(f"(?P<r{i}>{p})" for i, p in enumerate(patterns)))
    for text in ("ab xcd cd ef xef gh xgh", "db dbs rest xrest", "xy zw axy qq", "ac bc"):
        assert _expand(text, _one_pass(table)) == _expand(text, (plain, [r for _, r in table]))


def test_code_names_are_found_only_where_a_hint_is() -> None:
    assert terms("What is select_related?")[:3] == ["select_related", "select", "relat"]
    assert terms("What is request.data?")[0] == "request.data"
    assert terms("Why is N+1 slow?")[0] == "n+1"
    assert terms("What is a plain question?") == ["plain", "question"]


def test_a_word_ending_in_a_double_s_keeps_its_last_letter() -> None:
    from handbook.normalise import singular
    assert [singular(w) for w in ("address", "class", "classes", "views")] == ["address", "class", "classe", "view"]


def test_an_escaped_underscore_reads_as_the_code_name_it_escapes() -> None:
    from handbook.normalise import surface_terms
    assert surface_terms("What does select\\_related do?") == surface_terms("What does select_related do?")


def test_a_word_ending_in_us_or_is_is_not_a_plural() -> None:
    from handbook.normalise import singular
    assert [singular(w) for w in ("campus", "bonus", "redis", "axis")] == ["campus", "bonus", "redis", "axis"]


def test_a_long_name_written_in_snake_case_still_reads_as_its_acronym() -> None:
    assert tokens("django_rest_framework") == ["drf"]


def test_neighbouring_words_are_also_read_as_one_word() -> None:
    assert neighbour_terms("What are content types?") == [("contenttyp", "content types")]
    assert neighbour_terms("file-based") == [("filebas", "file based")]
    assert neighbour_terms("static files, static files") == [("staticfil", "static files")]  # once
    # stop words, two-letter words and code names are never joined with a neighbour
    assert neighbour_terms("the content of the types") == []
    assert neighbour_terms("an in form") == []
    assert neighbour_terms("ui kit") == []
    assert neighbour_terms("content select_related() types") == []
    # nor are words on either side of punctuation or a line break
    for apart in ("content, types", "content. Types", "content/types", "content\ntypes", "(content) types"):
        assert neighbour_terms(apart) == [], apart
    # a joined stem that is a word of its own says nothing of the two: "handle real" stems to "handler"
    assert neighbour_terms("handle real") == []
    # a phrase read as its acronym joins as the acronym, never as its own words
    assert neighbour_terms("the Model-Template-View pattern") == [("mvtpattern", "mvt pattern")]


def test_phrases_and_synonyms_read_across_a_code_name() -> None:
    assert "optim" in terms("How do you reduce the number of select_related() queries?")
    assert "throttl" in terms("rate my_view limit")
