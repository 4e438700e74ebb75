"""Search index tuning: parts of code names, and topic pages below their questions."""

from __future__ import annotations

from handbook.search_index import TOPIC_PAGE_BOOST, code_parts, parts_of, tune


def test_parts_of_code_names() -> None:
    assert parts_of("select_related") == ["select", "related"]
    assert parts_of("SerializerMethodField") == ["serializer", "method", "field"]
    assert parts_of("AUTH_USER_MODEL") == ["auth", "user", "model"]
    assert parts_of("IsAuthenticatedOrReadOnly") == ["is", "authenticated", "or", "read", "only"]


def test_code_parts_of_a_text_include_dotted_pieces_once() -> None:
    text = "Call <code>request.get_signed_cookie</code>, then select_related and select_related again."
    assert code_parts(text).split() == ["request", "get_signed_cookie", "get", "signed", "cookie", "select", "related"]
    assert code_parts("Plain words only, e.g. nothing to split.") == ""


def test_tune_adds_parts_and_lowers_topic_pages_only() -> None:
    index = {"docs": [
        {"location": "orm/", "title": "ORM", "text": "All about the ORM."},
        {"location": "orm/#q", "title": "What is select_related()?", "text": "Joins."},
        {"location": "sources/", "title": "Sources", "text": "Credits."},
    ]}
    tuned = tune(index, ["orm"])
    assert tuned["docs"][0]["boost"] == TOPIC_PAGE_BOOST
    assert "boost" not in tuned["docs"][1] and tuned["docs"][1]["parts"] == "select related"
    assert "boost" not in tuned["docs"][2] and "parts" not in tuned["docs"][2]


def test_code_parts_split_camel_case_class_names_found_in_text() -> None:
    text = "Add <code>IsAuthenticated</code> to a ModelViewSet; plain Capitalised words stay out."
    assert code_parts(text).split() == ["is", "authenticated", "model", "view", "set"]


def test_code_parts_ignore_names_inside_html_tags() -> None:
    assert code_parts('<span class="hb_note">x</span> uses <code>get_signed_cookie</code>') == "get signed cookie"


def test_tune_takes_parts_from_the_text_as_well_as_the_title() -> None:
    index = {"docs": [{"location": "orm/#q", "title": "Joins", "text": "Use prefetch_related here."},
                      {"location": "orm/#r", "title": "What is get_object()?"}]}
    tuned = tune(index, ["orm"])
    assert tuned["docs"][0]["parts"] == "prefetch related"
    assert tuned["docs"][1]["parts"] == "get object"
