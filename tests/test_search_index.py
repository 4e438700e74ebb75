"""The search index: each question's answer text cut into tabs from real rendered HTML, one document per
question and per other page, and the synonyms table carried to the worker."""

from __future__ import annotations

import pytest

from handbook.model import Question
from handbook.search_index import answer_text, build, code_names, page_documents, question_document, tidy

BODY = """
<div class="tabbed-set tabbed-alternate" data-tabs="1:3"><input checked="checked" id="q-junior" name="__tabbed_1" type="radio">
<div class="tabbed-labels" data-search-exclude=""><label for="q-junior">Junior</label></div>
<div class="tabbed-content">
<div class="tabbed-block"><p>Use <code>select_related()</code> for a <em>ForeignKey</em>.</p>
<div class="highlight"><pre><span></span><code>from shop.models import Order
orders = Order.objects.select_related("customer")
for order in orders: pass
</code></pre></div></div>
<div class="tabbed-block"><p>Mid text ( with spaces ) here.</p></div>
<div class="tabbed-block"><div class="admonition question"><p class="admonition-title">Follow-ups</p>
<ul><li>Why not prefetch?</li></ul></div></div>
</div></div>
<fieldset class="hb-assess" data-search-exclude><legend>How well do you know this?</legend></fieldset>
"""


def test_answer_text_keeps_prose_per_tab_and_only_names_of_code() -> None:
    text = answer_text(BODY)
    assert text.tabs == {"junior": "Use select_related() for a ForeignKey.", "mid": "Mid text (with spaces) here.",
                         "senior": "Follow-ups Why not prefetch?"}
    assert text.code.split() == ["shop.models", "Order", "orders", "Order.objects.select_related", "customer", "order"]


def test_a_body_without_three_tabs_is_an_error() -> None:
    with pytest.raises(ValueError, match="1 answer tabs"):
        answer_text('<div class="tabbed-set"><div class="tabbed-content"><div class="tabbed-block">x</div></div></div>')


def test_code_names_drop_python_syntax_and_repeats() -> None:
    assert code_names("def f(self):\n    return self.x if x else None\nf(1); f(2)") == ["self.x"]
    assert code_names("@action(detail=True)\ndef publish(self, request, pk=None): ...") == [
        "@action", "detail", "publish", "request", "pk"]


def test_tidy_removes_spaces_the_parser_adds_before_punctuation() -> None:
    assert tidy("  a ,  b ( c ) .\n d ") == "a, b (c). d"


def test_question_document_holds_what_search_needs_and_drops_empty_fields() -> None:
    q = Question(id="q", title="What is q?", topic="t", level="mid", path="p", answers={},
                 aliases=["Define q?"], keywords=["rate limit", "throttle"], errors=["Request was throttled."])
    doc = question_document(q, "Topic T", answer_text(BODY))
    assert doc["location"] == "q/q/" and doc["kind"] == "question" and doc["topic"] == "Topic T"
    assert doc["keywords"] == "rate limit · throttle" and doc["errors"] == "Request was throttled."
    assert doc["junior"].startswith("Use select_related()")
    bare = question_document(Question(id="b", title="B?", topic="t", level="junior", path="p", answers={}),
                             "T", answer_text(BODY))
    assert "aliases" not in bare and "keywords" not in bare and "errors" not in bare


def test_page_documents_fold_sections_into_one_document_per_page() -> None:
    docs = page_documents([
        {"location": "review/", "title": "Review", "text": "<p>Cards.</p>"},
        {"location": "review/#how", "title": "How it works", "text": "<p>Flip <code>a</code> card.</p>"},
        {"location": "sources/", "title": "Sources", "text": ""},
    ])
    assert docs == [{"kind": "page", "location": "review/", "title": "Review", "text": "Review Cards. How it works Flip a card."},
                    {"kind": "page", "location": "sources/", "title": "Sources", "text": "Sources"}]


def test_build_keeps_materials_config_and_adds_the_synonyms() -> None:
    index = build({"config": {"lang": ["en"]}, "docs": [{"location": "x/", "title": "X", "text": ""}]},
                  [{"kind": "question", "location": "q/a/"}], [["authn", "authentication"]])
    assert index["config"] == {"lang": ["en"], "handbook": {"synonyms": [["authn", "authentication"]]}}
    assert [d["location"] for d in index["docs"]] == ["q/a/", "x/"]
