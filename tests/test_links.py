"""Served under a project sub-path, as on GitHub Pages: every internal link, anchor, asset and
``/q/<id>/`` redirect resolves."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin

from bank import QUESTIONS
from conftest import SUBPATH


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()
        self.refresh: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key):
                self.refs.append(a[key])
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.refresh = (a.get("content") or "").split("url=", 1)[-1]


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read()
            kind = response.headers.get("Content-Type", "")
            return response.status, kind, body.decode("utf-8", "replace") if "html" in kind else ""
    except urllib.error.HTTPError as exc:
        return exc.code, "", ""


def parse(body: str) -> _Refs:
    refs = _Refs()
    refs.feed(body)
    return refs


def test_every_internal_link_anchor_and_asset_resolves_under_the_subpath(site_url: str) -> None:
    pages: dict[str, _Refs] = {}
    queue, seen, broken = [site_url], set(), []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = fetch(url)
        if status != 200:
            broken.append(f"{url} -> {status}")
            continue
        if "html" not in kind:
            continue
        pages[url] = refs = parse(body)
        for ref in refs.refs:
            if re.match(r"^(https?:|mailto:|javascript:|data:)", ref) and not ref.startswith(site_url):
                continue
            target, _ = urldefrag(urljoin(url, ref))
            if not target.startswith(site_url):
                broken.append(f"{url}: '{ref}' leaves the site's sub-path {SUBPATH}")
            elif target not in seen:
                queue.append(target)
    for url, refs in pages.items():
        for ref in refs.refs:
            target, fragment = urldefrag(urljoin(url, ref))
            if fragment and target in pages and fragment not in pages[target].ids and not fragment.startswith("__"):
                broken.append(f"{url}: '{ref}' points at a missing anchor")
    assert len(pages) >= 5
    assert not broken, "\n".join(broken)


def test_each_permanent_link_is_the_questions_own_page(site_url: str) -> None:
    for q in QUESTIONS:
        status, _, body = fetch(f"{site_url}q/{q.id}/")
        assert status == 200
        refs = parse(body)
        assert not refs.refresh, f"/q/{q.id}/ is a page, not a redirect"
        assert {q.id, *(f"{q.id}-{level}" for level in ("junior", "mid", "senior"))} <= refs.ids
        for old in q.retired:
            status, _, body = fetch(f"{site_url}q/{old}/")
            target, _ = urldefrag(urljoin(f"{site_url}q/{old}/", parse(body).refresh or ""))
            assert status == 200 and target == f"{site_url}q/{q.id}/"
