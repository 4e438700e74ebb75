"""The pipeline: the project's settings, and messages that name files relative to the project root."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.dedup import COVER
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


def add_source_question(project: Path, asked: str) -> int:
    """Append a question to a non-pending registry file; return the line of its entry."""
    registry = project / "sources" / "drf-qa-readme.yml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text + f"- ref: extra-1\n  asked: {asked}\n  section: null\n  level: null\n  line: 999\n",
                        encoding="utf-8")
    return text.count("\n") + 1


def test_an_unreviewed_suggestion_of_a_source_is_a_problem_on_its_entry_line(project: Path) -> None:
    line = add_source_question(project, "What is the cost of API versioning for clients?")
    result = load(Paths(project), require_coverage=False)
    assert [str(p) for p in result.problems] == [
        f"sources/drf-qa-readme.yml:{line}: needs review: 'What is the cost of API versioning for clients?': "
        f"closest is 'api-versioning' 0.37 (versioning, api, clients), below {COVER:.2f}: a person confirms "
        "(python scripts/handbook_cli.py review)"]


def test_a_duplicate_bank_question_is_a_problem_on_line_2_of_its_file(project: Path) -> None:
    original = project / "content" / "questions" / "web-and-rest" / "cors.md"
    text = original.read_text(encoding="utf-8")
    (original.parent / "cors-again.md").write_text(text.replace("id: cors\n", "id: cors-again\n", 1), encoding="utf-8")
    problems = [str(p) for p in load(Paths(project), require_coverage=False).problems]
    duplicate = "content/questions/web-and-rest/cors-again.md:2: looks like a duplicate of 'cors': "
    assert problems[-1].startswith(duplicate)
    assert problems[-1].endswith(" (merge them, or list the pair under 'distinct' in sources/overrides.yml)")
