"""sources/overrides.yml: every malformed entry is an error that names its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.overrides import load_overrides, override_errors

ONLY_KEYS = "overrides file has only the keys map, new, off_topic, distinct"


def errors_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "overrides.yml"
    path.write_text(text, encoding="utf-8")
    return [str(e) for e in load_overrides(path, tmp_path)[1]]


@pytest.mark.parametrize("key", ["bogus", "7", "yes"])  # YAML reads `7` and `yes` as a number and a boolean
def test_an_unknown_key_is_an_error_on_its_line(tmp_path: Path, key: str) -> None:
    assert errors_of(tmp_path, f"map: []\n\n{key}: x\n") == [f"overrides.yml:3: {ONLY_KEYS}"]


def test_unknown_keys_of_mixed_types_are_an_error_not_a_crash(tmp_path: Path) -> None:
    assert errors_of(tmp_path, "zzz: 1\n7: x\n") == [f"overrides.yml:2: {ONLY_KEYS}"]  # the first in sorted order


def test_a_file_that_is_no_mapping_is_an_error_on_line_1(tmp_path: Path) -> None:
    assert errors_of(tmp_path, "\n- map\n") == [f"overrides.yml:1: {ONLY_KEYS}"]


def test_an_entry_without_its_keys_names_them_all(tmp_path: Path) -> None:
    text = "new: []\nmap:\n  - source: src\n    ref: q1\n    why: the id is missing\n"
    assert errors_of(tmp_path, text) == ["overrides.yml:3: each 'map' entry needs id, ref, source, why (non-empty strings)"]


def test_an_entry_naming_an_unknown_source_is_an_error_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yml"
    path.write_text("new:\n  - source: nope\n    ref: q1\n    why: x\noff_topic:\n  - source: src\n    ref: q9\n"
                    "    why: y\n", encoding="utf-8")
    overrides, errors = load_overrides(path, tmp_path)
    assert not errors
    assert [str(e) for e in override_errors(overrides, {("src", "q1")}, {"src"}, {"api"})] == [
        "overrides.yml:2: unknown source 'nope'", "overrides.yml:6: source 'src' has no question 'q9'"]


@pytest.mark.parametrize("value", ["api web-api", "{api: web-api}"])
def test_distinct_that_is_no_list_is_an_error_on_its_line(tmp_path: Path, value: str) -> None:
    assert errors_of(tmp_path, f"map: []\ndistinct: {value}\n") == ["overrides.yml:2: 'distinct' must be a list"]


@pytest.mark.parametrize("pair", ["[api, web-api, cors]", "[api]", "[api, api]", "[api, 7]", "api"])
def test_a_distinct_entry_that_is_no_pair_of_two_ids_is_an_error_on_its_line(tmp_path: Path, pair: str) -> None:
    assert errors_of(tmp_path, f"map: []\ndistinct:\n  - [api, cors]\n  - {pair}\n") == [
        "overrides.yml:4: each 'distinct' entry is a pair of two different question ids"]


def test_an_entry_listed_through_a_merge_key_is_an_error_on_the_merge_key_line(tmp_path: Path) -> None:
    # `<<` merges the mapping into the top level: its items have no line of their own
    assert errors_of(tmp_path, "\n<<: {map: [{source: src}]}\n") == [
        "overrides.yml:2: each 'map' entry needs id, ref, source, why (non-empty strings)"]


@pytest.mark.parametrize("kind", ["map", "new", "off_topic"])
def test_a_decision_key_that_is_no_list_is_an_error_on_its_line(tmp_path: Path, kind: str) -> None:
    assert errors_of(tmp_path, f"distinct: []\n\n{kind}: 5\n") == [f"overrides.yml:3: '{kind}' must be a list"]


def test_every_malformed_distinct_entry_is_reported_and_good_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yml"
    path.write_text("distinct:\n  - [api]\n  - [api, api]\n  - [api, cors]\n", encoding="utf-8")
    overrides, errors = load_overrides(path, tmp_path)
    message = "each 'distinct' entry is a pair of two different question ids"
    assert [str(e) for e in errors] == [f"overrides.yml:2: {message}", f"overrides.yml:3: {message}"]
    assert overrides.distinct == {frozenset({"api", "cors"})}
