"""Layout readers on small synthetic documents: the exact questions, lines and confidences they give."""

from __future__ import annotations

from handbook.readers import Document
from handbook.readers.bare_lines import BareLinesReader
from handbook.readers.markdown_sections import MarkdownSectionsReader
from handbook.readers.plain_text import is_code_like, is_title_case, looks_like_question
from handbook.readers.prose import ProseReader, candidates
from handbook.readers.text import unwrap

ANSWER = "It is answered here in more than eight plain words of text."


def found(reader, text: str) -> list[tuple[int, str]]:
    return [(f.line, f.text) for f in reader.read(Document("doc.md", text))]


def test_plain_text_rules() -> None:
    assert is_code_like("x = 1") and is_code_like("import os") and not is_code_like("Plain words")
    assert is_title_case("What Serializers do")  # the one significant word after the first is capitalised
    assert not is_title_case("What serializers do")
    assert not looks_like_question("What " + "is it " * 40 + "?")  # over 200 characters is no question line


def test_unwrap_removes_short_whole_text_emphasis() -> None:
    assert unwrap("**ab**") == "ab"
    assert unwrap("*a*") == "a"


def test_prose_candidates_skip_tabbed_and_overlong_lines_only() -> None:
    exactly_160 = "What is " + "x" * 151 + "?"
    assert len(exactly_160) == 160
    lines = [exactly_160, "What is a view?\tA tabbed row", "What is " + "y" * 152 + "?"]
    assert [(c.line, c.text) for c in candidates(lines)] == [(1, exactly_160)]


def test_prose_is_confident_from_two_questions() -> None:
    text = f"What is a view?\n{ANSWER}\n\nWhat is a model?\n{ANSWER}\n"
    assert found(ProseReader(), text) == [(1, "What is a view?"), (4, "What is a model?")]
    assert ProseReader().confidence(Document("doc.txt", text)) == 0.75


def test_markdown_sections_are_confident_from_three_answered_questions() -> None:
    text = "## Basics\n\n" + "".join(f"### {n}. What is thing {n}?\n\n{ANSWER}\n\n" for n in (1, 2, 3))
    assert found(MarkdownSectionsReader(), text) == [(3, "What is thing 1?"), (7, "What is thing 2?"),
                                                     (11, "What is thing 3?")]
    assert MarkdownSectionsReader().confidence(Document("doc.md", text)) == 0.6


def test_bare_lines_need_whole_sentences_and_half_of_them_asking() -> None:
    half = "# Views\n\nWhat is a view?\nViews return responses.\n"
    assert found(BareLinesReader(), half) == [(3, "What is a view?"), (4, "Views return responses.")]
    unfinished = "# Views\n\nWhat is a view?\nWhat is a model\n"
    assert found(BareLinesReader(), unfinished) == []
    too_long = "# Views\n\nWhat is a view?\nWhat is " + "a very long line " * 15 + "?\n"
    assert found(BareLinesReader(), too_long) == []


def test_structured_reads_string_items_under_a_list_key_with_their_lines() -> None:
    from handbook.readers.base import Found
    from handbook.readers.structured import StructuredReader

    doc = Document("faq.yml", "title: FAQ\nquestions:\n  - What is a view?\n  - What is a model?\n")
    assert StructuredReader().read(doc) == [Found(3, "What is a view?", None, None, 3),
                                            Found(4, "What is a model?", None, None, 4)]
    assert StructuredReader().confidence(doc) == 1.0
    assert StructuredReader().confidence(Document("notes.md", "# Notes\n\nJust prose.\n")) == 0.0
