"""The pipeline: the project's settings, and messages that name files relative to the project root."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.errors import ContentErrors
from handbook.pipeline import Paths, load


@pytest.mark.parametrize(("pyproject", "expected"), [
    (None, False),
    ("[project]\nname = 'x'\n", False),
    ("[tool.ruff]\nline-length = 120\n", False),
    ("[tool.handbook]\nrequire-coverage = false\n", False),
    ("[tool.handbook]\nrequire-coverage = true\n", True),
])
def test_require_coverage_is_read_from_pyproject(tmp_path: Path, pyproject: str | None, expected: bool) -> None:
    if pyproject is not None:
        (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    assert Paths(tmp_path).require_coverage() is expected


def test_errors_in_a_registry_file_name_it_relative_to_the_project_root(project: Path) -> None:
    (project / "sources" / "broken-src.yml").write_text("# a registry file without its metadata\nid: broken-src\n",
                                                         encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load(Paths(project))
    assert "sources/broken-src.yml:1: 'title' is required (a non-empty string)" in [str(e) for e in caught.value.errors]
