"""Phrasing differences that must not hide a match: long names and their acronyms read the same."""

from __future__ import annotations

import pytest

from handbook.normalise import normalise, tokens


@pytest.mark.parametrize(("long", "short"), [
    ("What are JSON Web Tokens(JWTs)?", "What are JWTs?"),
    ("What is a JSON Web Token (JWT)?", "What is JWT?"),
    ("Why use Django REST Framework (DRF)?", "Why use DRF?"),
    ("Why use the REST framework?", "Why use DRF?"),
])
def test_a_long_name_reads_as_its_acronym(long: str, short: str) -> None:
    assert normalise(long) == normalise(short)
    assert normalise(short) in {"jwt", "drf"}


def test_stop_words_and_plurals_are_dropped_and_code_names_split() -> None:
    assert tokens("What is the difference between select_related and prefetch_related?") == [
        "select", "related", "prefetch", "related"]
    assert tokens("How do queries and viewsets differ?") == ["query", "viewset", "differ"]
