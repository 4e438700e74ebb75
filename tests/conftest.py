"""Shared fixtures: the project paths, a strict build of the site, a server that serves it under a
sub-path (as GitHub Pages does), and Debian's chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CLI = ROOT / "scripts" / "handbook_cli.py"
SUBPATH = "/handbook/"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # Debian's chromium unless told otherwise
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


BUILD_SECONDS: dict[str, float | None] = {}  # filled by the site_dir fixture


def run_cli(*args: str, root: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a handbook command against a project root, in this process, and capture its output.

    In-process (not a subprocess) so that coverage and mutation testing see the command's code;
    ``test_cli.py`` also runs the real script once as a program. ``env`` is set for the call (the
    MkDocs build it may start inherits it).
    """
    from handbook.cli import main

    argv = ["--root", str(root), *args]
    out, err = io.StringIO(), io.StringIO()
    saved = {key: os.environ.get(key) for key in env or {}}
    os.environ.update(env or {})
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse rejects the arguments
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return subprocess.CompletedProcess([str(CLI), *argv], code, out.getvalue(), err.getvalue())


def record_metric(name: str, value: object) -> None:
    """Keep a measured figure in test-artifacts/metrics.json (read by the closing notes and the README)."""
    path = ARTIFACTS / "metrics.json"
    ARTIFACTS.mkdir(exist_ok=True)
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data[name] = value
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def copy_project(target: Path) -> Path:
    """A writable copy of everything the build reads, for tests that break or change content."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "pyproject.toml", "docs", "overrides", "content", "sources", "scripts"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, target / name)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as GitHub Pages gets it: a strict build with a sub-path ``site_url``."""
    out = tmp_path_factory.mktemp("built") / "site"
    done = run_cli("build", "--site-dir", str(out), env={"SITE_URL": "https://example.github.io/handbook/"})
    assert done.returncode == 0, done.stdout + done.stderr
    took = re.search(r"^built .* in ([\d.]+)s$", done.stdout, re.M)
    BUILD_SECONDS["strict"] = float(took.group(1)) if took else None
    record_metric("strict_build_seconds", BUILD_SECONDS["strict"])
    return out


class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site only under ``SUBPATH``; anything else is a 404, like a project page."""

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(SUBPATH):
            return str(Path(self.directory) / "__outside_the_subpath__")
        return super().translate_path("/" + clean[len(SUBPATH):])

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_site(directory: Path) -> Iterator[str]:
    """Serve a built site under ``SUBPATH`` on a free port; yields its URL."""
    handler = functools.partial(_SubpathHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    with serve_site(site_dir) as url:
        yield url


def pytest_sessionstart(session: pytest.Session) -> None:
    """Measured figures are written afresh by each run."""
    (ARTIFACTS / "metrics.json").unlink(missing_ok=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run browser tests last: fast feedback first, and Playwright's event loop never overlaps
    the Django tests (Django refuses ORM calls while an event loop runs in the thread)."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
    for item in items:
        # A test that needs the built site is slow by definition (the build takes seconds): mutation
        # testing runs `-m "not browser and not slow"` and must not rebuild the site for every mutant.
        if "site_dir" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (scripts/install-browser.sh installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


class Watch:
    """Collects console errors, page errors and requests to any host other than the test server."""

    def __init__(self, base: str) -> None:
        self.host = urlparse(base).netloc
        self.errors: list[str] = []
        self.third_party: list[str] = []

    def attach(self, context) -> None:
        context.on("request", self._request)
        context.on("page", self._page)

    def _page(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _request(self, request) -> None:
        parsed = urlparse(request.url)
        if parsed.scheme in ("http", "https") and parsed.netloc != self.host:
            self.third_party.append(request.url)


@pytest.fixture
def watch(site_url: str) -> Watch:
    return Watch(site_url)


@pytest.fixture
def page(browser, site_url: str, watch: Watch) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch.attach(context)
    page = context.new_page()
    yield page
    context.close()
    assert not watch.third_party, f"third-party requests: {watch.third_party}"
    assert not watch.errors, f"console errors: {watch.errors}"


def result_target(href: str) -> str:
    """What a search result link opens, under ``SUBPATH``: the id of a question's own page (``q/<id>/``), the
    anchor of a section (``<topic>/#<id>`` on a site built with Material's own search), or ``page:<path>``."""
    parts = urlsplit(href)
    path = [p for p in parts.path.split(SUBPATH, 1)[-1].split("/") if p]
    if len(path) > 1 and path[0] == "q":
        return path[1]
    if parts.fragment:
        return parts.fragment
    return "page:" + "/".join(path)
