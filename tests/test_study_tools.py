"""Study tools in Debian's chromium: self-assessment, progress, Review, Mock interview,
export / import / reset, search opening the matching tab, print, accessibility and weight.

Screenshots of every new page go to test-artifacts/screenshots; measured figures to
test-artifacts/metrics.json."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import statistics
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ARTIFACTS, copy_project, run_cli
from test_browser import Watch

pytestmark = pytest.mark.browser

KEY = "django-drf-handbook:progress"
# First load of a topic page, all requests, as GitHub Pages transfers them (gzip); see README.
PAGE_WEIGHT_BUDGET = 450_000
SEARCH_LATENCY_BUDGET_MS = 400


def record_metric(name: str, value: object) -> None:
    path = ARTIFACTS / "metrics.json"
    ARTIFACTS.mkdir(exist_ok=True)
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data[name] = value
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


@pytest.fixture
def context(browser, site_url: str) -> Iterator:
    watch = Watch(site_url)
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    watch.attach(ctx)
    yield ctx
    ctx.close()
    assert not watch.third_party, f"third-party requests: {watch.third_party}"
    assert not watch.errors, f"console errors: {watch.errors}"


@pytest.fixture
def page(context):
    return context.new_page()


def stored(page) -> dict:
    raw = page.evaluate(f"() => localStorage.getItem('{KEY}')")
    return json.loads(raw)["statuses"] if raw else {}


def progress_text(page, topic: str) -> str:
    locator = page.locator(f".hb-progress[data-topic='{topic}']").first
    locator.wait_for(state="visible")
    page.wait_for_function(f"() => document.querySelector(\".hb-progress[data-topic='{topic}']\").textContent.length")
    return locator.text_content()


def test_self_assessment_by_keyboard_updates_progress_everywhere(page, site_url: str, screenshots: Path) -> None:
    page.goto(f"{site_url}web-and-rest/")
    total = page.locator("fieldset.hb-assess").count()
    assert progress_text(page, "web-and-rest") == f"Your progress: 0 of {total} known"
    page.locator("fieldset[data-question='cors'] input[value='known']").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # native radio group: moves to "Shaky" and selects it
    assert page.locator("fieldset[data-question='cors'] input[value='shaky']").is_checked()
    page.locator("fieldset[data-question='api'] input[value='known']").focus()
    page.keyboard.press("Space")
    assert stored(page)["cors"]["status"] == "shaky" and stored(page)["api"]["status"] == "known"
    assert progress_text(page, "web-and-rest") == f"Your progress: 1 of {total} known · 1 shaky"
    page.reload()
    assert page.locator("fieldset[data-question='cors'] input[value='shaky']").is_checked()
    page.locator(".md-nav__link", has_text="Home").first.click()
    page.wait_for_url(site_url)
    assert "1 of" in progress_text(page, "*") and "1 shaky" in progress_text(page, "*")
    assert progress_text(page, "web-and-rest") == f"Your progress: 1 of {total} known · 1 shaky"
    page.screenshot(path=str(screenshots / "home-with-progress.png"), full_page=True)


def seed_progress(page, site_url: str, statuses: dict[str, str]) -> None:
    page.goto(site_url)
    state = {"version": 1, "statuses": {qid: {"status": s, "at": "2026-01-01T00:00:00.000Z"} for qid, s in statuses.items()}}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(state)])


def review_items(page) -> list[str]:
    page.wait_for_function("() => !document.getElementById('hb-review-summary').textContent.startsWith('Loading')")
    return page.eval_on_selector_all("#hb-review-list a", "els => els.map(e => e.getAttribute('href').split('#')[1])")


def test_review_lists_only_shaky_and_unknown_and_filters(page, site_url: str, screenshots: Path) -> None:
    seed_progress(page, site_url, {"cors": "shaky", "api": "known", "rest-api": "unknown",
                                   "n-plus-one-queries": "shaky"})
    page.goto(f"{site_url}review/")
    assert sorted(review_items(page)) == ["cors", "n-plus-one-queries", "rest-api"]
    page.screenshot(path=str(screenshots / "review.png"), full_page=True)
    page.select_option("#hb-review-topic", "web-and-rest")
    assert sorted(review_items(page)) == ["cors", "rest-api"]
    page.select_option("#hb-review-level", "junior")
    assert review_items(page) == ["rest-api"]
    page.select_option("#hb-review-level", "")
    page.select_option("#hb-review-status", "shaky")
    assert review_items(page) == ["cors"]
    page.locator("#hb-review-list a").first.click()
    page.wait_for_url("**/web-and-rest/#cors")


def test_mock_interview_with_the_keyboard_alone(page, site_url: str, screenshots: Path) -> None:
    page.goto(f"{site_url}mock-interview/")
    page.locator("input[name='level'][value='senior']").focus()
    page.keyboard.press("Space")
    page.locator("input[name='count']").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    page.locator("#hb-mock-setup button[type='submit']").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'hb-mock-question'")
    first = page.locator("#hb-mock-question").text_content()
    assert page.locator("#hb-mock-progress").text_content() == "Question 1 of 2 · Senior level"
    assert page.locator("#hb-mock-answer").is_hidden()
    page.screenshot(path=str(screenshots / "mock-question.png"))
    page.locator("#hb-mock-reveal").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'hb-mock-answer'")
    answer = page.locator("#hb-mock-answer")
    assert "Follow-ups" in answer.text_content(), "the senior tab of the question is shown"
    page.screenshot(path=str(screenshots / "mock-answer.png"), full_page=True)
    page.locator("#hb-mock-score button[data-score='known']").focus()
    page.keyboard.press("Enter")
    assert page.locator("#hb-mock-question").text_content() != first
    page.locator("#hb-mock-reveal").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'hb-mock-answer'")
    page.locator("#hb-mock-score button[data-score='unknown']").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'hb-mock-summary'")
    assert page.locator("#hb-mock-summary-text").text_content().startswith("You knew 1 of 2")
    assert sorted(s["status"] for s in stored(page).values()) == ["known", "unknown"]
    page.screenshot(path=str(screenshots / "mock-summary.png"), full_page=True)


def test_export_import_reset_and_bad_files(page, site_url: str, tmp_path: Path) -> None:
    seed_progress(page, site_url, {"cors": "shaky", "api": "known"})
    page.goto(f"{site_url}review/")
    review_items(page)
    with page.expect_download() as download:
        page.locator("#hb-export").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "django-drf-handbook-progress" and set(data["statuses"]) == {"cors", "api"}
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#hb-reset").click()
    assert page.locator("#hb-progress-message").text_content() == "Progress reset."
    assert stored(page) == {} and review_items(page) == []
    page.set_input_files("#hb-import", str(exported))
    page.wait_for_function("() => document.getElementById('hb-progress-message').textContent.startsWith('Imported')")
    assert set(stored(page)) == {"cors", "api"} and review_items(page) == ["cors"]
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    page.set_input_files("#hb-import", str(foreign))
    page.wait_for_function("() => document.getElementById('hb-progress-message').textContent.includes('not a handbook')")
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    page.set_input_files("#hb-import", str(garbage))
    page.wait_for_function("() => document.getElementById('hb-progress-message').textContent.includes('not valid JSON')")
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps({**data, "statuses": {"cors": {"status": "expert", "at": "x"}}}), encoding="utf-8")
    page.set_input_files("#hb-import", str(tampered))
    page.wait_for_function("() => document.getElementById('hb-progress-message').textContent.includes('cannot be imported')")
    assert set(stored(page)) == {"cors", "api"}, "a rejected file changes nothing"


def test_corrupt_storage_gives_a_message_and_the_page_still_works(page, site_url: str) -> None:
    page.goto(site_url)
    page.evaluate("key => localStorage.setItem(key, '{broken')", KEY)
    page.goto(f"{site_url}web-and-rest/")
    notice = page.locator(".hb-notice")
    assert "could not be read" in notice.text_content()
    page.locator("fieldset[data-question='cors'] input[value='known']").check()
    assert stored(page)["cors"]["status"] == "known"
    page.locator(".tabbed-labels label", has_text="Mid").first.click()
    assert page.locator("#cors-mid").is_checked()


def senior_only_word(site_dir: Path) -> tuple[str, str, str]:
    """A word found only in one question's senior answer, across the whole search index."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    counts: dict[str, int] = {}
    for doc in index:
        for word in set(re.findall(r"[a-z]{7,}", re.sub(r"<[^>]+>", " ", doc["text"]).lower())):
            counts[word] = counts.get(word, 0) + 1
    for topic in sorted({d["location"].split("/")[0] for d in index if "/#" in d["location"]}):
        html = (site_dir / topic / "index.html").read_text(encoding="utf-8")
        for match in re.finditer(r'<h2 id="([a-z0-9-]+)"', html):
            qid = match.group(1)
            start = html.find('<div class="tabbed-content">', match.end())
            blocks = re.findall(r'<div class="tabbed-block">(.*?)</div>\s*(?=<div class="tabbed-block">|</div>)',
                                html[start:start + 60000], re.S)[:3]
            if len(blocks) < 3:
                continue
            text = [set(re.findall(r"[a-z]{7,}", re.sub(r"<[^>]+>", " ", b).lower())) for b in blocks]
            for word in sorted(text[2] - text[0] - text[1]):
                if counts.get(word) == 1:
                    return topic, qid, word
    raise AssertionError("no word appears only in one senior answer")


def test_search_result_opens_the_tab_holding_the_match(page, site_url: str, site_dir: Path) -> None:
    topic, qid, word = senior_only_word(site_dir)
    page.goto(f"{site_url}{topic}/")
    assert page.locator(f"#{qid}-junior").is_checked()
    box = page.locator("input.md-search__input")
    box.click()
    box.type(word, delay=10)
    result = page.locator(f".md-search-result__list a[href*='#{qid}']").first
    result.wait_for()
    result.click()
    page.wait_for_function(f"() => document.getElementById('{qid}-senior').checked")
    page.locator(f"#{qid}-senior ~ .tabbed-content mark").first.wait_for(state="visible")
    others = page.eval_on_selector_all(
        ".tabbed-set input[id$='-senior']", f"els => els.filter(e => e.checked && e.id !== '{qid}-senior').length")
    assert others == 0, "the other questions keep the reader's level"
    remembered = page.evaluate("() => Object.keys(localStorage).filter(k => k.includes('__tabs'))"
                               ".map(k => localStorage.getItem(k)).join(' ')")
    assert "Senior" not in remembered, "opening the matching tab is not a level choice"


@pytest.fixture
def switchable_server(site_dir: Path) -> Iterator[tuple[str, dict]]:
    """Serves one of several built sites at the same origin (localStorage is per origin)."""
    current = {"dir": str(site_dir)}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            self.directory = current["dir"]
            return super().translate_path(path)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", current
    server.shutdown()


def test_progress_survives_moving_a_question_to_another_topic(browser, switchable_server, tmp_path: Path) -> None:
    base, current = switchable_server
    moved = copy_project(tmp_path / "moved")
    source = moved / "content" / "questions" / "web-and-rest" / "cors.md"
    target = moved / "content" / "questions" / "django-orm" / "cors.md"
    target.write_text(source.read_text(encoding="utf-8").replace("topic: web-and-rest", "topic: django-orm"),
                      encoding="utf-8")
    source.unlink()
    for path in (moved / "content" / "questions").rglob("*.md"):  # links to the old place are now errors
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("web-and-rest.md#cors)", "django-orm.md#cors)"), encoding="utf-8")
    built = tmp_path / "moved-site"
    done = run_cli("build", "--site-dir", str(built), root=moved)
    assert done.returncode == 0, done.stdout + done.stderr

    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}web-and-rest/")
    page.locator("fieldset[data-question='cors'] input[value='known']").check()
    current["dir"] = str(built)
    later = browser.new_context(storage_state=context.storage_state())  # a later visit, fresh HTTP cache
    context.close()
    context = later
    page = context.new_page()
    page.goto(f"{base}django-orm/")
    assert page.locator("fieldset[data-question='cors'] input[value='known']").is_checked()
    assert progress_text(page, "django-orm").startswith("Your progress: 1 of")
    page.goto(f"{base}q/cors/")
    page.wait_for_url("**/django-orm/#cors")
    context.close()


def test_print_views_and_a_pdf(page, site_url: str, screenshots: Path) -> None:
    page.goto(f"{site_url}web-and-rest/")
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").is_hidden() and page.locator(".hb-assess").first.is_hidden()
    assert page.locator("#api ~ .tabbed-set .tabbed-block").nth(2).is_visible(), "all levels print by default"
    page.evaluate("() => document.documentElement.setAttribute('data-hb-print', 'level')")
    assert page.locator("#api ~ .tabbed-set .tabbed-block").nth(0).is_visible()
    assert page.locator("#api ~ .tabbed-set .tabbed-block").nth(2).is_hidden()
    page.screenshot(path=str(screenshots / "print-topic-my-level.png"))
    page.emulate_media(media="screen")
    page.goto(f"{site_url}print/")
    assert page.locator("h2[id]").count() == len(json.loads(page.evaluate(
        "() => fetch('../assets/handbook/questions.json').then(r => r.text())"))["questions"])
    closed = page.locator(".md-content details:not([open])").count()
    assert closed > 0
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".md-content details:not([open])").count() == 0, "corrections print open"
    pdf = ARTIFACTS / "handbook.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".md-content details:not([open])").count() == closed
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 50_000


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browser, site_url: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for path in ("", "web-and-rest/", "review/", "mock-interview/"):
        page.goto(site_url + path)
        page.wait_for_timeout(300)
        result = axe.run(page)
        serious = [v["id"] for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            found[path or "home"] = serious
    context.close()
    record_metric(f"axe_serious_or_critical_{scheme}", found)
    assert not found


def test_topic_page_weight_and_search_latency(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    bodies: dict[str, bytes] = {}
    page.on("response", lambda r: bodies.__setitem__(r.url, r.body()) if r.ok else None)
    page.goto(f"{site_url}web-and-rest/", wait_until="networkidle")
    raw = sum(len(body) for body in bodies.values())
    compressed = sum(len(gzip.compress(body)) for body in bodies.values())
    record_metric("topic_page_first_load", {"requests": len(bodies), "bytes": raw, "gzip_bytes": compressed})
    assert compressed <= PAGE_WEIGHT_BUDGET, f"first load of a topic page transfers {compressed} bytes gzipped " \
                                             f"(budget {PAGE_WEIGHT_BUDGET})"

    box = page.locator("input.md-search__input")
    box.click()
    box.type("cors", delay=10)
    page.locator(".md-search-result__list a").first.wait_for()  # the index is loaded
    timings = []
    for query in ("serializer", "select_related", "jwt", "pagination", "csrf", "N+1", "throttling", "idempotent"):
        box.fill("")
        page.wait_for_function("() => !document.querySelector('.md-search-result__list a')")
        page.evaluate("""() => {
            window.__hbSearch = {};
            const list = document.querySelector('.md-search-result__list');
            new MutationObserver((_, observer) => {
                if (list.querySelector('a')) { window.__hbSearch.done = performance.now(); observer.disconnect(); }
            }).observe(list, {childList: true, subtree: true});
            document.querySelector('input.md-search__input').addEventListener('keyup',
                () => { window.__hbSearch.start = performance.now(); }, {once: true});
        }""")
        box.press_sequentially(query)
        page.wait_for_function("() => window.__hbSearch.done")
        timings.append(page.evaluate("() => window.__hbSearch.done - window.__hbSearch.start"))
    median = statistics.median(timings)
    record_metric("search_keystroke_to_results_ms", {"median": round(median, 1), "max": round(max(timings), 1)})
    context.close()
    assert median <= SEARCH_LATENCY_BUDGET_MS, timings


@pytest.mark.parametrize("path", ["review/", "mock-interview/", "print/", "study-plan/", "404.html"])
def test_screenshots_of_new_pages(page, site_url: str, screenshots: Path, path: str) -> None:
    response = page.goto(site_url + path)
    assert response.status == 200
    page.screenshot(path=str(screenshots / f"page-{path.strip('/').replace('.html', '') or 'home'}.png"))
