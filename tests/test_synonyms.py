"""The search synonyms table: groups of lower-case terms, each term in one group, errors with their lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from handbook.synonyms import load_synonyms


def load(tmp_path: Path, text: str):
    path = tmp_path / "content" / "search-synonyms.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_synonyms(path, tmp_path)


def test_the_real_table_loads_without_errors() -> None:
    groups, errors = load_synonyms(ROOT / "content" / "search-synonyms.yml", ROOT)
    assert not errors and len(groups) >= 10
    assert ["rate limit", "rate limiting", "throttling"] in groups


def test_a_missing_table_is_an_empty_one(tmp_path: Path) -> None:
    assert load_synonyms(tmp_path / "content" / "search-synonyms.yml", tmp_path) == ([], [])


@pytest.mark.parametrize(("text", "line", "message"), [
    ("authn: authentication\n", 1, "must be a list of groups"),
    ("# nothing but a comment\n", 1, "holds only comments"),
    ("- [authn, authentication]\n- [drf]\n", 2, "two or more terms"),
    ("- [authn, authentication]\n- [DRF, django rest framework]\n", 2, "'DRF' is not a lower-case term"),
    ("- [authn, authentication]\n# a comment\n- [auth, authentication]\n", 3,
     "'authentication' is already in the group of line 1"),
    ("- [authn, [nested]]\n", 1, "two or more terms"),
])
def test_each_mistake_names_its_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    _, errors = load(tmp_path, text)
    assert len(errors) == 1, errors
    assert errors[0].path == "content/search-synonyms.yml" and errors[0].line == line and message in errors[0].message
