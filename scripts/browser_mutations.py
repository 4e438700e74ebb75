"""Hand-made behaviour mutations of the handbook's browser scripts, each checked against the
browser tests that are meant to catch it.

The project (the working-tree version of every file git knows about, untracked ones included) is
copied to a temporary directory; each mutation is applied there alone, the named tests run with
pytest inside the copy (which builds its own site), and the file is restored before the next one.
The real ``docs/`` is never touched. Exit status: 0 when every mutation is caught, 1 when one
survives, its old text is not found exactly once, or its run errors; 2 when the unmutated copy
already fails the named tests.

    python scripts/browser_mutations.py             # every mutation
    python scripts/browser_mutations.py --list      # what would be applied
    python scripts/browser_mutations.py print-level-prints-all levels-heading-under-header
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STUDY = "tests/test_study_tools.py::"
BROWSER = "tests/test_browser.py::"
SEARCH = "tests/test_search_ui.py::"


@dataclass(frozen=True)
class Mutation:
    """One behaviour change: replace ``old`` (found exactly once) with ``new`` in ``file``."""

    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]


MUTATIONS: tuple[Mutation, ...] = (
    Mutation("store-import-older-overwrites-newer", "docs/javascripts/store.js",
             "if (!mine || mine.at < data.statuses[id].at)", "if (!mine || mine.at > data.statuses[id].at)",
             (STUDY + "test_import_into_existing_progress_keeps_the_newer_mark",)),
    Mutation("store-import-always-overwrites", "docs/javascripts/store.js",
             "if (!mine || mine.at < data.statuses[id].at)", "if (true)",
             (STUDY + "test_import_into_existing_progress_keeps_the_newer_mark",)),
    Mutation("store-invalid-question-id-accepted", "docs/javascripts/store.js",
             """      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(ids[i])) return "'" + ids[i] + "' is not a question id";\n""", "",
             (STUDY + "test_import_with_an_invalid_question_id_is_rejected",)),
    Mutation("store-progress-without-dont-know", "docs/javascripts/store.js",
             """    if (c.unknown) parts.push(c.unknown + " don't know");\n""", "",
             (STUDY + "test_progress_counts_dont_know_marks",)),
    Mutation("store-dont-know-counts-shaky", "docs/javascripts/store.js",
             """parts.push(c.unknown + " don't know")""", """parts.push(c.shaky + " don't know")""",
             (STUDY + "test_progress_counts_dont_know_marks",)),
    Mutation("print-level-prints-all", "docs/javascripts/print.js",
             """document.documentElement.setAttribute("data-hb-print", button.getAttribute("data-print"));""",
             """document.documentElement.setAttribute("data-hb-print", "all");""",
             (STUDY + "test_print_buttons_choose_the_printed_levels",)),
    Mutation("print-button-opens-no-dialog", "docs/javascripts/print.js",
             "        window.print();\n", "",
             (STUDY + "test_print_buttons_choose_the_printed_levels",)),
    Mutation("print-level-kept-after-printing", "docs/javascripts/print.js",
             """    document.documentElement.removeAttribute("data-hb-print");\n""", "",
             (STUDY + "test_print_buttons_choose_the_printed_levels",)),
    Mutation("levels-heading-under-header", "docs/javascripts/levels.js",
             "var offset = (header ? header.offsetHeight : 0) + 8;", "var offset = 0;",
             (BROWSER + "test_anchor_to_a_level_opens_that_tab", BROWSER + "test_every_old_link_form_still_lands_on_the_question")),
    Mutation("levels-query-level-ignored", "docs/javascripts/levels.js",
             "if (input && !input.checked) labels[i].click();", "",
             (BROWSER + "test_level_link_sets_the_level",)),
    Mutation("search-tabs-no-highlight-or-scroll", "docs/javascripts/search-tabs.js",
             """      var mark = block.querySelector("mark") || markFirst(block, words);\n"""
             """      if (mark) mark.scrollIntoView({ block: "center" });\n""", "",
             (STUDY + "test_search_result_opens_the_tab_holding_the_match",)),
    Mutation("search-tabs-no-scroll", "docs/javascripts/search-tabs.js",
             """if (mark) mark.scrollIntoView({ block: "center" });""", "",
             (STUDY + "test_search_result_opens_the_tab_holding_the_match",)),
    Mutation("search-tabs-tab-not-opened", "docs/javascripts/search-tabs.js",
             "    input.checked = true;\n", "",
             (STUDY + "test_search_result_opens_the_tab_holding_the_match",)),
    Mutation("search-tabs-named-tab-ignored", "docs/javascripts/search-tabs.js",
             "if (level) openTab(set, level, words);", "if (false) openTab(set, level, words);",
             (SEARCH + "test_a_result_opens_the_tab_that_matched_and_leaves_the_chosen_level",)),
    Mutation("worker-no-british-spellings", "docs/javascripts/search-worker.js",
             """if (match) return match[1] + "iz" + match[2];""", "",
             (SEARCH + "test_the_workers_term_rules_in_chromium",)),
    Mutation("worker-long-paths-indexed-whole", "docs/javascripts/search-worker.js",
             "if (pieces.length <= 2) add(word);", "add(word);",
             (SEARCH + "test_the_workers_term_rules_in_chromium",)),
    Mutation("worker-no-typo-tolerance", "docs/javascripts/search-worker.js",
             "fuzzy: function (term) { return term.length >= 5 ? 1 : false; },", "fuzzy: false,",
             (SEARCH + "test_spellings_typos_synonyms_and_pasted_errors",)),
    Mutation("worker-synonyms-table-ignored", "docs/javascripts/search-worker.js",
             "    if (!hit) return;\n", "    return;\n",
             (SEARCH + "test_spellings_typos_synonyms_and_pasted_errors",)),
    Mutation("worker-never-names-a-tab", "docs/javascripts/search-worker.js",
             'return tie ? "" : best;', 'return "";',
             (SEARCH + "test_a_result_opens_the_tab_that_matched_and_leaves_the_chosen_level",)),
    Mutation("worker-error-messages-not-indexed", "docs/javascripts/search-worker.js",
             '"keywords", "errors", "junior"', '"keywords", "junior"',
             (SEARCH + "test_search_test_set_handbook_against_materials_own_search",)),
)


@dataclass
class Outcome:
    """What happened to one mutation: caught, survived, not-found or error, and the evidence."""

    mutation: Mutation
    line: int
    verdict: str
    detail: str
    seconds: float


def project_files(root: Path) -> list[str]:
    """Tracked and untracked (not ignored) files of the working tree, as paths relative to ``root``."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=root,
                            capture_output=True, text=True, check=True).stdout
    return [name for name in listed.split("\0") if name and (root / name).is_file()]


def copy_project(root: Path, target: Path) -> Path:
    """Copy the working-tree files into ``target``; ``../shared`` is linked so the copy sees the same seeds."""
    for name in project_files(root):
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, destination)
    shared = root.parent / "shared"
    if shared.is_dir():
        (target.parent / "shared").symlink_to(shared, target_is_directory=True)
    return target


def run_tests(copy: Path, tests: tuple[str, ...], stop_first: bool) -> subprocess.CompletedProcess:
    """Run the named tests with pytest inside the copy (its conftest builds the copy's own site)."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfE", "--tb=short", *tests]
    if stop_first:
        command.insert(4, "-x")
    # A wide "terminal", so pytest's summary keeps each failure's whole first message line.
    return subprocess.run(command, cwd=copy, capture_output=True, text=True, timeout=900, env={**os.environ, "COLUMNS": "1000"})


def summary_lines(output: str, kind: str) -> list[str]:
    """The ``FAILED ...`` or ``ERROR ...`` lines of pytest's short summary."""
    return [line for line in output.splitlines() if line.startswith(kind + " ")]


def line_of(text: str, old: str) -> int:
    """The 1-based line where ``old`` starts in ``text``."""
    return text[:text.index(old)].count("\n") + 1


def try_mutation(copy: Path, mutation: Mutation) -> Outcome:
    """Apply one mutation in the copy, run its tests, restore the file, and judge the result."""
    path = copy / mutation.file
    original = path.read_text(encoding="utf-8")
    found = original.count(mutation.old)
    if found != 1:
        return Outcome(mutation, 0, "not-found", f"old text found {found} times in {mutation.file}", 0.0)
    line = line_of(original, mutation.old)
    started = time.monotonic()
    path.write_text(original.replace(mutation.old, mutation.new), encoding="utf-8")
    try:
        done = run_tests(copy, mutation.tests, stop_first=True)
    finally:
        path.write_text(original, encoding="utf-8")
    seconds = time.monotonic() - started
    failed, errors = summary_lines(done.stdout, "FAILED"), summary_lines(done.stdout, "ERROR")
    if failed and not errors:
        return Outcome(mutation, line, "caught", failed[0], seconds)
    if done.returncode == 0:
        return Outcome(mutation, line, "SURVIVED", "every named test passed", seconds)
    tail = (errors or done.stdout.strip().splitlines()[-1:] or [done.stderr.strip()])[0]
    return Outcome(mutation, line, "error", f"pytest exit {done.returncode}: {tail}", seconds)


def report(outcome: Outcome) -> str:
    """One line per mutation for the terminal."""
    where = f"{outcome.mutation.file}:{outcome.line}" if outcome.line else outcome.mutation.file
    return f"{outcome.verdict:9} {outcome.mutation.name:38} {where:36} {outcome.seconds:5.0f}s  {outcome.detail}"


def chosen(names: list[str]) -> list[Mutation]:
    """The mutations named on the command line, or all of them."""
    known = {m.name: m for m in MUTATIONS}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise SystemExit(f"unknown mutation(s): {', '.join(unknown)}; --list shows them")
    return [known[name] for name in names] if names else list(MUTATIONS)


def main(argv: list[str] | None = None) -> int:
    """Apply each chosen mutation in a copy of the project and report caught or survived."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="only these mutations (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutations and exit")
    args = parser.parse_args(argv)
    mutations = chosen(args.names)
    if args.list:
        for m in mutations:
            print(f"{m.name:38} {m.file}  tests: {' '.join(t.split('::')[1] for t in m.tests)}")
        return 0

    with tempfile.TemporaryDirectory(prefix="browser-mutations-") as temp:
        copy = copy_project(ROOT, Path(temp) / "project")
        tests = tuple(dict.fromkeys(t for m in mutations for t in m.tests))
        print(f"baseline: {len(tests)} tests on the unmutated copy in {copy}", flush=True)
        baseline = run_tests(copy, tests, stop_first=False)
        if baseline.returncode != 0:
            print(baseline.stdout[-4000:] + baseline.stderr[-2000:])
            print("the unmutated copy already fails these tests: fix that first")
            return 2
        print(re.sub(r"\s+", " ", baseline.stdout.strip().splitlines()[-1]), flush=True)
        outcomes = []
        for mutation in mutations:
            outcomes.append(try_mutation(copy, mutation))
            print(report(outcomes[-1]), flush=True)
    bad = [o for o in outcomes if o.verdict != "caught"]
    print(f"{len(outcomes) - len(bad)} of {len(outcomes)} mutations caught" + (f"; not caught: {', '.join(o.mutation.name for o in bad)}"
                                                                           if bad else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
