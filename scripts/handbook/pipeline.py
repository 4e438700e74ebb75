"""Run the whole pipeline: load and validate content and sources, de-duplicate, and judge the result."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .changes import load_changes
from .errors import ContentError, ContentErrors
from .loader import load_content
from .matching import gc_paused
from .model import Bank
from .overrides import Overrides, load_overrides
from .sources import load_sources, registry_errors
from .syllabus import Coverage, coverage, docs_errors, load_syllabus, warnings
from .synonyms import load_synonyms

if TYPE_CHECKING:  # the matcher (scikit-learn) is imported only where de-duplication runs
    from .dedup_report import DedupReport

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Paths:
    """Where the pipeline's inputs live, relative to one project root."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def overrides(self) -> Path:
        return self.root / "sources" / "overrides.yml"

    @property
    def syllabus(self) -> Path:
        return self.root / "content" / "syllabus.yml"

    @property
    def changes(self) -> Path:
        return self.root / "content" / "changes.yml"

    @property
    def synonyms(self) -> Path:
        return self.root / "content" / "search-synonyms.yml"

    def setting(self, name: str) -> bool:
        """A ``[tool.handbook]`` flag from pyproject.toml (false when absent)."""
        pyproject = self.root / "pyproject.toml"
        if not pyproject.exists():
            return False
        with pyproject.open("rb") as handle:
            return bool(tomllib.load(handle).get("tool", {}).get("handbook", {}).get(name, False))

    def require_coverage(self) -> bool:
        """``require-coverage``: a source question no bank question covers is an error."""
        return self.setting("require-coverage")

    def require_syllabus(self) -> bool:
        """``require-syllabus``: a syllabus page no question covers (and not out of scope) is an error."""
        return self.setting("require-syllabus")


@dataclass
class Result:
    """A loaded bank, its de-duplication report, and every problem that should stop a check."""

    bank: Bank
    report: DedupReport
    problems: list[ContentError]
    coverage: Coverage
    warnings: list[ContentError]  # uncovered syllabus pages, while ``require-syllabus`` is off


@dataclass
class Inputs:
    """Every input file, read and validated: the bank and the review decisions."""

    bank: Bank
    overrides: Overrides


@dataclass
class Analysis:
    """What de-duplication and the coverage map found about valid inputs."""

    report: DedupReport
    problems: list[ContentError]
    coverage: Coverage
    warnings: list[ContentError]


def read(paths: Paths) -> Inputs:
    """Load and validate every input file; raise :class:`ContentErrors` listing every problem."""
    errors: list[ContentError] = []
    try:
        topics, questions = load_content(paths.content, paths.root)
    except ContentErrors as exc:
        errors += exc.errors
        topics, questions = [], []
    try:
        sources = load_sources(paths.sources, paths.root)
    except ContentErrors as exc:
        errors += exc.errors
        sources = []
    errors += registry_errors(sources)
    overrides, override_errors = load_overrides(paths.overrides, paths.root)
    errors += override_errors
    syllabus, syllabus_errors = load_syllabus(paths.syllabus, paths.root)
    errors += syllabus_errors or docs_errors(questions, syllabus)
    changes, change_errors = load_changes(paths.changes, paths.root, questions)
    errors += change_errors
    synonyms, synonym_errors = load_synonyms(paths.synonyms, paths.root)
    errors += synonym_errors
    if errors:
        raise ContentErrors(errors)
    bank = Bank(topics=topics, questions=questions, sources=sources, syllabus=syllabus, changes=changes,
                synonyms=synonyms)
    return Inputs(bank=bank, overrides=overrides)


def analyse(inputs: Inputs, require_coverage: bool, require_syllabus: bool) -> Analysis:
    """De-duplicate the sources against the bank, map the syllabus, and judge the result."""
    from .dedup import deduplicate
    from .meaning import load_reranker

    bank = inputs.bank
    report = deduplicate(bank.questions, bank.sources, inputs.overrides, reranker=load_reranker(bank.questions))
    cov = coverage(bank.syllabus, bank.questions)
    uncovered = warnings(cov, bank.syllabus)
    problems = judge(bank, report, require_coverage)
    if require_syllabus:
        problems, uncovered = problems + uncovered, []
    return Analysis(report=report, problems=problems, coverage=cov, warnings=uncovered)


def load(paths: Paths, *, require_coverage: bool | None = None) -> Result:
    """Load everything and de-duplicate; raise :class:`ContentErrors` if any input file is invalid.

    ``require_coverage`` defaults to the project's ``[tool.handbook] require-coverage`` setting.
    """
    if require_coverage is None:
        require_coverage = paths.require_coverage()
    with gc_paused():  # loading and matching build many objects and no cycles worth collecting meanwhile
        inputs = read(paths)
        found = analyse(inputs, require_coverage, paths.require_syllabus())
    return Result(bank=inputs.bank, report=found.report, problems=found.problems, coverage=found.coverage,
                  warnings=found.warnings)


def judge(bank: Bank, report: DedupReport, require_coverage: bool) -> list[ContentError]:
    """What a check must fail on: override errors, duplicate bank questions, and, for sources that are not
    pending, suggestions nobody confirmed and (with ``require_coverage``) new questions. Off-topic questions
    never count, and a pending source's suggested and new questions are known open work (:meth:`DedupReport.open_work`)."""
    problems = list(report.errors)
    registry = {s.id: s.path for s in bank.sources}
    entry_lines = {(s.id, q.ref): q.entry_line for s in bank.sources for q in s.questions}
    for m in report.by_status("suggested"):
        if not m.pending:
            problems.append(ContentError(registry[m.source], entry_lines[(m.source, m.ref)],
                                         f"needs review: '{m.asked}': {m.why} (python scripts/handbook_cli.py review)"))
    if require_coverage:
        for m in report.by_status("new"):
            if not m.pending:
                problems.append(ContentError(registry[m.source], entry_lines[(m.source, m.ref)],
                                             f"not covered by any bank question: '{m.asked}' ({m.why})"))
    paths = {q.id: q.path for q in bank.questions}
    for d in report.duplicates:
        problems.append(ContentError(paths[d.second], 2, f"looks like a duplicate of '{d.first}': {d.why} "
                                     "(merge them, or list the pair under 'distinct' in sources/overrides.yml)"))
    return problems
