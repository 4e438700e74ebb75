"""Reusing a question's rendering: cut from its topic page, moved to its own page and to the print page."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from handbook.assemble import MarkerError, cut, for_print_page, for_question_page
from handbook.render import body_marker, end_marker, start_marker

TOPICS_OF = {"alpha": "orm", "beta": "orm", "gamma": "rest"}


def topic_html(*ids: str) -> str:
    return "\n".join(f'{start_marker(q)}<h2 id="{q}">{q}?</h2><div class="hb-meta">m</div>{body_marker(q)}'
                     f'<p>body of {q}</p>{end_marker(q)}' for q in ids)


def links(html: str) -> list[str]:
    tree = LexborHTMLParser(html)
    return [n.attrs.get("href") or n.attrs.get("src") for n in tree.css("a[href], img[src]")]


def test_cut_returns_the_whole_section_and_the_body_of_each_question() -> None:
    sections = cut("<h1>Topic</h1>" + topic_html("alpha", "beta"), ["alpha", "beta"])
    assert sections["alpha"].whole == '<h2 id="alpha">alpha?</h2><div class="hb-meta">m</div>' \
        f'{body_marker("alpha")}<p>body of alpha</p>'
    assert sections["beta"].body == "<p>body of beta</p>"


def test_cut_names_a_question_whose_markers_are_missing_or_out_of_order() -> None:
    with pytest.raises(MarkerError, match="'beta'"):
        cut(topic_html("alpha"), ["alpha", "beta"])
    broken = f"{end_marker('alpha')}{body_marker('alpha')}{start_marker('alpha')}"
    with pytest.raises(MarkerError, match="'alpha'"):
        cut(broken, ["alpha"])


def test_a_body_moved_to_its_question_page_links_questions_to_their_own_pages() -> None:
    body = ('<p><a href="./#beta">same topic, as MkDocs writes it</a> <a href="#beta">same topic</a> '
            '<a href="#beta-senior">its senior tab</a> '
            '<a href="../rest/#gamma">other topic</a> <a href="../rest/#gamma-mid">other tab</a> '
            '<a href="#__code_1">own line</a> <a href="#elsewhere">an anchor of the topic page</a> '
            '<a href="./#elsewhere">the same, as MkDocs writes it</a> <a href="./">the topic page</a> '
            '<a href="../changes/">a page</a> <a href="https://docs.djangoproject.com/">docs</a> '
            '<img src="../assets/d.svg" alt="d"></p><pre id="__code_1"></pre>')
    moved = for_question_page(body, "alpha", TOPICS_OF)
    assert links(moved) == ["../beta/", "../beta/", "../beta/#senior", "../gamma/", "../gamma/#mid", "#__code_1",
                            "../../orm/#elsewhere", "../../orm/#elsewhere", "../../orm/", "../../changes/",
                            "https://docs.djangoproject.com/", "../../assets/d.svg"]


def test_the_print_page_keeps_links_to_questions_on_the_page() -> None:
    html = for_print_page([("orm", '<p><a href="./#beta">b</a> <a href="../rest/#gamma-senior">g</a></p>'),
                           ("rest", '<p><a href="../orm/#alpha">a</a> <a href="../sources/">s</a></p>')], TOPICS_OF)
    assert links(html) == ["#beta", "#gamma-senior", "#alpha", "../sources/"]
