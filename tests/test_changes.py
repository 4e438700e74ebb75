"""The "What changed" page: content/changes.yml validated with file and line, rendered per release."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from handbook.changes import changes_page, load_changes
from handbook.model import Question
from handbook.pipeline import Paths, load

GOOD = """\
- product: Django
  version: "5.0"
  change: "`db_default` lets the database compute a default."
  notes: https://docs.djangoproject.com/en/6.1/releases/5.0/#database-computed-default-values
  question: defaults
- product: DRF
  version: "3.16"
  change: "Views opt out of `LoginRequiredMiddleware`."
  notes: https://www.django-rest-framework.org/community/release-notes/#316x-series
  question: old-login
- product: Django
  version: "5.2"
  change: "`CompositePrimaryKey` for multi-column keys."
  notes: https://docs.djangoproject.com/en/6.1/releases/5.2/#composite-primary-keys
  question: defaults
"""


def question(qid: str, retired: list[str] | None = None) -> Question:
    return Question(id=qid, title=f"What about {qid}?", topic="basics", level="mid", path=f"content/{qid}.md",
                    answers={}, retired=retired or [])


BANK = [question("defaults"), question("login", retired=["old-login"])]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "changes.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_changes_load_and_a_retired_question_id_counts_for_its_merged_question(tmp_path: Path) -> None:
    changes, errors = load_changes(write(tmp_path, GOOD), tmp_path, BANK)
    assert errors == []
    assert [(c.product, c.version, c.question, c.line) for c in changes] == [
        ("Django", "5.0", "defaults", 1), ("DRF", "3.16", "login", 6), ("Django", "5.2", "defaults", 11)]


@pytest.mark.parametrize(("change", "line", "message"), [
    (("question: defaults\n- product: DRF", "question: nowhere\n- product: DRF"), 1,
     "question 'nowhere' is no question id of the bank"),
    (("product: DRF", "product: Flask"), 6, "product 'Flask' is not one of Django, DRF"),
    (('version: "3.16"', 'version: "3.16.1"'), 6, "version '3.16.1' is not like"),
    (("https://www.django-rest-framework.org/community", "https://example.com/community"), 6,
     "notes must link to https://www.django-rest-framework.org/"),
    (('  change: "`CompositePrimaryKey` for multi-column keys."\n', ""), 11, "each change needs exactly"),
])
def test_every_bad_change_is_an_error_on_its_line(tmp_path: Path, change: tuple[str, str], line: int, message: str) -> None:
    text = GOOD.replace(*change)
    assert text != GOOD
    _, errors = load_changes(write(tmp_path, text), tmp_path, BANK)
    assert [(e.line, message in e.message) for e in errors] == [(line, True)], errors


def test_the_page_groups_changes_by_release_newest_first_and_links_notes_and_questions(tmp_path: Path) -> None:
    changes, _ = load_changes(write(tmp_path, GOOD), tmp_path, BANK)
    page = changes_page(changes, BANK)
    assert page.index("## Django 5.2") < page.index("## Django 5.0") < page.index("## DRF 3.16")
    assert ("- `db_default` lets the database compute a default. ([release notes](https://docs.djangoproject.com/en/6.1/"
            "releases/5.0/#database-computed-default-values)) — [What about defaults?](basics.md#defaults)") in page
    assert "[What about login?](basics.md#login)" in page


def test_the_project_changes_file_names_existing_questions_for_both_products() -> None:
    result = load(Paths(ROOT))
    products = {c.product for c in result.bank.changes}
    assert products == {"Django", "DRF"}
    versions = {(c.product, c.version) for c in result.bank.changes}
    assert {("Django", v) for v in ("5.0", "5.1", "5.2", "6.0", "6.1")} <= versions
    assert {("DRF", v) for v in ("3.15", "3.16")} <= versions
