"""Layout readers on small synthetic documents: the exact questions, lines and confidences they give."""

from __future__ import annotations

import pytest

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


def test_details_read_a_summary_written_over_several_lines() -> None:
    from handbook.readers.base import Found
    from handbook.readers.details import DetailsReader

    text = f"# Views\n\n<details>\n<summary>\n1. What is a view?\n</summary>\n\n{ANSWER}\n\n</details>\n"
    assert DetailsReader().read(Document("doc.md", text)) == [Found(5, "What is a view?", "Views", 1, 10)]


def test_details_without_question_summaries_give_no_confidence() -> None:
    from handbook.readers.details import DetailsReader

    text = f"<details><summary>Setup notes</summary>\n\n{ANSWER}\n\n</details>\n"
    assert DetailsReader().read(Document("doc.md", text)) == []
    assert DetailsReader().confidence(Document("doc.md", text)) == 0.0


def test_near_equal_readers_are_decided_by_how_many_questions_they_find() -> None:
    from handbook.readers.detect import _best

    text = (f"## What is a view?\n\n{ANSWER}\n\n## What is a model?\n\n{ANSWER}\n\n## What is a form?\n\n"
            "- What is a field?\n- What is a widget?\n")
    doc = Document("doc.md", text)
    best = _best(doc, {"list": 1.0, "headings": 0.96}, set())  # within TIE: headings find 3, the list 2
    assert best is not None and best[0] == "headings"
    best = _best(doc, {"list": 1.0, "headings": 0.9}, set())  # no tie: the more confident reader wins
    assert best is not None and best[0] == "list"


TOC = (f"# FAQ\n\n- [What is a view?](#what-is-a-view)\n- [What is a model?](#what-is-a-model)\n"
       f"- [What is a form?](#what-is-a-form)\n\n## Introduction\n\nSome words.\n\n## What is a view?\n\n{ANSWER}\n\n"
       f"## What is a model?\n\n{ANSWER}\n\n## What is a form?\n\n{ANSWER}\n")


def test_toc_reads_only_the_headings_its_entries_name_and_claims_its_lists() -> None:
    from handbook.readers.base import Found
    from handbook.readers.detect import claimed, read_layout
    from handbook.readers.toc import TocReader

    doc = Document("doc.md", TOC)
    expected = [Found(11, "What is a view?", "FAQ", None, 14), Found(15, "What is a model?", "FAQ", None, 18),
                Found(19, "What is a form?", "FAQ", None, 22)]
    assert TocReader().read(doc) == expected  # "Introduction" is no entry's heading
    assert claimed(TocReader(), doc, expected) == [(11, 14), (15, 18), (19, 22), (3, 6)]  # the TOC list too
    reading = read_layout(doc, "toc")
    assert (reading.layout, reading.found) == ("toc", expected)


def test_headings_span_to_the_next_heading_at_their_level_and_two_are_enough() -> None:
    from handbook.readers.base import Found
    from handbook.readers.headings import HeadingsReader

    text = f"# Guide\n\n## What is a view?\n\n{ANSWER}\n\n### Example\n\nmore\n\n## What is a model?\n\n{ANSWER}\n"
    doc = Document("doc.md", text)
    assert HeadingsReader().read(doc) == [Found(3, "What is a view?", "Guide", None, 10),
                                          Found(11, "What is a model?", "Guide", None, 14)]
    assert HeadingsReader().confidence(doc) == 1.0


def test_html_page_questions_keep_numbers_and_the_section_above_their_rank() -> None:
    from handbook.readers.base import Found
    from handbook.readers.html_page import HtmlPageReader

    text = (f"<!doctype html>\n<html><body>\n<h2>Django <em>views</em></h2>\n<h3>1. What is a view?</h3>\n"
            f"<p>{ANSWER}</p>\n<h3>2. What is a template?</h3>\n<p>{ANSWER}</p>\n</body></html>\n")
    assert HtmlPageReader().read(Document("page.html", text)) == [
        Found(4, "What is a view?", "Django views", 1, 4), Found(6, "What is a template?", "Django views", 2, 6)]


def test_list_items_keep_their_answers_and_confidence_is_a_share() -> None:
    from handbook.readers.base import Found
    from handbook.readers.lists import ListReader

    doc = Document("doc.md", f"# Basics\n\n1. What is a view?\n\n   {ANSWER}\n\n2. What is a model?\n")
    assert ListReader().read(doc) == [Found(3, "What is a view?", "Basics", 1, 6),
                                      Found(7, "What is a model?", "Basics", 2, 7)]
    assert ListReader().confidence(doc) == 1.0


def test_numbered_table_takes_the_column_with_one_question_and_needs_two_rows() -> None:
    from handbook.readers.base import Found
    from handbook.readers.tables import TableReader

    doc = Document("doc.md", "| # | Topic |\n|---|---|\n| 1 | What is a view? |\n| 2 | Models |\n")
    assert TableReader().read(doc) == [Found(3, "What is a view?", None, 1, 3), Found(4, "Models", None, 2, 4)]
    assert TableReader().confidence(doc) == 0.5
    one_row = Document("doc.md", "| # | Topic |\n|---|---|\n| 1 | What is a view? |\n")
    assert TableReader().read(one_row) == [Found(3, "What is a view?", None, 1, 3)]
    assert TableReader().confidence(one_row) == 0.0


def test_reading_html_raises_no_parser_warning() -> None:
    import warnings

    from handbook.readers.details import DetailsReader

    text = f"<details><summary>What is a view?</summary>\n\n{ANSWER}\n\n</details>\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # BeautifulSoup warns when it has to guess a parser
        assert found(DetailsReader(), text) == [(1, "What is a view?")]


def test_details_hide_only_code_lines_from_the_html_parser() -> None:
    from handbook.readers.details import DetailsReader

    # The summary is on the line just above a fence that interrupts its paragraph: it is no code.
    text = "Intro\n\nSee <summary>1. What is a view?</summary>\n```text\n<summary>2. What is code?</summary>\n```\n"
    assert found(DetailsReader(), text) == [(3, "What is a view?")]


def test_details_and_html_pages_join_nested_tags_with_a_space() -> None:
    from handbook.readers.details import DetailsReader
    from handbook.readers.html_page import HtmlPageReader

    text = "<details><summary><b>1.</b> What is <code>select_related</code>?</summary>\nAnswer.\n</details>\n"
    assert [(f.number, f.text) for f in DetailsReader().read(Document("doc.md", text))] == [
        (1, "What is select_related ?")]
    page = ("<html><body>\n<h3><em>Explain</em> views</h3>\n<p>Words.</p>\n<h3><em>Explain</em> models</h3>\n"
            "</body></html>\n")  # a page may start at <html> without a doctype
    assert found(HtmlPageReader(), page) == [(2, "Explain views"), (4, "Explain models")]


def test_a_second_part_read_as_a_toc_also_gives_up_its_toc_lists() -> None:
    from handbook.readers.detect import read_layout

    details = "".join(f"<details><summary>What is {w}?</summary>\n\n{ANSWER}\n\n</details>\n\n"
                      for w in ("a signal", "a mixin", "a router", "a throttle"))
    reading = read_layout(Document("doc.md", details + TOC))
    assert reading.layout == "details+toc"
    assert [(f.line, f.text) for f in reading.found] == [
        (1, "What is a signal?"), (7, "What is a mixin?"), (13, "What is a router?"), (19, "What is a throttle?"),
        (35, "What is a view?"), (39, "What is a model?"), (43, "What is a form?")]


def test_structured_reads_question_lists_nested_in_items_without_a_question_key() -> None:
    from handbook.readers.structured import StructuredReader

    doc = Document("faq.yml", "sections:\n  - name: Views\n    questions:\n      - What is a view?\n      - What is a mixin?\n")
    assert [(f.line, f.text) for f in StructuredReader().read(doc)] == [(4, "What is a view?"), (5, "What is a mixin?")]


def test_markdown_sections_forget_the_section_when_numbering_repeats_without_a_heading() -> None:
    from handbook.readers.markdown_sections import candidates as md_candidates

    lines = ["## Basics", "", "### 1. What is a view?", "", "### 1. What is a model?"]
    assert [(c.line, c.number, c.section) for c in md_candidates(lines)] == [(3, 1, "Basics"), (5, 1, None)]


def test_section_titles_and_title_case_rules() -> None:
    from handbook.readers.plain_text import is_section_title

    assert is_section_title("Views") and not is_section_title("Views.")
    assert not is_title_case("Django ORM Tip")  # words of three letters are not judged
    from handbook.readers.text import looks_like_question as asks

    exactly_400 = "What is " + "x" * 391 + "?"
    assert len(exactly_400) == 400 and asks(exactly_400) and not asks(exactly_400 + "?")


def test_a_quiz_needs_two_questions_with_options_and_its_confidence_counts_only_its_level() -> None:
    from handbook.readers.quiz import QuizReader

    options = "- [ ] Yes\n- [x] No\n\n"
    two = f"# Quiz\n\n## Is a view a class?\n\n{options}## Is a model a table?\n\n{options}"
    assert found(QuizReader(), two) == [(3, "Is a view a class?"), (8, "Is a model a table?")]
    four = two + "## Is a form a model?\n\nNo options.\n\n## Is a field a column?\n\nNo options.\n"
    assert QuizReader().confidence(Document("quiz.md", four)) == 1.0  # 2 of 4 level-2 stems, "# Quiz" not one


def test_table_numbers_come_from_the_first_column_and_named_columns_cap_confidence() -> None:
    from handbook.readers.base import Found
    from handbook.readers.tables import TableReader

    doc = Document("doc.md", "| # | Question |\n|---|---|\n| 1. | Views |\n| 5X | Models |\n")
    assert TableReader().read(doc) == [Found(3, "Views", None, 1, 3), Found(4, "Models", None, None, 4)]
    assert TableReader().confidence(doc) == 0.95  # no cell asks, but the header names the column


def test_toc_matches_headings_by_anchor_when_entry_texts_differ() -> None:
    from handbook.readers.base import Found
    from handbook.readers.toc import TocReader, toc_entries

    text = (f"# FAQ\n\n- [Views](#what-is-a-view)\n- [Models](#what-is-a-model)\n- [Forms](#what-is-a-form)\n\n"
            f"## What is a view?\n\n{ANSWER}\n\n### What is a model?\n\n{ANSWER}\n\n## What is a form?\n\n{ANSWER}\n")
    doc = Document("doc.md", text)
    assert TocReader().read(doc) == [Found(7, "What is a view?", "FAQ", None, 14),
                                     Found(11, "What is a model?", "FAQ", None, 14),
                                     Found(15, "What is a form?", "FAQ", None, 18)]
    assert TocReader().confidence(doc) == 1.0
    mostly_text = Document("doc.md", "- [Views](#views)\n- Models\n- Forms\n- Admin\n- URLs\n")
    assert toc_entries(mostly_text) == ([], [])


def test_an_option_turned_heading_by_an_underline_has_no_options_of_its_own() -> None:
    from handbook.readers.quiz import headings_with_options

    doc = Document("quiz.md", "# Quiz\n\n- [ ] Is it?\n  ---\n")  # a setext heading on the option's own line
    assert [h.line for h in doc.headings] == [1, 3] and headings_with_options(doc) == []


def test_bare_lines_accept_a_one_character_sentence_line() -> None:
    assert found(BareLinesReader(), "# Views\n\nWhat is a view?\n?\n") == [(3, "What is a view?"), (4, "?")]


def test_details_summary_text_line_counts_newlines_across_leading_blank_strings() -> None:
    from handbook.readers.details import DetailsReader

    text = f"# Views\n\n<details>\n<summary>\n<b>\n1. What is a view?</b></summary>\n\n{ANSWER}\n\n</details>\n"
    assert [(f.line, f.text) for f in DetailsReader().read(Document("doc.md", text))] == [(6, "What is a view?")]


def test_list_reader_skips_quiz_options_and_link_only_items() -> None:
    from handbook.readers.lists import ListReader

    options = "- What is a view?\n- What is a model?\n- [ ] A form class\n- [x] `models.Field`\n"
    assert found(ListReader(), options) == [(1, "What is a view?"), (2, "What is a model?")]
    # a checklist of questions (the reader ticks off what they studied) is a list of questions, boxes dropped
    checklist = "1. [x] What is a view?\n2. [ ] What is a model?\n3. [X] Explain forms.\n"
    assert found(ListReader(), checklist) == [(1, "What is a view?"), (2, "What is a model?"), (3, "Explain forms.")]
    links = "- What is a view?\n- What is a model?\n- [Docs](https://docs.djangoproject.com/)\n"
    assert found(ListReader(), links) == [(1, "What is a view?"), (2, "What is a model?")]


def test_plain_text_answered_records_where_each_answer_ends() -> None:
    from handbook.readers.plain_text import Candidate, answered

    lines = ["What is a view?", ANSWER, "", "What is a model?", ANSWER]
    cands = [Candidate(1, "What is a view?", None, None), Candidate(4, "What is a model?", None, None)]
    assert [(f.line, f.end) for f in answered(lines, cands)] == [(1, 3), (4, 5)]


def test_a_tabbed_line_is_no_section_title() -> None:
    from handbook.readers.plain_text import is_section_title

    assert is_section_title("Views and models")
    assert not is_section_title("Views\tand models")


def test_repair_turns_windows_line_ends_into_single_newlines() -> None:
    from handbook.readers.plain_text import repair

    assert repair("What is a view?\r\nIt answers.\rDone.") == "What is a view?\nIt answers.\nDone."


def test_prose_ignores_questions_inside_fenced_code() -> None:
    text = f"```\nWhat is in the code?\n{ANSWER}\n```\nWhat is a view?\n{ANSWER}\n"
    assert found(ProseReader(), text) == [(5, "What is a view?")]


def test_table_number_column_takes_only_short_numbers_from_a_named_question_column() -> None:
    from handbook.readers.tables import TableReader

    doc = Document("doc.md", "| Question | Answer |\n|---|---|\n| 12345 | x |\n| What is a view? | y |\n")
    assert [(f.line, f.text, f.number) for f in TableReader().read(doc)] == [
        (3, "12345", None), (4, "What is a view?", None)]


def test_table_with_a_superscript_digit_row_number_is_read_not_crashed() -> None:
    from handbook.readers.tables import TableReader

    doc = Document("doc.md", "| N | Q |\n|---|---|\n| ² | What is a view? |\n| 2 | What is a model? |\n")
    assert [(f.line, f.text, f.number) for f in TableReader().read(doc)] == [
        (3, "What is a view?", None), (4, "What is a model?", 2)]


def test_question_column_tolerates_rows_shorter_than_the_widest() -> None:
    from handbook.readers.tables import Table, question_column

    table = Table([], [(1, ["1", "What is a view?"]), (2, ["2"])], 2)
    assert question_column(table) == (1, False)


def test_a_task_word_line_ending_in_a_comma_is_no_question() -> None:
    from handbook.readers.text import looks_like_question as reads_as_question

    assert reads_as_question("Explain views")
    assert not reads_as_question("Explain views,")


def test_toc_slug_is_github_lower_case_anchor() -> None:
    from handbook.readers.toc import slug

    assert slug("What Is a View?") == "what-is-a-view"


def test_toc_entries_come_from_every_toc_list() -> None:
    from handbook.readers.toc import toc_entries

    text = ("- [A one](#a-one)\n- [A two](#a-two)\n- [A three](#a-three)\n\ntext\n\n"
            "- [B one](#b-one)\n- [B two](#b-two)\n- [B three](#b-three)\n")
    entries, spans = toc_entries(Document("doc.md", text))
    assert [anchor for _, anchor in entries] == ["a-one", "a-two", "a-three", "b-one", "b-two", "b-three"]
    assert len(spans) == 2


def test_unwrap_keeps_emphasis_whose_inner_text_starts_with_a_star_or_ends_with_a_space() -> None:
    assert unwrap("***ab**") == "***ab**"  # '**' around '*ab': not whole-text emphasis
    assert unwrap("**ab **") == "**ab **"  # '**' around 'ab ': Markdown does not close it


def test_a_bare_lowercase_q_marker_is_a_number_without_a_question() -> None:
    from handbook.readers.text import question_text

    assert question_text("q12.") == (12, "")
    assert question_text("Q12.") == (12, "")


@pytest.mark.parametrize(("marked", "expected"), [
    ("Q-4 What are fixtures?", (4, "What are fixtures?")),
    ("Q#7: Why keep prices in cents?", (7, "Why keep prices in cents?")),
    ("Q-12", (12, "")),
    ("Q-tip: what is a view?", (None, "Q-tip: what is a view?")),  # a word after the dash is no number
])
def test_a_q_marker_may_join_its_number_with_a_dash_or_hash(marked: str, expected: tuple) -> None:
    from handbook.readers.text import question_text

    assert question_text(marked) == expected


def test_an_interrogative_line_ending_with_a_comma_is_no_question() -> None:
    from handbook.readers.text import looks_like_question as text_question

    assert not text_question("What is a view,")
    assert text_question("What is a view")


def test_structured_skips_a_question_key_whose_value_is_a_list() -> None:
    from handbook.readers.structured import StructuredReader

    text = "questions:\n  - question: [a, b]\n    answer: x\n  - question: What is a view?\n    answer: y\n"
    assert [(f.line, f.text) for f in StructuredReader().read(Document("q.yml", text))] == [(4, "What is a view?")]


def test_html_page_reads_only_outer_list_items() -> None:
    from handbook.readers.html_page import HtmlPageReader

    page = ("<!doctype html>\n<html><body>\n<ul>\n<li>What is a view?\n<ul><li>What is a subview?</li></ul>\n</li>\n"
            "<li>What is a model?</li>\n</ul>\n</body></html>\n")
    assert found(HtmlPageReader(), page) == [(4, "What is a view? What is a subview?"), (7, "What is a model?")]


def test_repaired_lines_blank_exactly_the_hidden_one_based_lines() -> None:
    from handbook.readers.plain_text import repaired_lines

    assert repaired_lines(Document("doc.md", "a\nb\nc", blanked=frozenset({2}))) == ["a", "", "c"]


def code(text: str) -> list[tuple[int, str, str | None]]:
    from handbook.readers.code_data import CodeDataReader

    return [(f.line, f.text, f.section) for f in CodeDataReader().read(Document("data", text))]


def test_code_data_reads_js_strings_as_the_program_means_them() -> None:
    text = ("const quiz = [\n"
            "  { question: 'It\\'s \\u00e9t\\u00e9: why \\\"quote\\\"?', answer: 1 },\n"
            "  { question: \"Joined \" + ('in ' + \"parts?\"), answer: 2 },\n"
            "  { question: `Plain ${name} template?`, answer: 3 },\n"
            "  { 'question': `A backtick one?`, answer: 4 },\n"
            "];\n")
    assert code(text) == [(2, "It's été: why \"quote\"?", None), (3, "Joined in parts?", None),
                          (5, "A backtick one?", None)]


def test_code_data_weak_keys_need_an_answer_key_and_options_are_never_questions() -> None:
    text = ("export const pages = [{ title: 'Home', path: '/' }, { title: 'About', path: '/about' }];\n"
            "export const quiz = [{ text: 'What is a view?', choices: [{ text: 'A function?', correct: true }] }];\n")
    assert code(text) == [(2, "What is a view?", None)]


def test_code_data_groups_give_their_title_as_section_and_a_lone_question_key_counts() -> None:
    text = ("QUIZ = {'name': 'Views', 'items': [{'Question_Text': 'What is a view?'},\n"
            "                                {'q': 'What is a mixin?'}]}\n")
    assert code(text) == [(1, "What is a view?", "Views"), (2, "What is a mixin?", "Views")]


def test_code_data_is_no_reading_of_prose_markdown_or_broken_code() -> None:
    from handbook.readers.code_data import CodeDataReader

    reader = CodeDataReader()
    for text in ("What is a view?\nA function.\n", "## What is a view?\n\n- A function\n", "",
                 "const quiz = [{ question: 'Unclosed?' ;\n", "items = [{'question': 'Unclosed?'\n",
                 "answer = {'question': some_variable, 'answer': 1}\n"):
        assert reader.confidence(Document("doc", text)) == 0.0, text
        assert reader.read(Document("doc", text)) == []


def test_code_data_claims_the_whole_file_so_no_other_reader_reads_its_comments() -> None:
    from handbook.readers import read_layout

    text = ("// What does this file hold?\n// Which quiz is it?\nexport default [\n  { question: 'What is a view?' },\n"
            "  { question: 'What is a model?' },\n];\n")
    reading = read_layout(Document("quiz.js", text))
    assert (reading.layout, [(f.line, f.text) for f in reading.found]) == (
        "code", [(4, "What is a view?"), (5, "What is a model?")])


def test_code_data_wins_over_a_qa_reader_that_takes_question_keys_for_markers() -> None:
    """``question:`` keys read as Q/A markers to the Q/A reader, which is as confident and would record each
    question with its options and code glued on; a document a parser accepts whole is read as code."""
    from handbook.readers import READERS, rate, read_layout

    items = "".join(f"  {{\n    question: 'What is thing {n}?',\n    options: ['A) one', 'B) two'],\n"
                    f"    correctAnswer: 1,\n    explanation: `Because {n}.`,\n  }},\n" for n in range(1, 6))
    mapped = "export const cards = quiz.map((q) => ({\n  question: q.question,\n  answer: q.explanation,\n}));\n"
    doc = Document("quiz.ts", f"export const quiz = [\n{items}];\n{mapped}")
    assert rate(doc)["qa"] >= 0.5 and len(READERS["qa"].read(doc)) > 5  # the rival is real, and finds more
    reading = read_layout(doc)
    assert reading.layout == "code"
    assert [(f.line, f.text) for f in reading.found] == [(3 + 6 * k, f"What is thing {k + 1}?") for k in range(5)]



def test_code_data_reads_commonjs_that_also_parses_as_python() -> None:
    """``module.exports = [...]`` with unquoted keys is valid Python that holds no question: read as JavaScript."""
    text = ("module.exports = [\n  { question: 'What is a view?', options: ['A) a callable'], answer: 0 },\n"
            "  { question: 'What is a model?', options: ['A) a class'], answer: 0 },\n];\n")
    assert code(text) == [(2, "What is a view?", None), (3, "What is a model?", None)]


def test_code_data_a_single_stray_question_key_does_not_outrank_a_better_reader() -> None:
    from handbook.readers import read_layout
    from handbook.readers.code_data import CodeDataReader

    text = ("export const meta = { title: 'Django views', prompt: 'Read before the interview' };\n"
            "export const body = `\n## What is a view?\n\nA callable that takes a request.\n\n"
            "## What is a class-based view?\n\nA view written as a class.\n\n## What does as_view() do?\n\n"
            "It turns the class into a callable.\n`;\n")
    doc = Document("notes.js", text)
    assert not CodeDataReader().decisive(doc) and CodeDataReader().confidence(doc) < 1.0
    assert read_layout(doc).layout.startswith("headings")


@pytest.mark.parametrize("text", [
    # Django settings: NAME beside OPTIONS
    "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'shop', 'OPTIONS': {'sslmode': 'x'}}}\n"
    "AUTH_PASSWORD_VALIDATORS = [{'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator', "
    "'OPTIONS': {'min_length': 9}}]\n",
    # inquirer prompts: name and message beside choices
    "module.exports = [{ type: 'list', name: 'framework', message: 'Pick one', choices: ['django', 'flask'] }];\n",
    # a form config: `optional` is no option list; a shape with single-letter numeric keys
    "const fields = [{ name: 'country', text: 'Country', optional: true }, { name: 'nick', text: 'Nickname' }];\n"
    "const shapes = [{ title: 'unit square', a: 1, b: 1 }, { title: 'rectangle', a: 2, b: 1 }];\n",
    # an API call's prompt, and a migration's CreateModel
    "client.completions.create(model='m', prompt='Summarise the release notes')\n"
    "migrations.CreateModel(name='Choice', fields=[('id', models.AutoField())], options={'ordering': ['id']})\n",
])
def test_code_data_is_no_reading_of_ordinary_code(text: str) -> None:
    from handbook.readers.code_data import CodeDataReader

    doc = Document("code", text)
    assert CodeDataReader().confidence(doc) < 0.5 and not CodeDataReader().decisive(doc), code(text)


def test_code_data_needs_a_parse_without_errors() -> None:
    from handbook.readers.code_data import CodeDataReader

    good = "const quiz = [{ question: 'What is a view?', answer: 1 }, { question: 'What is a model?', answer: 2 }];\n"
    assert CodeDataReader().confidence(Document("q.js", good)) == 1.0
    for broken in (good + "const = ;\n", "quiz = [{'question': 'What is a view?', 'answer': 1},\n"):
        assert code(broken) == [], broken


def test_code_data_joins_surrogate_escapes_and_reads_octal_ones() -> None:
    text = "const q = [{ question: 'Emoji \\ud83d\\ude00 \\101 ok?', answer: 1 }];\n"
    assert code(text) == [(1, "Emoji \U0001f600 A ok?", None)]


def test_code_data_follow_ups_are_questions_and_option_objects_never() -> None:
    text = ("quiz = [\n"
            "    {'question': 'Main question?', 'followUps': [\n"
            "        {'question': 'Sub one?'},\n        {'question': 'Sub two?'},\n    ]},\n"
            "    {'question': 'Which is right?', 'variants': [{'text': 'A?', 'correct': True}, {'text': 'B?', 'correct': False}]},\n"
            "    {'question': 'Which lists?', 'extra': [{'text': 'Not a question?', 'answer': 'x'}]},\n"
            "]\n")
    assert [(line, q) for line, q, _ in code(text)] == [
        (2, "Main question?"), (3, "Sub one?"), (4, "Sub two?"), (6, "Which is right?"), (7, "Which lists?")]


def test_code_data_lines_are_where_the_text_starts() -> None:
    text = ("const quiz = [\n  { question: (\n    'In parens?'\n  ), answer: 1 },\n"
            "  { question: `\n    What is\n    X?\n  `, answer: 2 },\n];\n")
    assert [(line, q) for line, q, _ in code(text)] == [(3, "In parens?"), (6, "What is X?")]


def test_code_data_survives_a_string_built_from_many_parts() -> None:
    parts = " + ".join(["'ab'"] * 3000)
    text = f"const html = {parts};\nconst quiz = [{{ question: 'What is a view?', answer: 1 }}, {{ question: 'Why?', answer: 2 }}];\n"
    assert [q for _, q, _ in code(text)] == ["What is a view?", "Why?"]


def test_code_data_groups_and_end_lines() -> None:
    from handbook.readers.code_data import CodeDataReader

    text = ("export default {\n  title: 'Views',\n  questions: [\n    { question: 'What is a view?',\n"
            "      options: ['a', 'b'],\n    },\n    { question: 'What is a mixin?', answer: 1 },\n  ],\n};\n")
    found = CodeDataReader().read(Document("q.ts", text))
    assert [(f.line, f.text, f.section, f.end) for f in found] == [
        (4, "What is a view?", "Views", 6), (7, "What is a mixin?", "Views", 7)]


def test_code_data_reads_rows_whose_first_cell_asks_and_never_choices_pairs() -> None:
    js = ("module.exports = [\n  ['What is a view?', 'A callable.', ''],\n  ['How do you paginate?', 'With a paginator.', ''],\n"
          "  ['Explain signals.', 'Hooks on events.', ''],\n];\n")
    assert [(line, q) for line, q, _ in code(js)] == [(2, "What is a view?"), (3, "How do you paginate?"), (4, "Explain signals.")]
    py = 'CARDS = [\n    ("What is a model?", "A class"),\n    ("Why migrate?", "To change the schema"),\n]\n'
    assert [(line, q) for line, q, _ in code(py)] == [(2, "What is a model?"), (3, "Why migrate?")]
    choices = 'STATUS = [("draft", "Draft"), ("published", "Published")]\nSIZES = [["s", "Small"], ["m", "Medium"]]\n'
    assert code(choices) == []


def test_code_data_rows_need_an_answer_beside_a_question_that_asks() -> None:
    """JavaScript rows (with comments between them, not valid Python) read; tables whose first cells end in "?"
    but hold no answer beside them (routes, test parameters) or whose first cells do not ask are none."""
    from handbook.readers.code_data import CodeDataReader

    js = ("const cards = [\n  // views\n  ['What is a view?', 'A callable that returns a response.'],\n"
          "  ['Why use a mixin?', ['To share', 'To hide']],\n];\n")
    found = CodeDataReader().read(Document("cards.js", js))
    assert [(f.line, f.text, f.end) for f in found] == [(3, "What is a view?", 3), (4, "Why use a mixin?", 4)]
    for text in ('ROUTES = [("/api/items/?", ItemHandler), ("/api/users/?", UserHandler)]\n',
                 'CASES = [("What is a view?", 1), ("What is a model?", 2)]\n',
                 'CASES = [("What is a view?", "Why not?"), ("What is a model?", "How so?")]\n',
                 'OPTIONS = [("yes", "Do you agree?"), ("no", "Do you object?")]\n'):
        assert code(text) == [], text


def test_code_data_confidence_is_graded_and_one_question_is_never_decisive() -> None:
    from handbook.readers.code_data import CodeDataReader

    reader = CodeDataReader()
    one = Document("one.py", 'QUIZ = [{"question": "What is a view?", "answer": "A callable"}]\n')
    assert (reader.confidence(one), reader.decisive(one), reader.claimed(one)) == (0.6, False, [])
    two = Document("two.py", 'QUIZ = [{"question": "What is a view?"}, {"question": "Views in short"}]\n')
    assert (reader.confidence(two), reader.decisive(two), reader.claimed(two)) == (0.5, True, [(1, 2)])
    asks = Document("asks.py", 'QUIZ = [{"question": "Views in short", "answer": 1}, {"question": "What is a view?"}]\n')
    assert reader.confidence(asks) == 1.0
    labels = Document("i18n.ts", "const en = { question: 'Question', answer: 'Answer' };\nconst q = { q: '7' };\n")
    assert reader.read(labels) == []


def test_code_data_reads_python_calls_only_when_the_callee_names_data() -> None:
    data = 'QUIZ = [dict(question="What is a view?", answer="x"), Question(text="Why migrate?", answer="y")]\n'
    assert [q for _, q, _ in code(data)] == ["What is a view?", "Why migrate?"]
    calls = ('a = predictor.predict(question="What is a view?", passage="Views answer.")\n'
             'b = discard(question="What is a model?", answer="A class")\n')
    assert code(calls) == []


def test_code_data_reads_deep_arrays_and_refuses_objects_nested_deeper_than_the_stack() -> None:
    arrays = "const quiz = " + "[" * 3000 + "{ question: 'What is a view?' }" + "]" * 3000 + ";\n"
    assert code(arrays) == [(1, "What is a view?", None)]  # arrays are walked with a stack
    objects = "const quiz = " + "{ a: " * 3000 + "{ question: 'What is a view?' }" + " }" * 3000 + ";\n"
    assert code(objects) == []  # objects recurse: past Python's stack the file is refused, never a crash
