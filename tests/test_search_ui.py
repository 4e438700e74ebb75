"""The search test set through the real search box in Chromium: the handbook's search, and Material's own search
in its default configuration on the same content, built and measured in the same run as the baseline.

Each query of ``tests/data/search_queries.yml`` (written to tune against) and
``tests/data/search_queries_heldout.yml`` (written by someone else and never tuned on) names the one question
that should come first. Recall@3, mean reciprocal rank and the time from the last keystroke to the results
are recorded in test-artifacts/metrics.json and reported in the README.
"""

from __future__ import annotations

import contextlib
import re
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, Watch, record_metric, result_target, run_cli, serve_site

pytestmark = pytest.mark.browser

QUERIES = ROOT / "tests" / "data" / "search_queries.yml"
HELD_OUT = ROOT / "tests" / "data" / "search_queries_heldout.yml"
LEVELS = ("junior", "mid", "senior")
RECALL_AT_3_TARGET = 0.97
MRR_TARGET = 0.90
HELD_OUT_RECALL_FLOOR = 0.95  # measured 0.99 when the set was written; it is never tuned on
KIND_RECALL_FLOOR = 0.90  # typos, spellings, synonyms... each kind on its own
LATENCY_BUDGET_MS = 50  # median, last keystroke to results on screen, once the index is loaded

# Material creates its search worker when the page starts; this wrapper (installed before any page script)
# notes each query the page sends and when the worker's answer has been handled (after Material's own
# listener has rendered it).
WORKER_PROBE = """
(() => {
  const Native = window.Worker;
  const probe = window.hbSearch = {query: null, answered: null, at: 0, key: 0};
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message) => {
      if (message && message.type === 2) probe.query = message.data;
      post(message);
    };
    worker.addEventListener('message', (event) => {
      if (!event.data || event.data.type !== 3) return;
      const query = probe.query;
      setTimeout(() => { probe.answered = query; probe.at = performance.now(); }, 0);
    });
    return worker;
  };
  window.Worker.prototype = Native.prototype;
})();
"""
RESULT_LINKS = """() => [...document.querySelectorAll('.md-search-result__list a')].map(a => [
    a.getAttribute('href'), Number(a.querySelector('[data-md-score]')?.getAttribute('data-md-score') || 0)])"""


def load_queries(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@contextlib.contextmanager
def material_site(tmp: Path, search: str) -> Iterator[str]:
    """The same content built with Material's own search engine (``material`` or ``material-tuned``), served."""
    out = tmp / search / "site"
    done = run_cli("build", "--search", search, "--site-dir", str(out), env={"SITE_URL": "https://example.github.io/handbook/"})
    assert done.returncode == 0, done.stdout + done.stderr
    with serve_site(out) as url:
        yield url


def question_of(href: str, ids: set[str]) -> str | None:
    """The question a result link opens (its own page, or its heading or a tab of it on a topic page)."""
    target = result_target(href)
    for level in LEVELS:
        if target.endswith(f"-{level}") and target[: -len(level) - 1] in ids:
            return target[: -len(level) - 1]
    return target if target in ids else None


class SearchBox:
    """Types queries into Material's search box and reads the results, timing the last keystroke."""

    def __init__(self, page) -> None:
        self.page = page
        self.box = page.locator("input.md-search__input")

    def _enter(self, text: str) -> None:
        self.box.fill(text)
        self.box.press("End")  # Material reads the box on keyup
        self.page.wait_for_function("q => window.hbSearch.answered === q", arg=text)

    def ask(self, query: str) -> tuple[list[str], float]:
        """Result links in the order of their scores, and ms from the last key to the rendered results."""
        head = query[:-1]
        if self.page.evaluate("() => window.hbSearch.query") == head:
            self._enter("")
        self._enter(head)
        self.page.evaluate("""() => document.querySelector('input.md-search__input').addEventListener(
            'keydown', () => { window.hbSearch.key = performance.now(); }, {once: true, capture: true})""")
        self.box.press(query[-1])
        self.page.wait_for_function("q => window.hbSearch.answered === q && window.hbSearch.at > window.hbSearch.key",
                                    arg=query)
        latency = self.page.evaluate("() => window.hbSearch.at - window.hbSearch.key")
        links = self.page.evaluate(RESULT_LINKS)
        return [href for href, _ in sorted(links, key=lambda pair: -pair[1])], latency


def evaluate(browser, url: str, queries: list[dict], ids: set[str]) -> dict:
    """Run every query through the search box of the site at ``url``; recall@3, MRR, misses and latency."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WORKER_PROBE)
    watcher = Watch(url)
    watcher.attach(context)
    tab = context.new_page()
    tab.goto(url)
    search = SearchBox(tab)
    search.box.click()
    hits, reciprocal, latencies, misses = 0, 0.0, [], []
    kinds: dict[str, list[int]] = {}
    for item in queries:
        hrefs, latency = search.ask(item["query"])
        ranked = list(dict.fromkeys(q for q in (question_of(h, ids) for h in hrefs) if q))
        rank = ranked.index(item["expect"]) + 1 if item["expect"] in ranked else 0
        hits += 0 < rank <= 3
        reciprocal += 1 / rank if rank else 0.0
        latencies.append(latency)
        kinds.setdefault(item["kind"], []).append(0 < rank <= 3)
        if not 0 < rank <= 3:
            misses.append(f"{item['query']!r} -> {item['expect']}: rank {rank or '-'}, got {ranked[:3]}")
    context.close()
    assert not watcher.errors and not watcher.third_party, (watcher.errors, watcher.third_party)
    return {"queries": len(queries), "recall_at_3": round(hits / len(queries), 3),
            "mrr": round(reciprocal / len(queries), 3), "latency_median_ms": round(statistics.median(latencies), 1),
            "recall_at_3_by_kind": {k: round(sum(v) / len(v), 3) for k, v in sorted(kinds.items())}, "misses": misses}


@pytest.fixture(scope="module")
def question_ids(site_dir: Path) -> set[str]:
    from handbook.loader import load_content
    return {q.id for q in load_content(ROOT / "content", ROOT)[1]}


def test_the_query_sets_are_real_and_point_at_questions(question_ids: set[str]) -> None:
    for path, least in ((QUERIES, 150), (HELD_OUT, 60)):
        queries = load_queries(path)
        assert len(queries) >= least
        assert {q["expect"] for q in queries} <= question_ids
        assert {"title", "code", "typo", "spelling", "synonym", "comparison", "error", "plain"} <= {q["kind"] for q in queries}
        assert len({q["query"].lower() for q in queries}) == len(queries), f"{path.name} repeats a query"


def test_search_test_set_handbook_against_materials_own_search(browser, site_url: str, tmp_path: Path,
                                                                question_ids: set[str]) -> None:
    queries = load_queries(QUERIES)
    ours = evaluate(browser, site_url, queries, question_ids)
    with material_site(tmp_path, "material") as url:
        material = evaluate(browser, url, queries, question_ids)
    with material_site(tmp_path, "material-tuned") as url:
        tuned = evaluate(browser, url, queries, question_ids)
    record_metric("search_test_set", {"handbook": ours, "material_default": material, "material_tuned": tuned})
    assert ours["recall_at_3"] >= RECALL_AT_3_TARGET, "\n".join(ours["misses"])
    assert ours["mrr"] >= MRR_TARGET
    assert ours["latency_median_ms"] <= LATENCY_BUDGET_MS
    weak = {k: r for k, r in ours["recall_at_3_by_kind"].items() if r < KIND_RECALL_FLOOR}
    assert not weak, f"kinds of query below {KIND_RECALL_FLOOR}: {weak}\n" + "\n".join(ours["misses"])
    assert ours["recall_at_3"] > material["recall_at_3"] and ours["mrr"] > material["mrr"]


def test_held_out_queries_nobody_tuned_on(browser, site_url: str, question_ids: set[str]) -> None:
    result = evaluate(browser, site_url, load_queries(HELD_OUT), question_ids)
    record_metric("search_held_out_set", result)
    assert result["recall_at_3"] >= HELD_OUT_RECALL_FLOOR, "\n".join(result["misses"])
    assert result["latency_median_ms"] <= LATENCY_BUDGET_MS


def test_keyboard_slash_arrows_enter_and_escape(page, site_url: str, screenshots: Path) -> None:
    page.goto(f"{site_url}web-and-rest/")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially("throttling")
    first = page.locator(".md-search-result__list a").first
    expect(first).to_have_attribute("href", re.compile(r"/q/throttling/"))
    expect(page.locator(".md-search-result__list .hb-result-meta").first).to_contain_text("question")
    page.screenshot(path=str(screenshots / "search-results.png"))
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/q/throttling/"))
    expect(page.locator("article h1")).to_have_id("throttling")
    page.keyboard.press("s")
    expect(box).to_be_focused()
    # the search opens on focus, a frame later; a reader presses Escape on the open search, so wait for it
    expect(page.locator("#__search")).to_be_checked()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()


def test_a_result_opens_the_tab_that_matched_and_leaves_the_chosen_level(page, site_url: str) -> None:
    page.goto(f"{site_url}web-and-rest/?level=junior")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("pagination offsets duplicates inserted rows")
    first = page.locator(".md-search-result__list a").first
    expect(first).to_have_attribute("href", re.compile(r"/q/pagination/\?tab=senior"))
    expect(first.locator(".hb-result-tab")).to_have_text("· Senior answer")
    expect(first.locator("mark").first).to_be_visible()
    first.click()
    page.wait_for_url(re.compile(r"/q/pagination/"))
    expect(page.locator("#pagination-senior")).to_be_checked()
    page.goto(f"{site_url}web-and-rest/")
    expect(page.locator("#api-junior")).to_be_checked()  # the remembered level is still Junior


@pytest.mark.parametrize(("query", "expected"), [
    ("serialiser validation", "serializer-validation"), ("optimise queries", "optimising-queries"),
    ("paginaton", "pagination"), ("middlewere", "middleware"), ("authn vs authz", "authentication-vs-authorization"),
    ("rate limiting", "throttling"), ("Authentication credentials were not provided.", "authentication-and-permissions-flow"),
    ("xsrf token", "csrf-protection"),  # only the shared synonyms table knows xsrf
])
def test_spellings_typos_synonyms_and_pasted_errors(page, site_url: str, query: str, expected: str) -> None:
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    expect(page.locator(".md-search-result__list a").first).to_have_attribute("href", re.compile(rf"/q/{expected}/"))


def test_the_workers_term_rules_in_chromium(page, site_url: str) -> None:
    """The search worker's own functions, loaded as a plain script into a page of the site."""
    page.goto(site_url)
    page.add_script_tag(url=f"{site_url}javascripts/search-worker.js")
    american = page.evaluate("""() => ['serialiser', 'optimisation', 'authorised', 'behaviour', 'licence',
        'catalogue', 'otherwise', 'advertising', 'raise', 'serializer'].map(american)""")
    assert american == ["serializer", "optimization", "authorized", "behavior", "license", "catalog", "otherwise",
                        "advertising", "raise", "serializer"]
    terms = page.evaluate("""() => ['select_related()', 'request.data', 'IsAuthenticatedOrReadOnly', '@action',
        '--deploy', 'N+1', 'django.middleware.csrf.CsrfViewMiddleware', 'the'].map(
        t => tokenize(t).flatMap(termsOf))""")
    assert terms[0] == ["select_related", "select", "related"]
    assert terms[1] == ["request.data", "request", "data"]
    assert terms[2][0] == "isauthenticatedorreadonly" and {"authenticated", "read", "only"} <= set(terms[2])
    assert terms[3] == ["action", "@action"] and terms[4] == ["deploy"] and terms[5] == ["n+1"]
    assert "django.middleware.csrf.csrfviewmiddleware" not in terms[6] and "csrfviewmiddleware" in terms[6]
    assert terms[7] == []
