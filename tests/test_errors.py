"""Messages name files relative to the project root, else to the working directory, else as given."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.errors import display_path


def test_without_a_root_a_path_is_shown_relative_to_the_working_directory(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "sources" / "a.yml") == "sources/a.yml"


def test_a_path_outside_the_root_is_shown_relative_to_the_working_directory(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "b.yml", tmp_path / "project") == "b.yml"
    assert display_path(tmp_path / "project" / "c.yml", tmp_path / "project") == "c.yml"


def test_a_path_outside_both_is_shown_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    assert display_path(tmp_path / "elsewhere.yml") == str(tmp_path / "elsewhere.yml")
