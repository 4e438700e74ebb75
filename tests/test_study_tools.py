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
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bank import QUESTIONS
from conftest import ARTIFACTS, Watch, copy_project, record_metric, run_cli, serve_site
from test_browser import below_the_header, resting_position

pytestmark = pytest.mark.browser

KEY = "django-drf-handbook:progress"
# First load of a topic page, all requests, as GitHub Pages transfers them (gzip); see README.
PAGE_WEIGHT_BUDGET = 200_000  # the search index is fetched only when search is opened (docs/javascripts/lazy-search.js)




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
    expect(locator).to_have_text(re.compile(r"\S"))  # filled in once the question index has loaded
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
    expect(page.locator("fieldset[data-question='cors'] input[value='shaky']")).to_be_checked()
    page.locator(".md-nav__link", has_text="Home").first.click()
    page.wait_for_url(site_url)
    assert "1 of" in progress_text(page, "*") and "1 shaky" in progress_text(page, "*")
    assert progress_text(page, "web-and-rest") == f"Your progress: 1 of {total} known · 1 shaky"
    page.screenshot(path=str(screenshots / "home-with-progress.png"), full_page=True)


def test_coverage_page_shows_progress_per_area_and_links_to_questions(page, site_url: str, screenshots: Path) -> None:
    page.goto(f"{site_url}coverage/")
    area = page.locator(".hb-progress[data-questions]").first
    ids = area.get_attribute("data-questions").split()
    expect(area).to_have_text(f"Your progress: 0 of {len(ids)} known")
    link = page.locator(f"table a[href$='#{ids[0]}']").first
    link.click()
    page.wait_for_url(re.compile(f"#{ids[0]}$"))
    page.locator(f"fieldset[data-question='{ids[0]}'] input[value='known']").check()
    page.go_back()
    page.wait_for_url(re.compile("coverage/$"))
    expect(page.locator(".hb-progress[data-questions]").first).to_have_text(f"Your progress: 1 of {len(ids)} known")
    page.screenshot(path=str(screenshots / "coverage-with-progress.png"), full_page=False)


def seed_progress(page, site_url: str, statuses: dict[str, str | dict[str, str]]) -> None:
    """Saved progress as the handbook keeps it; a mark is a status, or a full entry with its time."""
    page.goto(site_url)
    entries = {qid: s if isinstance(s, dict) else {"status": s, "at": "2026-01-01T00:00:00.000Z"} for qid, s in statuses.items()}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps({"version": 1, "statuses": entries})])


def test_progress_counts_dont_know_marks(page, site_url: str) -> None:
    seed_progress(page, site_url, {"cors": "known", "api": "shaky", "rest-api": "unknown", "http-methods": "unknown",
                                   "n-plus-one-queries": "unknown"})
    page.goto(f"{site_url}web-and-rest/")
    total = page.locator("fieldset.hb-assess").count()
    assert progress_text(page, "web-and-rest") == f"Your progress: 1 of {total} known · 1 shaky · 2 don't know"
    page.goto(site_url)
    assert progress_text(page, "*").endswith(" known · 1 shaky · 3 don't know")


def review_items(page) -> list[str]:
    page.wait_for_function("() => !document.getElementById('hb-review-summary').textContent.startsWith('Loading')")
    return page.eval_on_selector_all("#hb-review-list a", "els => els.map(e => e.getAttribute('href').split('/q/')[1].split('/')[0])")


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
    page.wait_for_url("**/q/cors/")


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


def export_file(path: Path, statuses: dict[str, dict[str, str]]) -> Path:
    """A progress file as the Review page exports it."""
    payload = {"format": "django-drf-handbook-progress", "version": 1, "exported": "2026-02-01T00:00:00.000Z",
               "statuses": statuses}
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def import_on_review_page(page, file: Path) -> str:
    """Import a file with the Review page's file input; the message the reader is shown."""
    message = page.locator("#hb-progress-message")
    page.evaluate("() => { document.getElementById('hb-progress-message').textContent = ''; }")
    page.set_input_files("#hb-import", str(file))
    expect(message).not_to_have_text("")
    return message.text_content()


def test_import_into_existing_progress_keeps_the_newer_mark(page, site_url: str, tmp_path: Path) -> None:
    mine = {"cors": {"status": "known", "at": "2026-03-01T00:00:00.000Z"},
            "api": {"status": "shaky", "at": "2026-01-01T00:00:00.000Z"}}
    seed_progress(page, site_url, mine)
    page.goto(f"{site_url}review/")
    assert review_items(page) == ["api"]
    theirs = export_file(tmp_path / "other-browser.json", {
        "cors": {"status": "unknown", "at": "2026-02-01T00:00:00.000Z"},  # older than the mark kept here
        "api": {"status": "known", "at": "2026-02-01T00:00:00.000Z"},  # newer
        "rest-api": {"status": "unknown", "at": "2026-02-01T00:00:00.000Z"},  # not marked here yet
    })
    assert import_on_review_page(page, theirs) == "Imported 3 marks."
    assert stored(page) == {"cors": mine["cors"], "api": {"status": "known", "at": "2026-02-01T00:00:00.000Z"},
                            "rest-api": {"status": "unknown", "at": "2026-02-01T00:00:00.000Z"}}
    assert review_items(page) == ["rest-api"], "cors keeps its newer 'Know it', api takes the newer 'Know it'"
    assert page.locator("#hb-review-list li").first.text_content().endswith("Don't know · Web and REST basics · Junior")
    page.goto(f"{site_url}web-and-rest/")
    expect(page.locator("fieldset[data-question='cors'] input[value='known']")).to_be_checked()
    expect(page.locator("fieldset[data-question='api'] input[value='known']")).to_be_checked()


@pytest.mark.parametrize("bad_id", ["../cors", "CORS", "__proto__", "cors "])
def test_import_with_an_invalid_question_id_is_rejected(page, site_url: str, tmp_path: Path, bad_id: str) -> None:
    seed_progress(page, site_url, {"api": "shaky"})
    page.goto(f"{site_url}review/")
    assert review_items(page) == ["api"]
    entry = {"status": "unknown", "at": "2026-02-01T00:00:00.000Z"}
    bad = export_file(tmp_path / "bad-id.json", {"cors": entry, bad_id: entry})
    assert import_on_review_page(page, bad) == f"That export cannot be imported: '{bad_id}' is not a question id."
    assert set(stored(page)) == {"api"} and review_items(page) == ["api"], "a rejected file changes nothing"


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
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    def words(text: str) -> set[str]:
        return set(re.findall(r"[a-z]{7,}", text.lower()))

    counts: dict[str, int] = {}
    for doc in docs:
        for word in words(" ".join(str(v) for v in doc.values())):
            counts[word] = counts.get(word, 0) + 1
    for doc in (d for d in docs if d["kind"] == "question"):
        only = words(doc["senior"]) - words(doc["junior"]) - words(doc["mid"]) - words(doc["title"])
        for word in sorted(w for w in only if counts[w] == 1):
            return doc["location"].split("/")[1], doc["id"], word
    raise AssertionError("no word appears only in one senior answer")


def mark_on_screen(position: dict) -> bool:
    """The whole mark is in the window, below the fixed header."""
    return below_the_header(position) and position["bottom"] <= position["height"]


def test_search_result_opens_the_tab_holding_the_match(page, site_url: str, site_dir: Path) -> None:
    _, qid, word = senior_only_word(site_dir)
    topic = next(q.topic for q in QUESTIONS if q.id == qid)
    page.set_viewport_size({"width": 1280, "height": 600})  # short enough that the match starts off screen
    page.goto(f"{site_url}{topic}/")
    expect(page.locator(f"#{qid}-junior")).to_be_checked()
    box = page.locator("input.md-search__input")
    box.click()
    box.type(word, delay=10)
    result = page.locator(f".md-search-result__list a[href*='/q/{qid}/']").first
    result.wait_for()
    result.click()
    page.wait_for_url(lambda url: url.endswith(f"/q/{qid}/?tab=senior&h={word}"))
    expect(page.locator(f"#{qid}-senior")).to_be_checked()
    mark = page.locator(f"#{qid}-senior ~ .tabbed-content > .tabbed-block:nth-child(3) mark").first
    expect(mark).to_have_text(re.compile(f"^{word}$", re.I))
    position = resting_position(page, f"#{qid}-senior ~ .tabbed-content > .tabbed-block:nth-child(3) mark", mark_on_screen)
    assert mark_on_screen(position), (
        f"the highlighted '{word}' rests at top={position['top']:.0f}px, bottom={position['bottom']:.0f}px: "
        f"the header ends at {position['header']:.0f}px and the window at {position['height']}px")
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
    expect(page.locator("fieldset[data-question='cors'] input[value='known']")).to_be_checked()
    assert progress_text(page, "django-orm").startswith("Your progress: 1 of")
    page.goto(f"{base}q/cors/")  # the permanent page now links to the new topic
    expect(page.locator("a.hb-in-topic")).to_have_attribute("href", re.compile(r"/django-orm/#cors$"))
    expect(page.locator("fieldset[data-question='cors'] input[value='known']")).to_be_checked()
    context.close()


def test_merged_questions_keep_their_links_and_progress(page, site_url: str, site_dir: Path) -> None:
    """The bank's real merges ('retired:' ids): /q/<old>/, old topic anchors at any level and progress
    saved under an old id (before the merge) all carry over to the question it became."""
    retired = json.loads(re.search(r"window.HandbookRetired = (\{.*\});", (
        site_dir / "assets" / "handbook" / "retired.js").read_text(encoding="utf-8"), re.S).group(1))
    assert {"web-api": "api", "bearer-token": "access-token"}.items() <= {k: v["id"] for k, v in retired.items()}.items()
    seed_progress(page, site_url, {"web-api": {"status": "shaky", "at": "2026-01-02T00:00:00.000Z"},
                                   "api": {"status": "known", "at": "2026-01-01T00:00:00.000Z"},
                                   "bearer-token": "unknown"})
    page.goto(f"{site_url}web-and-rest/")
    expect(page.locator("fieldset[data-question='api'] input[value='shaky']")).to_be_checked()  # the newer mark wins
    assert set(stored(page)) == {"api", "access-token"}  # the marks moved to the merged questions' ids
    assert stored(page)["access-token"]["status"] == "unknown"
    page.goto(f"{site_url}q/web-api/")
    page.wait_for_url("**/q/api/")
    page.goto(f"{site_url}authentication/#bearer-token-senior")  # an old anchor, at one level
    page.wait_for_url("**/authentication/#access-token-senior")
    expect(page.locator("input[id='access-token-senior']")).to_be_checked()


# For every question: the levels whose answers are displayed, e.g. "Mid" or "Junior Mid Senior".
PRINTED_LEVELS = """() => [...document.querySelectorAll('.md-content .tabbed-set')].map(set => {
    const labels = [...set.querySelectorAll(':scope > .tabbed-labels > label')].map(l => l.textContent.trim());
    const blocks = [...set.querySelectorAll(':scope > .tabbed-content > .tabbed-block')];
    return blocks.filter(b => getComputedStyle(b).display !== 'none').map(b => labels[blocks.indexOf(b)]).join(' ');
})"""


def printed_levels(page) -> set[str]:
    """The levels each question of the page shows under print media, as a set over all questions."""
    return set(page.evaluate(PRINTED_LEVELS))


def test_print_buttons_choose_the_printed_levels(page, site_url: str, screenshots: Path) -> None:
    # The print dialog itself is the browser's: it is replaced by a counter, and print media is
    # emulated to see what the dialog would print.
    page.add_init_script("window.print = () => { window.hbPrintCalls = (window.hbPrintCalls || 0) + 1; };")
    page.goto(f"{site_url}web-and-rest/")
    page.locator(".tabbed-labels label", has_text="Mid").first.click()
    expect(page.locator("#cors-mid")).to_be_checked()
    page.get_by_role("button", name="Print this topic at my level").click()
    assert page.evaluate("() => window.hbPrintCalls") == 1, "the button opens the print dialog"
    page.emulate_media(media="print")
    assert printed_levels(page) == {"Mid"}, "only the chosen level prints"
    page.screenshot(path=str(screenshots / "print-topic-my-level.png"))
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")  # the print dialog closes
    assert printed_levels(page) == {"Junior Mid Senior"}, "after printing, a later print shows all levels again"
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Print all three levels").click()
    assert page.evaluate("() => window.hbPrintCalls") == 2
    page.emulate_media(media="print")
    assert printed_levels(page) == {"Junior Mid Senior"}
    assert page.locator(".tabbed-labels").first.is_visible(), "each printed answer keeps its level label"


def test_print_views_and_a_pdf(page, site_url: str, screenshots: Path) -> None:
    page.goto(f"{site_url}web-and-rest/")
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").is_hidden() and page.locator(".hb-assess").first.is_hidden()
    assert printed_levels(page) == {"Junior Mid Senior"}, "all levels print by default"
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
    for path in ("", "web-and-rest/", "q/select-related-vs-prefetch-related/", "review/", "mock-interview/", "coverage/"):
        page.goto(site_url + path)
        page.wait_for_timeout(300)
        result = axe.run(page)
        serious = [v["id"] for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            found[path or "home"] = serious
    box = page.locator("input.md-search__input")  # the search results, as the handbook's worker renders them
    box.click()
    box.fill("throttling")
    box.press("End")
    page.locator(".md-search-result__list .hb-result-meta").first.wait_for()
    # the search overlay fades in: colour contrast is judged on the settled page, not mid-transition
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    page.wait_for_timeout(300)
    serious = [v["id"] for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    if serious:
        found["search results"] = serious
    context.close()
    record_metric(f"axe_serious_or_critical_{scheme}", found)
    assert not found


def first_load(browser, url: str) -> dict[str, bytes]:
    """Every response of a page's first load (until the network is idle), by URL."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    bodies: dict[str, bytes] = {}
    page.on("response", lambda r: bodies.__setitem__(r.url, r.body()) if r.ok else None)
    page.goto(url, wait_until="networkidle")
    context.close()
    return bodies


def gzipped(bodies: dict[str, bytes]) -> int:
    return sum(len(gzip.compress(body)) for body in bodies.values())


def test_topic_and_question_page_weight(browser, site_url: str) -> None:
    weights = {}
    for name, path in (("topic_page", "web-and-rest/"), ("question_page", "q/api/")):
        bodies = first_load(browser, site_url + path)
        weights[name] = {"requests": len(bodies), "gzip_bytes": gzipped(bodies)}
        assert weights[name]["gzip_bytes"] <= PAGE_WEIGHT_BUDGET, f"first load of {path}: {weights[name]} " \
                                                                  f"(budget {PAGE_WEIGHT_BUDGET})"
        assert not [url for url in bodies if "search_index.json" in url or "minisearch" in url], \
            f"{path}: the search index or engine was fetched before search was opened"
    record_metric("first_load", weights)
    # Search latency is measured over the whole search test set in tests/test_search_ui.py.


# A bank of 500 questions (today's plus synthetic ones in a topic of their own) may add to a page's first load
# only what names the extra pages: one menu entry, and the sitemap (Material's instant navigation reads it).
GROWTH_ALLOWANCE = 3_000


def test_first_load_does_not_grow_with_the_bank(browser, site_url: str, tmp_path: Path) -> None:
    from synthetic import grow_bank

    root = copy_project(tmp_path / "project")
    added = grow_bank(root, 500)
    out = tmp_path / "site"
    done = run_cli("build", "--site-dir", str(out), root=root, env={"SITE_URL": "https://example.github.io/handbook/"})
    assert done.returncode == 0, done.stderr[-2000:]
    with serve_site(out) as big_url:
        sizes = {}
        for name, path in (("topic_page", "web-and-rest/"), ("question_page", "q/api/")):
            today, grown = first_load(browser, site_url + path), first_load(browser, big_url + path)
            sitemap = [gzipped({u: b}) for u, b in grown.items() if u.endswith("sitemap.xml")]
            sizes[name] = {"today": gzipped(today), "at_500": gzipped(grown), "sitemap_at_500": sum(sitemap)}
            assert sizes[name]["at_500"] <= PAGE_WEIGHT_BUDGET
            assert sizes[name]["at_500"] - sizes[name]["today"] <= GROWTH_ALLOWANCE, sizes
        index = (out / "search" / "search_index.json").stat().st_size
        record_metric("first_load_at_500_questions", {"questions_added": added, **sizes, "search_index_bytes": index})


@pytest.mark.parametrize("path", ["review/", "mock-interview/", "print/", "study-plan/", "coverage/", "404.html"])
def test_screenshots_of_new_pages(page, site_url: str, screenshots: Path, path: str) -> None:
    response = page.goto(site_url + path)
    assert response.status == 200
    page.screenshot(path=str(screenshots / f"page-{path.strip('/').replace('.html', '') or 'home'}.png"))
