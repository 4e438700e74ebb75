"""The command line: checks exit non-zero with file:line errors, and a failed build leaves the site alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CLI, run_cli


def break_a_question(project: Path) -> Path:
    path = next((project / "content" / "questions").rglob("*.md"))
    path.write_text(path.read_text(encoding="utf-8").replace("## Mid", "## Middle", 1), encoding="utf-8")
    return path


def test_check_passes_on_the_real_content_with_every_source_question_covered() -> None:
    done = run_cli("check")
    assert done.returncode == 0, done.stderr
    assert "source questions from" in done.stdout and "; 0 suspected duplicate bank pairs" in done.stdout
    open_work = [line for line in done.stdout.splitlines() if line.startswith("open work: ")]
    assert f"({len(open_work)} of them open work of pending sources)" in done.stdout


def test_check_fails_with_file_and_line(project: Path) -> None:
    broken = break_a_question(project)
    done = run_cli("check", root=project)
    assert done.returncode == 1
    rel = broken.relative_to(project)
    line = broken.read_text(encoding="utf-8").splitlines().index("## Middle") + 1
    assert f"{rel}:{line}: unexpected heading '## Middle'" in done.stderr
    assert "nothing was generated" in done.stderr


def add_uncovered_question(project: Path) -> str:
    registry = project / "sources" / "drf-qa-readme.yml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text + "- ref: extra-1\n  asked: What is a monad transformer?\n  section: null\n  level: null\n"
                        "  line: 999\n", encoding="utf-8")
    return f"sources/drf-qa-readme.yml:{text.count(chr(10)) + 1}: not covered by any bank question: "


def set_require_coverage(project: Path, value: bool) -> None:
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace(f"require-coverage = {str(not value).lower()}",
                                      f"require-coverage = {str(value).lower()}"), encoding="utf-8")


@pytest.mark.slow  # runs a MkDocs build
def test_require_coverage_turns_uncovered_questions_into_errors(project: Path, tmp_path: Path) -> None:
    expected = add_uncovered_question(project)
    set_require_coverage(project, False)
    assert run_cli("check", root=project).returncode == 0
    flagged = run_cli("check", "--require-coverage", root=project)
    assert flagged.returncode == 1 and expected + "'What is a monad transformer?'" in flagged.stderr
    set_require_coverage(project, True)
    assert run_cli("check", root=project).returncode == 1
    build = run_cli("build", "--site-dir", str(tmp_path / "site"), root=project)
    assert build.returncode != 0 and "What is a monad transformer?" in build.stdout + build.stderr


@pytest.mark.slow  # runs a MkDocs build
def test_failed_build_leaves_the_previous_site_intact(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    break_a_question(project)
    done = run_cli("build", "--site-dir", str(site), root=project)
    assert done.returncode != 0
    assert "unexpected heading '## Middle'" in done.stdout + done.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


@pytest.mark.slow  # runs a MkDocs build
def test_a_broken_link_to_a_question_fails_the_strict_build(project: Path, tmp_path: Path) -> None:
    home = project / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\n[Gone](web-and-rest.md#no-such-question)\n", encoding="utf-8")
    done = run_cli("build", "--site-dir", str(tmp_path / "site"), root=project)
    assert done.returncode != 0
    assert "no-such-question" in done.stdout + done.stderr
    assert not (tmp_path / "site").exists()


def test_generate_check_writes_nothing_and_generate_writes_pages(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "generated"
    assert run_cli("generate", "--check", "--out", str(out), root=project).returncode == 0
    assert not out.exists()
    done = run_cli("generate", "--out", str(out), root=project)
    assert done.returncode == 0, done.stderr
    assert (out / "web-and-rest.md").read_text(encoding="utf-8").count('=== "Senior"') >= 10
    assert (out / "q" / "cors" / "index.html").exists()


def test_dedup_writes_a_json_entry_per_source_question(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    done = run_cli("dedup", "--json", str(out))
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    seeds = [m for m in data["matches"] if not m["pending"]]
    assert len(seeds) == 235 and all(m["status"] == "covered" for m in seeds)
    assert all(m["candidates"] and m["candidates"][0]["words"] for m in data["matches"] if m["status"] == "suggested")
    covered = [m for m in data["matches"] if m["status"] == "covered"]
    assert {m["id"] for m in covered} >= {"cors", "put-vs-patch", "n-plus-one-queries"}
    assert all(m["why"] for m in data["matches"])
    assert "covered    " in done.stdout and "suggested  " in done.stdout


@pytest.mark.slow  # a separate process: outside the in-process tests that mutation testing runs
def test_the_script_runs_as_a_program_from_any_directory(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(CLI), "check"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "source questions from" in done.stdout
