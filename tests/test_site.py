"""The built site: question ids, tab ids, redirect pages, the search index and generated pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bank import QUESTIONS, TOPICS
from conftest import ROOT
from handbook.model import LEVELS

THIRD_PARTY = re.compile(r"fonts\.googleapis|fonts\.gstatic|api\.github\.com|cdn\.jsdelivr|unpkg\.com|cdnjs")
EXTERNAL_ASSET = re.compile(r"<(?:script|img|iframe)[^>]+src=\"https?://|<link[^>]+href=\"https?://[^\"]+\"[^>]*rel=\"(?:stylesheet|preload|preconnect)")


def html(site_dir: Path, topic: str) -> str:
    return (site_dir / topic / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_question_heading_and_three_tab_ids(site_dir: Path, question) -> None:
    page = html(site_dir, question.topic)
    assert re.search(rf'<h2 id="{question.id}"', page), "the question is an h2 with its permanent id"
    for level in LEVELS:
        assert f'<input id="{question.id}-{level}"' in page or re.search(rf'<input[^>]+id="{question.id}-{level}"', page)
    assert f'href="../q/{question.id}/"' in page, "the question offers its permanent link"
    assert re.search(rf'href="#{question.id}"[^>]*class="headerlink"|class="headerlink" href="#{question.id}"', page)


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_permanent_redirect_page(site_dir: Path, question) -> None:
    page = (site_dir / "q" / question.id / "index.html").read_text(encoding="utf-8")
    target = f"../../{question.topic}/#{question.id}"
    assert f'content="0; url={target}"' in page and f'"{target}"' in page


def search_docs(site_dir: Path) -> list[dict]:
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_search_index_has_one_entry_per_question(site_dir: Path) -> None:
    locations = [d["location"] for d in search_docs(site_dir) if "#" in d["location"]]
    for q in QUESTIONS:
        assert locations.count(f"{q.topic}/#{q.id}") == 1, q.id
    question_entries = [loc for loc in locations if loc.split("/")[0] in {t.id for t in TOPICS}]
    assert len(question_entries) == len(QUESTIONS), "no other section entries on topic pages"


def test_search_index_has_no_tab_label_or_badge_junk(site_dir: Path) -> None:
    docs = search_docs(site_dir)
    assert not any("JuniorMidSenior" in d["text"] or "JuniorMidSenior" in d["title"] for d in docs)
    questions = [d for d in docs if d["location"].split("/")[0] in {t.id for t in TOPICS} and "#" in d["location"]]
    with_junior = 0
    for d in questions:
        text = re.sub(r"<[^>]+>", " ", d["text"])
        assert not re.search(r"\b(Junior|Mid|Senior) question\b|Asked in \d+ of|Permanent link|How well do you know",
                             text), d["location"]
        with_junior += bool(re.search(r"\bjunior\b", text, re.I))
    # Only answers that talk about junior candidates mention the word; labels would put it in all.
    assert with_junior <= len(questions) // 20, f"{with_junior} of {len(questions)} entries contain 'junior'"


def test_search_keeps_code_names_whole_and_indexes_their_parts(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    config = index["config"]
    separator = re.compile(config["separator"])
    assert [t for t in separator.split("use select_related() on request.data") if t] == [
        "use", "select_related", "on", "request.data"]
    assert "N+1" in [t for t in separator.split("the N+1 problem") if t]
    assert "stopWordFilter" not in config["pipeline"] and "stemmer" not in config["pipeline"]
    assert "parts" in config["fields"]
    (doc,) = [d for d in index["docs"] if d["location"].endswith("#select-related-vs-prefetch-related")]
    assert {"select", "related", "prefetch"} <= set(doc["parts"].split())


def test_topic_pages_rank_below_their_questions(site_dir: Path) -> None:
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    boosts = {d["location"]: d.get("boost", 1) for d in docs}
    for topic in {q.topic for q in QUESTIONS}:
        assert boosts[f"{topic}/"] < 1
    assert all(boosts[f"{q.topic}/#{q.id}"] == 1 for q in QUESTIONS)


def test_no_third_party_assets_or_calls(site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not THIRD_PARTY.search(text), page
        assert not EXTERNAL_ASSET.search(text), page


def test_home_page_lists_topics_levels_and_most_asked(site_dir: Path) -> None:
    page = (site_dir / "index.html").read_text(encoding="utf-8")
    for topic in TOPICS:
        assert f'href="{topic.id}/"' in page
    assert "?level=senior" in page and 'class="tabbed-set' in page
    registered = len([p for p in (ROOT / "sources").glob("*.yml") if p.name != "overrides.yml"])
    counts = [int(n) for n in re.findall(rf"asked in (\d+) of {registered} sources", page)]
    assert len(counts) >= 5 and counts == sorted(counts, reverse=True) and counts[0] >= 3
    assert "<!-- handbook:" not in page


def test_sources_page_credits_every_source(site_dir: Path) -> None:
    page = (site_dir / "sources" / "index.html").read_text(encoding="utf-8")
    for title in ("DRF Interview Questions &amp; Answers", "Verve AI blog", "Django Interview Questions (notes)"):
        assert title in page
    rows = re.findall(r"<tr>\s*<td[^>]*>.*?</tr>", page, re.S)
    registry = sorted(p for p in (ROOT / "sources").glob("*.yml") if p.name != "overrides.yml")
    assert len(rows) == len(registry) >= 12
    cells = [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]
    assert cells[0][0] == "DRF Interview Questions &amp; Answers", "sources are listed in the order of their documents"
    from handbook.pipeline import Paths, load

    report = load(Paths(ROOT)).report
    first = [m.id for m in report.matches if m.source == "drf-qa-readme"]
    assert cells[0][2:4] == ["42", str(len(first) - len(set(first)))], "only repeats within the first source count"
    assert cells[1][2] == "64" and int(cells[1][3]) >= 42, "the second copies the first source's 42 questions"
    licences = {row[0]: row[-1] for row in cells}
    assert list(licences.values()).count("MIT") >= 2, "licences recorded in the registry are shown"
    assert all(value for value in licences.values())


def test_misconceptions_page_links_every_correction_to_its_question(site_dir: Path) -> None:
    page = (site_dir / "misconceptions" / "index.html").read_text(encoding="utf-8")
    corrections = [(q, c) for q in QUESTIONS for c in q.corrections]
    assert corrections, "the bank records corrections"
    assert f"{len(corrections)} corrections recorded" in page
    for q, _ in corrections:
        assert f'href="../{q.topic}/#{q.id}"' in page


def test_generated_pages_are_not_in_the_repository() -> None:
    from conftest import ROOT

    assert not any((ROOT / "docs").glob("*/index.html"))
    assert not (ROOT / "docs" / "web-and-rest.md").exists()
    assert not (ROOT / "docs" / "q").exists()


def test_site_javascript_never_inserts_html_strings() -> None:
    from conftest import ROOT

    for script in (ROOT / "docs" / "javascripts").glob("*.js"):
        code = script.read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", code), script.name


def test_topic_pages_have_descriptions_and_open_graph_tags(site_dir: Path) -> None:
    for topic in TOPICS:
        page = html(site_dir, topic.id)
        description = re.escape(topic.summary)
        assert re.search(rf'<meta name="description" content="{description}"', page), topic.id
        assert f'<meta property="og:title" content="{topic.title} - Django &amp; DRF Interview Handbook">' in page
        assert re.search(r'<meta property="og:description" content="[^"]+">', page)
        assert f'<meta property="og:url" content="https://example.github.io/handbook/{topic.id}/">' in page


def test_a_useful_404_page(site_dir: Path) -> None:
    page = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "This page does not exist" in page and "/q/&lt;question-id&gt;/" in page
    assert 'href="https://example.github.io/handbook/study-plan/"' in page


def test_sitemap_lists_every_topic_page(site_dir: Path) -> None:
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    for topic in TOPICS:
        assert f"<loc>https://example.github.io/handbook/{topic.id}/</loc>" in sitemap


def test_coverage_page_and_official_docs_links(site_dir: Path) -> None:
    """The Coverage page is built and in the navigation; questions that name official pages link to them."""
    coverage = BeautifulSoup((site_dir / "coverage" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert coverage.find("h1").get_text(strip=True).rstrip("¶") == "Coverage"
    assert coverage.select("table a[href^='https://docs.djangoproject.com/en/']")
    assert coverage.select("table a[href^='https://www.django-rest-framework.org/api-guide/']")
    assert coverage.select(".hb-progress[data-questions]")
    home = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert any(a.get("href", "").rstrip("/").endswith("coverage") for a in home.select("nav a"))
    topic = BeautifulSoup((site_dir / "django-querysets" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert topic.select(".hb-docs a[href^='https://docs.djangoproject.com/en/']")
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if "Read the official docs" in d["text"]]  # kept out of search


def test_what_changed_page_links_release_notes_and_questions(site_dir: Path) -> None:
    page = BeautifulSoup((site_dir / "changes" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("h1").get_text(strip=True).rstrip("¶") == "What changed"
    headings = [h.get_text(strip=True).rstrip("¶") for h in page.select("h2")]
    assert "Django 6.1" in headings and "Django 5.0" in headings and "DRF 3.18" in headings
    assert headings.index("Django 6.1") < headings.index("Django 5.0")
    items = page.select("article li")
    assert len(items) >= 60
    for item in items:
        hrefs = [a["href"] for a in item.select("a")]
        assert any(h.startswith(("https://docs.djangoproject.com/", "https://www.django-rest-framework.org/")) for h in hrefs)
        assert any("#" in h and not h.startswith("http") for h in hrefs), item
