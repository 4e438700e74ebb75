"""The command line: checks exit non-zero with file:line errors, and a failed build leaves the site alone."""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CLI, ROOT, run_cli


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
    assert (out / "q" / "cors" / "index.md").exists()


def test_dedup_writes_a_json_entry_per_source_question(project: Path, tmp_path: Path) -> None:
    registry = project / "sources" / "drf-qa-readme.yml"  # one question that needs a person (the bank covers the rest)
    registry.write_text(registry.read_text(encoding="utf-8") + "- ref: extra-1\n  asked: What is the cost of API "
                        "versioning for clients?\n  section: null\n  level: null\n  line: 999\n", encoding="utf-8")
    out = tmp_path / "report.json"
    done = run_cli("dedup", "--json", str(out), root=project)
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    from handbook.calibration import TUNING_DOCUMENTS

    seeds = [m for m in data["matches"] if m["source"] not in TUNING_DOCUMENTS and m["ref"] != "extra-1"]
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


# Fast, in-process checks of each command's messages and exit codes (no site build).

DOCUMENT = """# Interview

## Basics

### What is Django?

Django is a framework.

## Models

### What is a model in Django?

1. What is a migration?
2. How do you deploy Django with Gunicorn?
"""


def write_document(tmp_path: Path) -> Path:
    document = tmp_path / "interview.md"
    document.write_text(DOCUMENT, encoding="utf-8")
    return document


def test_a_missing_command_is_a_usage_error_naming_the_program() -> None:
    done = run_cli()
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("usage: python -m handbook [-h] [--root ROOT]")
    assert done.stderr.endswith("\npython -m handbook: error: the following arguments are required: command\n")


HELP = [  # (command, option or sub-command, its help text)
    ((), "--root ROOT", "project root (default: this checkout)"),
    ((), "check", "validate and de-duplicate; non-zero exit on any problem"),
    ((), "dedup", "show what each source question maps to, and why"),
    ((), "review", "accept suggestions, or mark source questions new or off-topic"),
    (("dedup",), "--by-bank", "also list, per bank question, the source questions it covers"),
    (("review",), "--accept SOURCE:REF=BANK_ID", "map a question (repeatable)"),
    (("review",), "--why WHY", "the reason recorded with each decision"),
    (("ingest",), "--pending, --no-pending", "its uncovered questions are known open work until the content covers them"),
    (("ingest",), "--layout NAME, --format NAME", "force a layout reader (auto, "),
    (("ingest",), "--seeds SEEDS", "folder of raw documents for --check"),
    (("dedup",), "--status {suggested,new,off-topic,covered}", "only these statuses (repeatable)"),
    (("review",), "--new SOURCE:REF", "confirm a question is new (repeatable)"),
    (("review",), "--off-topic SOURCE:REF", "mark a question off-topic (repeatable)"),
    (("generate",), "--check", "validate and render in memory; write nothing"),
    (("ingest",), "--skip-section SKIP_SECTION", "regex: leave out questions under matching sections"),
    (("ingest",), "--check", "check every registry file against its raw document"),
    ((), "generate", "render the generated pages (what the MkDocs hook adds)"),
    ((), "ingest", "read a raw source document into sources/<id>.yml"),
    ((), "build", "strict MkDocs build; the site folder is replaced only on success"),
    (("review",), "--source SOURCE", "only this source's questions (interactive)"),
    (("dedup",), "--json JSON", "where to write the JSON report"),
    (("ingest",), "--licence LICENCE", "the document's licence, as its publisher states it"),
    (("ingest",), "--preview", "print what would be recorded and the layout chosen; write nothing"),
    ((), "coverage", "the syllabus: which official doc pages the questions cover"),
    (("coverage",), "--json JSON", "where to write the map as JSON"),
]


def test_help_describes_the_program_the_commands_and_their_options() -> None:
    from handbook import cli

    top = run_cli("--help", env={"COLUMNS": "250"})
    assert top.returncode == 0 and f"\n\n{cli.__doc__}\n\n" in top.stdout
    for command in sorted({command for command, _, _ in HELP}):
        done = run_cli(*command, "--help", env={"COLUMNS": "250"})
        assert done.returncode == 0, done.stderr
        for name, text in [(name, text) for c, name, text in HELP if c == command]:
            assert re.search(rf"^ +{re.escape(name)}\s+{re.escape(text)}", done.stdout, re.MULTILINE), (name, done.stdout)


def test_ingest_check_without_the_raw_documents_skips_from_the_default_root(tmp_path: Path) -> None:
    from handbook.cli import main

    seeds, incoming = tmp_path / "no-seeds", tmp_path / "no-incoming"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):  # no --root: the checkout's own project
        code = main(["ingest", "--check", "--seeds", str(seeds), "--incoming", str(incoming)])
    assert code == 0
    assert out.getvalue() == (f"skipped: the raw documents folders ({seeds}, {incoming}) are absent, "
                              "so there is nothing to compare with\n")


BROKEN_REGISTRY = "# a registry file without its metadata\nid: broken-src\n"
BROKEN_ERROR = "sources/broken-src.yml:1: 'title' is required (a non-empty string)"


def test_ingest_check_reports_an_invalid_registry_file(project: Path, tmp_path: Path) -> None:
    (project / "sources" / "broken-src.yml").write_text(BROKEN_REGISTRY, encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    done = run_cli("ingest", "--check", "--seeds", str(tmp_path / "seeds"), "--incoming", str(tmp_path / "none"),
                   root=project)
    assert done.returncode == 1
    assert BROKEN_ERROR in done.stderr.splitlines()


def test_ingest_refuses_to_rewrite_an_invalid_registry_file(project: Path, tmp_path: Path) -> None:
    registry = project / "sources" / "broken-src.yml"
    registry.write_text(BROKEN_REGISTRY, encoding="utf-8")
    done = run_cli("ingest", str(write_document(tmp_path)), "--id", "broken-src", root=project)
    assert done.returncode == 1 and done.stdout == ""
    assert BROKEN_ERROR in done.stderr.splitlines()
    assert registry.read_text(encoding="utf-8") == BROKEN_REGISTRY


def test_ingest_preview_lists_the_questions_and_every_reader_that_rated_the_document(tmp_path: Path) -> None:
    from handbook.ingest import ingest_document

    document = write_document(tmp_path)
    ratings = ingest_document(DOCUMENT).ratings
    rated = [name for name, score in sorted(ratings.items(), key=lambda kv: -kv[1]) if score > 0]
    assert len(rated) >= 2  # else the list below has no separator to check
    done = run_cli("ingest", "--preview", str(document))
    assert done.returncode == 0, done.stderr
    assert f"{document}:5:           What is Django?" in done.stdout.splitlines()
    assert f" (all readers: {', '.join(f'{name} {ratings[name]:.2f}' for name in rated)})\n" in done.stdout
    skipped = run_cli("ingest", "--preview", str(document), "--skip-question", "(?i)model")
    assert skipped.returncode == 0, skipped.stderr
    assert "What is Django?" in skipped.stdout and "What is a model in Django?" not in skipped.stdout
    assert "\n1 questions (0 off-topic); layout " in skipped.stdout


def test_ingest_rejects_an_unknown_layout_on_stderr(tmp_path: Path) -> None:
    done = run_cli("ingest", str(write_document(tmp_path)), "--id", "x", "--layout", "no-such-reader")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "<command line>:0: unknown format 'no-such-reader'\n"


def test_ingest_of_a_new_source_names_the_missing_metadata(project: Path, tmp_path: Path) -> None:
    done = run_cli("ingest", str(write_document(tmp_path)), "--id", "new-src", "--kind", "blog", root=project)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "a new source needs --title, --credit\n"
    assert not (project / "sources" / "new-src.yml").exists()


def test_ingest_of_an_unreadable_document_records_nothing(project: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    done = run_cli("ingest", str(missing), "--id", "new-src", "--title", "T", "--kind", "blog", "--credit", "C",
                   root=project)
    assert (done.returncode, done.stdout) == (1, "")
    lines = done.stderr.splitlines()
    assert lines[0].startswith(f"{missing}:1: ") and lines[1:] == ["nothing was recorded."]
    assert not (project / "sources" / "new-src.yml").exists()


def test_ingest_records_the_skips_and_keeps_a_source_pending_until_told(project: Path, tmp_path: Path) -> None:
    from handbook.sources import load_source

    document = write_document(tmp_path)
    registry = project / "sources" / "new-src.yml"
    meta = ("--title", "T", "--kind", "blog", "--credit", "C")
    done = run_cli("ingest", str(document), "--id", "new-src", *meta, "--pending", "--skip-section", "^Models$",
                   root=project)
    assert done.returncode == 0, done.stderr
    source, errors = load_source(registry, project)
    assert not errors and source is not None
    assert [q.asked for q in source.questions] == ["What is Django?"]
    assert source.ingest["skip_sections"] == ["^Models$"] and source.pending is True
    assert done.stdout == f"{registry}: 1 questions, 0 off-topic ({source.ingest['format']} layout)\n"
    assert run_cli("ingest", str(document), "--id", "new-src", root=project).returncode == 0
    source, _ = load_source(registry, project)
    assert source is not None and source.pending is True and [q.asked for q in source.questions] == ["What is Django?"]
    assert run_cli("ingest", str(document), "--id", "new-src", "--no-pending", root=project).returncode == 0
    source, _ = load_source(registry, project)
    assert source is not None and source.pending is False


def test_check_require_coverage_overrides_the_project_setting(project: Path) -> None:
    expected = add_uncovered_question(project)
    set_require_coverage(project, False)
    flagged = run_cli("check", "--require-coverage", root=project)
    assert flagged.returncode == 1
    assert expected + "'What is a monad transformer?'" in flagged.stderr


def test_dedup_json_keeps_non_ascii_text_and_status_is_repeatable(project: Path) -> None:
    add_uncovered_question(project)
    registry = project / "sources" / "drf-qa-readme.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("What is a monad transformer?",
                                                                     "What is a “monad transformer” in Haskell?")
                        + "- ref: extra-2\n  asked: What is the cost of API versioning for clients?\n  section: null\n"
                        "  level: null\n  line: 1000\n", encoding="utf-8")
    out = project / "r.json"
    done = run_cli("dedup", "--status", "new", "--status", "suggested", "--json", str(out), root=project)
    assert done.returncode == 0, done.stderr
    assert '"asked": "What is a “monad transformer” in Haskell?"' in out.read_text(encoding="utf-8")
    data = json.loads(out.read_text(encoding="utf-8"))
    shown = {line.split()[0] for line in done.stdout.split("\n\n")[0].splitlines()[2:] if line[:1].strip()}
    assert shown == {m["status"] for m in data["matches"] if m["status"] in ("new", "suggested")} == {"new", "suggested"}


def test_generate_writes_to_build_generated_by_default(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    done = run_cli("generate", root=project)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "build" / "generated" / "web-and-rest.md").is_file()
    assert done.stdout.startswith(f"wrote {len(list((tmp_path / 'build' / 'generated').rglob('*.*')))} files to build/generated\n")


class FakeMkdocs:
    """Stands in for `python -m mkdocs build`: reads the options MkDocs reads, and writes a site unless told to fail."""

    def __init__(self, returncode: int) -> None:
        self.returncode = returncode
        self.calls: list[tuple[list[str], Path]] = []

    def __call__(self, command: list[str], cwd: Path, capture_output: bool = False, text: bool = False
                 ) -> subprocess.CompletedProcess:
        self.calls.append((command, cwd))
        assert command[:5] == [sys.executable, "-m", "mkdocs", "build", "--strict"] and text
        options = dict(zip(command[5::2], command[6::2], strict=True))
        code = self.returncode if set(options) == {"--site-dir", "--config-file"} else 2  # as MkDocs refuses an option
        if code == 0:
            Path(options["--site-dir"]).mkdir(parents=True)
            (Path(options["--site-dir"]) / "index.html").write_text("new build", encoding="utf-8")
        out, err = ("INFO    -  Documentation built\n", "WARNING -  a warning\n") if capture_output else (None, None)
        return subprocess.CompletedProcess(command, code, out, err)


def previous_site(tmp_path: Path) -> Path:
    site = tmp_path / "out" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("previous build", encoding="utf-8")
    return site


def test_build_passes_on_mkdocs_output_and_replaces_the_site(project: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    mkdocs = FakeMkdocs(0)
    monkeypatch.setattr(subprocess, "run", mkdocs)
    site = previous_site(tmp_path)
    done = run_cli("build", "--site-dir", str(site), root=project)
    assert done.returncode == 0, done.stderr
    assert [(c[c.index("--config-file") + 1], cwd) for c, cwd in mkdocs.calls] == [(str(project / "mkdocs.yml"), project)]
    assert done.stdout.startswith("INFO    -  Documentation built\n" + f"built {site} in ")
    assert done.stderr == "WARNING -  a warning\n"
    assert (site / "index.html").read_text(encoding="utf-8") == "new build"
    assert [p.name for p in site.parent.iterdir()] == ["site"]  # the staging folder is gone


def test_a_failed_build_says_so_and_leaves_the_site(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(subprocess, "run", FakeMkdocs(1))
    site = previous_site(tmp_path)
    done = run_cli("build", "--site-dir", str(site), root=project)
    assert done.returncode == 1
    assert done.stderr == f"WARNING -  a warning\nbuild failed: {site} was left as it was\n"
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert [p.name for p in site.parent.iterdir()] == ["site"]


QA_DOCUMENT = "Q: What is Django?\nA: A framework.\n\nQ: What is a model?\nA: A class.\n"


def test_ingest_preview_lists_the_readers_best_first(tmp_path: Path) -> None:
    document = tmp_path / "qa.txt"
    document.write_text(QA_DOCUMENT, encoding="utf-8")
    done = run_cli("ingest", "--preview", str(document))
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("\n2 questions (0 off-topic); layout qa, confidence 1.00 (all readers: qa 1.00, lines 0.50)\n"
                                "preview only: nothing was written.\n")


def test_ingest_preview_with_a_forced_layout_names_no_readers(tmp_path: Path) -> None:
    done = run_cli("ingest", "--preview", str(write_document(tmp_path)), "--layout", "headings")
    assert done.returncode == 0, done.stderr
    summary = done.stdout.splitlines()[-2]
    assert re.fullmatch(r"\d+ questions \(0 off-topic\); layout headings, confidence \d\.\d\d", summary), summary


def test_ingest_preview_leaves_out_skipped_sections(tmp_path: Path) -> None:
    done = run_cli("ingest", "--preview", str(write_document(tmp_path)), "--skip-section", "^Models$")
    assert done.returncode == 0, done.stderr
    assert [line.split(None, 1)[1] for line in done.stdout.splitlines() if line.startswith(str(tmp_path))] == [
        "What is Django?"]
    assert "\n1 questions (0 off-topic); layout " in done.stdout


def test_ingest_records_the_url(project: Path, tmp_path: Path) -> None:
    from handbook.sources import load_source

    done = run_cli("ingest", str(write_document(tmp_path)), "--id", "new-src", "--title", "T", "--kind", "blog",
                   "--credit", "C", "--url", "https://example.org/interview", root=project)
    assert done.returncode == 0, done.stderr
    source, errors = load_source(project / "sources" / "new-src.yml", project)
    assert not errors and source is not None and source.url == "https://example.org/interview"


def test_check_counts_its_problems_last_on_stderr(project: Path) -> None:
    expected = add_uncovered_question(project)
    done = run_cli("check", "--require-coverage", root=project)
    assert done.returncode == 1
    lines = done.stderr.split("\n")
    assert lines[0].startswith(expected + "'What is a monad transformer?' (") and lines[1:] == ["", "1 problem(s).", ""]


def test_dedup_by_bank_lists_the_coverage_under_a_heading(tmp_path: Path) -> None:
    from handbook.pipeline import Paths, load
    from handbook.report import coverage_by_bank

    done = run_cli("dedup", "--by-bank", "--json", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr
    coverage = coverage_by_bank(load(Paths(ROOT), require_coverage=False).report)
    assert f"\n\nCoverage by bank question:\n{coverage}\n\n" in done.stdout


def test_generate_stops_on_a_problem_and_prints_it(project: Path, tmp_path: Path) -> None:
    expected = add_uncovered_question(project)
    set_require_coverage(project, True)
    done = run_cli("generate", "--out", str(tmp_path / "out"), root=project)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith(expected + "'What is a monad transformer?' (") and done.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_generate_on_invalid_content_exits_1(project: Path, tmp_path: Path) -> None:
    break_a_question(project)
    done = run_cli("generate", "--out", str(tmp_path / "out"), root=project)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.endswith(" error(s): nothing was generated.\n")


def test_dedup_json_goes_into_new_folders_with_two_space_indents(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "report.json"
    done = run_cli("dedup", "--json", str(out))
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
    assert f"JSON report written to {out}\n" in done.stdout


def test_ingest_preview_of_a_missing_document_names_it_on_line_1(tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    done = run_cli("ingest", "--preview", str(missing))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(f"{missing}:1: ") and "nope.md" in done.stderr.split(":1: ", 1)[1]


def latin1_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files opened without an encoding get Latin-1, as under a non-UTF-8 locale."""
    import io as io_module

    monkeypatch.setattr(io_module, "text_encoding", lambda encoding, stacklevel=2: encoding or "latin-1")


def test_generate_writes_utf8_whatever_the_locale(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from handbook.pipeline import Paths, load
    from handbook.render import build_site

    latin1_locale(monkeypatch)
    result = load(Paths(project))
    files = build_site(result.bank, result.report).files
    assert any(not text.isascii() for text in files.values())
    done = run_cli("generate", "--out", str(tmp_path / "out"), root=project)
    assert done.returncode == 0, done.stderr
    assert {uri: (tmp_path / "out" / uri).read_bytes().decode("utf-8") for uri in files} == files


def test_dedup_json_is_utf8_whatever_the_locale(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_uncovered_question(project)
    registry = project / "sources" / "drf-qa-readme.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("a monad transformer?", "a “monad” café?"),
                        encoding="utf-8")
    latin1_locale(monkeypatch)
    out = project / "r.json"
    assert run_cli("dedup", "--json", str(out), root=project).returncode == 0
    assert '"asked": "What is a “monad” café?"' in out.read_bytes().decode("utf-8")


def test_ingest_writes_the_registry_in_utf8_whatever_the_locale(project: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    document = tmp_path / "qa.txt"
    document.write_text("Q: What is a café view?\nA: One.\n\nQ: What is a model?\nA: A class.\n", encoding="utf-8")
    latin1_locale(monkeypatch)
    done = run_cli("ingest", str(document), "--id", "new-src", "--title", "Tést", "--kind", "blog", "--credit", "C",
                   root=project)
    assert done.returncode == 0, done.stderr
    text = (project / "sources" / "new-src.yml").read_bytes().decode("utf-8")
    assert "What is a café view?" in text and "Tést" in text


def test_ingest_preview_and_ingest_name_what_they_miss(tmp_path: Path) -> None:
    done = run_cli("ingest", "--preview")
    assert (done.returncode, done.stdout, done.stderr) == (2, "", "ingest --preview needs a DOCUMENT\n")
    done = run_cli("ingest", str(write_document(tmp_path)))
    assert (done.returncode, done.stdout, done.stderr) == (
        2, "", "ingest needs a DOCUMENT and --id (or --preview, or --check)\n")


def only_registry(project: Path, keep: str) -> Path:
    for path in (project / "sources").glob("*.yml"):
        if path.name not in (keep, "overrides.yml"):
            path.unlink()
    return project / "sources" / keep


def test_ingest_check_names_a_missing_origin_and_counts_it_as_a_failure(project: Path, tmp_path: Path) -> None:
    from handbook.sources import load_source

    registry = only_registry(project, "drf-qa-readme.yml")
    source, _ = load_source(registry, project)
    assert source is not None
    (project / "sources" / "broken-src.yml").write_text(BROKEN_REGISTRY, encoding="utf-8")
    seeds, incoming = tmp_path / "seeds", tmp_path / "incoming"
    seeds.mkdir()
    incoming.mkdir()
    done = run_cli("ingest", "--check", "--seeds", str(seeds), "--incoming", str(incoming), root=project)
    assert (done.returncode, done.stdout) == (1, "")
    lines = done.stderr.splitlines()
    assert BROKEN_ERROR in lines and lines[-1] == f"{registry}:1: origin '{source.origin}' not found in {seeds} or {incoming}"


def test_ingest_check_names_a_document_no_reader_can_read(project: Path, tmp_path: Path) -> None:
    from handbook.ingest import LayoutError
    from handbook.sources import load_source, reingest

    registry = only_registry(project, "drf-qa-readme.yml")
    registry.write_text(registry.read_text(encoding="utf-8").replace("format: numbered", "format: auto"), encoding="utf-8")
    source, _ = load_source(registry, project)
    assert source is not None
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    document = seeds / source.origin
    document.write_text("", encoding="utf-8")
    with pytest.raises(LayoutError) as raised:
        reingest(source, document)
    done = run_cli("ingest", "--check", "--seeds", str(seeds), "--incoming", str(tmp_path / "none"), root=project)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"{registry}:1: {document}: {raised.value}\n"


def test_build_stages_mkdocs_output_in_a_site_folder_beside_the_target(project: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    mkdocs = FakeMkdocs(0)
    monkeypatch.setattr(subprocess, "run", mkdocs)
    site = previous_site(tmp_path)
    assert run_cli("build", "--site-dir", str(site), root=project).returncode == 0
    [(command, _)] = mkdocs.calls
    staged = Path(command[command.index("--site-dir") + 1])
    assert staged.name == "site" and staged.parent.parent == site.parent and staged.parent.name.startswith(".site-")


