"""Reuse each question's rendering: cut it out of its topic page and place it on the question's own page
and on the print page, so every answer is rendered (and highlighted) once per build.

Topic pages carry comment markers around each question (see :func:`handbook.render.render_question`).
Links are rewritten with a real HTML parser (selectolax), never with regular expressions over HTML.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from .model import LEVELS
from .render import body_marker, end_marker, start_marker

LINKING_ATTRIBUTES = (("a", "href"), ("img", "src"), ("object", "data"))


class MarkerError(Exception):
    """A topic page lacks a question's markers: the page template and the assembler disagree."""


@dataclass(frozen=True)
class Section:
    """One question as rendered on its topic page."""

    whole: str  # heading, meta line and body
    body: str  # tabs to related links


def cut(topic_html: str, question_ids: list[str]) -> dict[str, Section]:
    """Each question's section of a rendered topic page, by id."""
    sections = {}
    for qid in question_ids:
        start, body, end = (topic_html.find(m(qid)) for m in (start_marker, body_marker, end_marker))
        if min(start, body, end) < 0 or not start < body < end:
            raise MarkerError(f"the rendered topic page has no complete markers for question '{qid}'")
        sections[qid] = Section(whole=topic_html[start + len(start_marker(qid)):end],
                                body=topic_html[body + len(body_marker(qid)):end])
    return sections


def _resolve(url: str, page_dir: str) -> tuple[str, str] | None:
    """A relative link of the page at ``/<page_dir>/`` as ``(site path, fragment)``; a folder's path ends
    with ``/``. None for an absolute link."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("/"):
        return None
    if not parts.path:
        return f"{page_dir}/", parts.fragment
    path = posixpath.normpath(posixpath.join("/", page_dir, parts.path)).lstrip("/")
    return path + ("/" if parts.path.endswith("/") and path else ""), parts.fragment


def _relative(path: str, fragment: str, page_dir: str) -> str:
    """The link from the page at ``/<page_dir>/`` to the site path ``path`` (and ``#fragment``)."""
    rel = posixpath.relpath("/" + path.rstrip("/"), f"/{page_dir}")
    link = "./" if rel == "." else rel + ("/" if path.endswith("/") else "")
    return link + (f"#{fragment}" if fragment else "")


def _question_target(url: str, topics_of: dict[str, str], own_topic: str) -> tuple[str, str] | None:
    """``(question id, level or "")`` when a link from a topic page points at a question's heading or tab."""
    resolved = _resolve(url, own_topic)
    if resolved is None or not resolved[1]:
        return None
    topic, anchor = resolved[0].rstrip("/"), resolved[1]
    level = ""
    for candidate in LEVELS:
        if anchor.endswith(f"-{candidate}") and anchor[: -len(candidate) - 1] in topics_of:
            anchor, level = anchor[: -len(candidate) - 1], candidate
    if topics_of.get(anchor) != topic:
        return None
    return anchor, level


def _rewrite(fragment: str, change) -> str:
    """Apply ``change`` to every linking attribute of a fragment (``None`` keeps the URL); a link to an
    element of the fragment itself (``#id``) moves with it and is kept."""
    tree = LexborHTMLParser(f"<div id='hb-fragment'>{fragment}</div>")
    root = tree.css_first("#hb-fragment")
    own_ids = {node.attrs["id"] for node in root.css("[id]")}
    for tag, attribute in LINKING_ATTRIBUTES:
        for node in root.css(f"{tag}[{attribute}]"):
            url = node.attrs[attribute]
            if url.startswith("#") and url[1:] in own_ids:
                continue
            new = change(url)
            if new is not None:
                node.attrs[attribute] = new
    return root.inner_html


def for_question_page(body: str, question_id: str, topics_of: dict[str, str]) -> str:
    """A question's body, moved from ``/<topic>/`` to ``/q/<id>/``: links to questions go to their own pages,
    every other relative link is made relative to the question page."""
    topic_id = topics_of[question_id]

    def change(url: str) -> str | None:
        target = _question_target(url, topics_of, topic_id)
        if target is not None:
            qid, level = target
            return f"../{qid}/" + (f"#{level}" if level else "")
        resolved = _resolve(url, topic_id)
        return None if resolved is None else _relative(*resolved, page_dir=f"q/{question_id}")
    return _rewrite(body, change)


def for_print_page(sections: list[tuple[str, str]], topics_of: dict[str, str]) -> str:
    """The print page's body from ``(topic id, topic section html)`` pairs: ``/print/`` sits at the same depth
    as topic pages, and links to any question point at its copy on the same page."""
    out = []
    for topic_id, html in sections:
        def change(url: str, topic_id: str = topic_id) -> str | None:
            target = _question_target(url, topics_of, topic_id)
            if target is None:
                return None
            qid, level = target
            return f"#{qid}-{level}" if level else f"#{qid}"
        out.append(_rewrite(html, change))
    return "\n".join(out)
