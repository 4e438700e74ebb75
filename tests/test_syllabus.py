"""The syllabus: loading and validating content/syllabus.yml, checking questions' ``docs:``, the coverage
map, the build's warnings, the ``coverage`` command and what the site renders from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, run_cli
from handbook.model import Question
from handbook.pipeline import Paths, load
from handbook.render import coverage_page, official_docs
from handbook.syllabus import coverage, docs_errors, load_syllabus, warnings
from helpers import question_text

SYLLABUS = """\
sites:
  django:
    name: Django
    url: https://docs.djangoproject.com/en/{version}/{path}/
    version: "5.2"
  drf:
    name: DRF
    url: https://www.django-rest-framework.org/{path}/
areas:
  - id: queries
    title: Making queries
    pages:
      - {page: "django:topics/db/queries", title: Making queries}
      - {page: "django:topics/db/fetch-modes", title: Fetch modes, version: "6.1"}
      - {page: "django:topics/db/tablespaces", title: Tablespaces, out_of_scope: Not asked.}
  - id: drf
    title: DRF
    pages:
      - {page: "drf:api-guide/serializers", title: Serializers}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "syllabus.yml"
    path.write_text(text, encoding="utf-8")
    return path


def question(qid: str, docs: list[str], line: int = 7) -> Question:
    return Question(id=qid, title=f"What is {qid}?", topic="basics", level="mid", path=f"content/{qid}.md",
                    answers={}, docs=docs, key_lines={"docs": line})


def test_pages_get_urls_from_their_site_and_version(tmp_path: Path) -> None:
    syllabus, errors = load_syllabus(write(tmp_path, SYLLABUS), tmp_path)
    assert errors == []
    pages = syllabus.pages()
    assert pages["django:topics/db/queries"].url == "https://docs.djangoproject.com/en/5.2/topics/db/queries/"
    assert pages["django:topics/db/fetch-modes"].url == "https://docs.djangoproject.com/en/6.1/topics/db/fetch-modes/"
    assert pages["drf:api-guide/serializers"].url == "https://www.django-rest-framework.org/api-guide/serializers/"
    assert pages["django:topics/db/tablespaces"].out_of_scope == "Not asked."
    assert [a.id for a in syllabus.areas] == ["queries", "drf"]
    assert pages["django:topics/db/fetch-modes"].line == 14


@pytest.mark.parametrize(("change", "line", "message"), [
    (("title: Fetch modes, version: \"6.1\"", "title: Fetch modes, version: \"six\""), 14, "has version 'six'"),
    (("django:topics/db/queries", "nosite:topics/db/queries"), 13, "names the unknown site 'nosite'"),
    (("django:topics/db/queries", "topics/db/queries"), 13, "is not <site>:<path>"),
    (("out_of_scope: Not asked.", "out_of_scope: ''"), 15, "out_of_scope needs a reason"),
    (("title: Serializers}", "title: Serializers, colour: red}"), 19, "allowed keys"),
    (("drf:api-guide/serializers", "django:topics/db/queries"), 19, "listed twice (also line 13)"),
    (("    title: DRF\n", ""), 16, "each area needs exactly id, title and a list of pages"),
    (("{path}/\n    version", "/\n    version"), 2, "a url containing {path}"),
    (("    version: \"5.2\"\n", ""), 2, "no version like"),
])
def test_every_syllabus_error_names_the_line(tmp_path: Path, change: tuple[str, str], line: int, message: str) -> None:
    text = SYLLABUS.replace(*change)
    assert text != SYLLABUS
    _, errors = load_syllabus(write(tmp_path, text), tmp_path)
    assert [(e.line, message in e.message) for e in errors] == [(line, True)], errors
    assert all(e.path == "syllabus.yml" for e in errors)


def test_invalid_yaml_and_wrong_shapes_are_errors_with_lines(tmp_path: Path) -> None:
    _, errors = load_syllabus(write(tmp_path, "sites: [\n"), tmp_path)
    assert len(errors) == 1 and "invalid YAML" in errors[0].message
    _, errors = load_syllabus(write(tmp_path, "- a\n- b\n"), tmp_path)
    assert [str(e) for e in errors] == ["syllabus.yml:1: the syllabus must be a mapping with 'sites' and 'areas'"]
    _, errors = load_syllabus(write(tmp_path, "sites: 3\nareas: 3\n"), tmp_path)
    assert [e.line for e in errors] == [1, 2]


def test_a_missing_syllabus_is_empty_not_an_error(tmp_path: Path) -> None:
    syllabus, errors = load_syllabus(tmp_path / "absent.yml", tmp_path)
    assert errors == [] and syllabus.areas == []


def test_docs_must_name_syllabus_pages_once(tmp_path: Path) -> None:
    syllabus, _ = load_syllabus(write(tmp_path, SYLLABUS), tmp_path)
    errors = docs_errors([question("a", ["django:topics/db/queries"]),
                          question("b", ["drf:topics/db/queries", "django:nowhere", "django:nowhere"], line=9)], syllabus)
    assert [str(e) for e in errors] == [
        "content/b.md:9: 'docs' names 'drf:topics/db/queries', which is no page of the syllabus "
        "(did you mean 'django:topics/db/queries'?)",
        "content/b.md:9: 'docs' names 'django:nowhere', which is no page of the syllabus (add it to syllabus.yml or fix the id)",
        "content/b.md:9: 'docs' names 'django:nowhere', which is no page of the syllabus (add it to syllabus.yml or fix the id)",
        "content/b.md:9: 'docs' lists a page twice",
    ]


def test_coverage_joins_pages_and_questions_and_warns_on_uncovered_pages(tmp_path: Path) -> None:
    syllabus, _ = load_syllabus(write(tmp_path, SYLLABUS), tmp_path)
    cov = coverage(syllabus, [question("a", ["django:topics/db/queries"]),
                              question("b", ["drf:api-guide/serializers", "django:topics/db/queries"])])
    by_page = {pc.page.id: (pc.status, pc.questions) for pc in cov.pages()}
    assert by_page == {
        "django:topics/db/queries": ("covered", ("a", "b")),
        "django:topics/db/fetch-modes": ("uncovered", ()),
        "django:topics/db/tablespaces": ("out of scope", ()),
        "drf:api-guide/serializers": ("covered", ("b",)),
    }
    assert cov.counts() == {"covered": 2, "out of scope": 1, "uncovered": 1}
    assert [(w.line, "django:topics/db/fetch-modes" in w.message) for w in warnings(cov, syllabus)] == [(14, True)]
    data = cov.to_json()
    assert data["summary"] == {"covered": 2, "out of scope": 1, "uncovered": 1}
    assert data["areas"][0]["pages"][2]["out_of_scope"] == "Not asked."
    assert "out_of_scope" not in data["areas"][0]["pages"][0]


def test_the_project_syllabus_is_valid_and_covers_every_database_topic_guide() -> None:
    """Issue 12: every Django topic guide page about models, queries, migrations and databases is mapped."""
    result = load(Paths(ROOT))
    pages = {pc.page.id: pc for pc in result.coverage.pages()}
    database_guides = {"django:topics/db/models", "django:topics/db/queries", "django:topics/db/aggregation",
                       "django:topics/db/search", "django:topics/db/managers", "django:topics/db/sql",
                       "django:topics/db/transactions", "django:topics/db/multi-db", "django:topics/db/tablespaces",
                       "django:topics/db/optimization", "django:topics/db/instrumentation", "django:topics/db/fixtures",
                       "django:topics/db/examples", "django:topics/db/fetch-modes", "django:topics/migrations",
                       "django:topics/composite-primary-key"}
    assert database_guides <= set(pages)
    assert [p for p in database_guides if pages[p].status == "uncovered"] == []


# Every page of Django's "Using Django" topic guides (docs/topics/ of Django 5.2, plus the guides
# 6.0 and 6.1 added: the Tasks framework and fetch modes).
DJANGO_TOPIC_GUIDES = {
    "install", "db/models", "db/queries", "db/aggregation", "db/search", "db/managers", "db/sql",
    "db/transactions", "db/multi-db", "db/tablespaces", "db/optimization", "db/instrumentation",
    "db/fixtures", "db/examples", "db/fetch-modes", "composite-primary-key", "http/urls", "http/views",
    "http/decorators", "http/file-uploads", "http/shortcuts", "http/generic-views", "http/middleware",
    "http/sessions", "forms", "forms/formsets", "forms/modelforms", "forms/media", "templates",
    "class-based-views", "class-based-views/intro", "class-based-views/generic-display",
    "class-based-views/generic-editing", "class-based-views/mixins", "migrations", "files", "testing",
    "testing/overview", "testing/tools", "testing/advanced", "auth", "auth/default", "auth/passwords",
    "auth/customizing", "cache", "conditional-view-processing", "signing", "email", "i18n",
    "i18n/translation", "i18n/formatting", "i18n/timezones", "logging", "pagination", "security",
    "performance", "serialization", "settings", "signals", "checks", "external-packages", "async", "tasks",
}


def test_every_django_topic_guide_is_covered_or_out_of_scope_with_a_reason() -> None:
    """Issue 13: the syllabus covers every Django topic guide area, or says why not."""
    pages = {pc.page.id: pc for pc in load(Paths(ROOT)).coverage.pages()}
    missing = sorted(f"django:topics/{p}" for p in DJANGO_TOPIC_GUIDES if f"django:topics/{p}" not in pages)
    assert missing == []
    uncovered = sorted(p for p in DJANGO_TOPIC_GUIDES if pages[f"django:topics/{p}"].status == "uncovered")
    assert uncovered == []


def test_a_question_shows_its_official_docs_as_links(tmp_path: Path) -> None:
    result = load(Paths(ROOT))
    by_id = result.bank.by_id()
    named = next(q for q in result.bank.questions if len(q.docs) >= 2)
    soup = BeautifulSoup(official_docs(named, result.bank), "html.parser")
    assert soup.find("div", class_="hb-docs").has_attr("data-search-exclude")
    pages = result.bank.syllabus.pages()
    text = official_docs(named, result.bank)
    for page_id in named.docs:
        assert f"[{pages[page_id].title}]({pages[page_id].url})" in text
    assert official_docs(question("none", []), result.bank) == ""
    assert by_id


def test_the_coverage_page_lists_every_area_page_and_question() -> None:
    result = load(Paths(ROOT))
    page = coverage_page(result.bank, result.coverage)
    counts = result.coverage.counts()
    assert f"**{counts['covered']}** are covered" in page
    for area, pages in result.coverage.areas:
        assert f"{{ #{area.id} }}" in page
        for pc in pages:
            assert f"]({pc.page.url})" in page
            if pc.page.out_of_scope:
                assert pc.page.out_of_scope in page
    by_id = result.bank.by_id()
    cited = {q for pc in result.coverage.pages() for q in pc.questions}
    for qid in cited:
        assert f"{by_id[qid].topic}.md#{qid}" in page


def test_coverage_command_prints_the_map_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "coverage.json"
    done = run_cli("coverage", "--json", str(out))
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    summary = data["summary"]
    assert f"{sum(summary.values())} pages: {summary['covered']} covered" in done.stdout
    assert done.stdout.count("warning: content/syllabus.yml:") == summary["uncovered"] == 0


def test_require_syllabus_turns_uncovered_pages_into_errors(project: Path) -> None:
    syllabus = project / "content" / "syllabus.yml"
    data = yaml.safe_load(syllabus.read_text(encoding="utf-8"))
    assert data["areas"][0]["pages"]
    syllabus.write_text(syllabus.read_text(encoding="utf-8") + "\n  - id: extra\n    title: Extra\n    pages:\n"
                        "      - {page: \"django:topics/nobody-covers-this\", title: Nobody}\n", encoding="utf-8")
    pyproject = project / "pyproject.toml"
    settings = pyproject.read_text(encoding="utf-8")
    assert "require-syllabus = true" in settings  # the project's own setting
    pyproject.write_text(settings.replace("require-syllabus = true", "require-syllabus = false"), encoding="utf-8")
    warned = run_cli("check", root=project)
    assert warned.returncode == 0
    assert "warning: content/syllabus.yml:" in warned.stdout and "topics/nobody-covers-this" in warned.stdout
    pyproject.write_text(settings, encoding="utf-8")
    failed = run_cli("check", root=project)
    assert failed.returncode == 1
    assert "content/syllabus.yml:" in failed.stderr and "no question covers 'django:topics/nobody-covers-this'" in failed.stderr


def test_a_docs_typo_stops_the_check_with_its_line(project: Path) -> None:
    path = next((project / "content" / "questions").rglob("*.md"))
    text = path.read_text(encoding="utf-8")
    fixed = text.replace("\nlevel:", "\ndocs: [django:topics/db/nowhere]\nlevel:", 1) if "\ndocs:" not in text else \
        text.replace("\ndocs: [", "\ndocs: [django:topics/db/nowhere, ", 1)
    path.write_text(fixed, encoding="utf-8")
    line = fixed.splitlines().index(next(x for x in fixed.splitlines() if x.startswith("docs:"))) + 1
    done = run_cli("check", root=project)
    assert done.returncode == 1
    assert f"{path.relative_to(project)}:{line}: 'docs' names 'django:topics/db/nowhere'" in done.stderr


def test_question_text_helper_still_loads_with_docs(tmp_path: Path) -> None:
    """A question may carry ``docs:``; it is a list of strings like the other lists."""
    from handbook.loader import load_content
    from helpers import make_content
    content = make_content(tmp_path, {"basics/sample-question.md": question_text(extra="docs: [django:topics/db/queries]\n")})
    _, questions = load_content(content, tmp_path)
    assert questions[0].docs == ["django:topics/db/queries"]
