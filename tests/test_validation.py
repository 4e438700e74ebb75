"""Every validation rule of the loader, checked by the exact ``path:line: message`` a maintainer reads.

Each case breaks one thing in an otherwise valid file and asserts the one error it must produce, at
the line that holds the mistake (not the line of the block or key it sits in).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.errors import ContentErrors
from handbook.loader import load_content
from helpers import JUNIOR, MID, SENIOR, errors_for, make_content, question_text

QFILE = "content/questions/basics/sample-question.md"


def body_with(junior_extra: str) -> str:
    """A valid body whose Junior answer ends with ``junior_extra`` (which starts on file line 12)."""
    return f"## Junior\n\n{JUNIOR}\n\n{junior_extra}\n\n## Mid\n\n{MID}\n\n## Senior\n\n{SENIOR}\n"


# File lines of a question built by ``question_text``: 1 '---', 2 id, 3 title, 4 topic, 5 level,
# 6 first extra key, then '---', a blank line, 8/9 '## Junior', 10 the answer, 11 blank, 12 extra body text.

@pytest.mark.parametrize(("front", "line", "message"), [
    ("id: sample-question\ntitle: [unclosed\ntopic: basics\nlevel: junior\n", 4,
     "invalid YAML: did not find expected ',' or ']'"),
    ("id: sample-question\ntitle: What is it?\ntopic: basics\nlevel: junior: extra\n", 5,
     "invalid YAML: mapping values are not allowed in this context"),
    ("id: sample-question\ntitle: What is it?\ntopic: basics\nlevel: junior\nlevel: mid\n", 6,
     "duplicate key 'level'"),
])
def test_front_matter_yaml_errors_point_at_the_offending_line(tmp_path: Path, front: str, line: int, message: str) -> None:
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(front=front)})
    assert f"{QFILE}:{line}: {message}" in errors, errors


def test_unclosed_front_matter(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {"basics/sample-question.md": "---\nid: sample-question\ntitle: What?\n\n## Junior\n"})
    assert errors == [f"{QFILE}:1: front matter is not closed: add a '---' line after it"]


def test_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(front="- just\n- a list\n")})
    assert errors == [f"{QFILE}:2: front matter must be a YAML mapping of keys to values"]


@pytest.mark.parametrize(("snippet", "line", "message"), [
    # File line 12 is the fence; the python error is on its third code line (15), the json one on its fourth (16).
    ("```python\nx = 1\ny = 2\ndef broken(:\n    pass\n```", 15, "python block does not parse: invalid syntax"),
    ('```json\n{\n  "a": 1,\n  "b": 2,\n}\n```', 16, "json block is not valid JSON"),
])
def test_code_errors_point_at_the_line_inside_the_block(tmp_path: Path, snippet: str, line: int, message: str) -> None:
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(body=body_with(snippet))})
    assert len(errors) == 1 and errors[0].startswith(f"{QFILE}:{line}: {message}"), errors


def test_setext_underline_inside_an_answer(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(body=body_with("A line of text\n---"))})
    assert errors == [f"{QFILE}:13: this underline makes the line above a heading: remove it"]


def test_a_horizontal_rule_after_a_blank_line_is_fine(tmp_path: Path) -> None:
    content = make_content(tmp_path, {"basics/sample-question.md": question_text(body=body_with("A line of text\n\n---"))})
    _, (question,) = load_content(content, tmp_path)
    assert question.answers["junior"].endswith("---")


@pytest.mark.parametrize("title", ["What is a {placeholder}?", "What does <form> do?", "Is a > b?"])
def test_title_must_not_contain_braces_or_angle_brackets(tmp_path: Path, title: str) -> None:
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(title=title)})
    assert errors == [f"{QFILE}:3: title must not contain '{{', '}}', '<' or '>'"]


def test_related_must_not_list_the_question_itself(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(extra="related: [sample-question]\n")})
    assert errors == [f"{QFILE}:6: 'related' lists the question itself"]


@pytest.mark.parametrize(("extra", "message"), [
    ("order: first\n", "'order' must be a whole number"),
    ("order: true\n", "'order' must be a whole number"),
    ("corrections: not-a-list\n", "'corrections' must be a list of {claim, fact, ref}"),
    ("corrections:\n  - claim: x\n    fact: y\n", "each correction needs exactly claim, fact and ref (non-empty strings)"),
    ("corrections:\n  - claim: x\n    fact: ''\n    ref: https://docs.djangoproject.com/\n",
     "each correction needs exactly claim, fact and ref (non-empty strings)"),
    ("corrections:\n  - claim: x\n    fact: y\n    ref: http://example.com/\n",
     "correction ref 'http://example.com/' must be an https:// link to the documentation"),
    ("aliases: [ok, '']\n", "'aliases' must be a list of non-empty strings"),
    ("related: ok\n", "'related' must be a list of non-empty strings"),
])
def test_optional_keys_are_validated(tmp_path: Path, extra: str, message: str) -> None:
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(extra=extra)})
    assert errors == [f"{QFILE}:6: {message}"]


def test_an_order_number_sorts_questions_within_a_topic(tmp_path: Path) -> None:
    content = make_content(tmp_path, {
        "basics/a-first.md": question_text("a-first", extra="order: 2\n"),
        "basics/b-second.md": question_text("b-second", extra="order: 1\n"),
    })
    _, questions = load_content(content, tmp_path)
    assert [q.id for q in questions] == ["b-second", "a-first"]


@pytest.mark.parametrize(("topics", "errors"), [
    ("id: basics\n", ["content/topics.yml:1: topics file must be a YAML list of {id, title, summary}"]),
    ("- id: basics\n  title: Basics\n", ["content/topics.yml:1: each topic needs exactly the keys id, title and summary"]),
    ("- id: basics\n  title: B\n  summary: s\n- id: Not_Kebab\n  title: N\n  summary: s\n",
     ["content/topics.yml:4: topic id 'Not_Kebab' is not kebab-case"]),
])
def test_topics_file_schema(tmp_path: Path, topics: str, errors: list[str]) -> None:
    assert errors_for(tmp_path, {}, topics=topics) == errors


def test_missing_topics_file(tmp_path: Path) -> None:
    content = make_content(tmp_path, {})
    (content / "topics.yml").unlink()
    with pytest.raises(ContentErrors) as exc:
        load_content(content, tmp_path)
    assert [str(e) for e in exc.value.errors] == ["content/topics.yml:1: topics file is missing"]


def test_a_broken_file_is_reported_once_not_again_by_every_link_to_it(tmp_path: Path) -> None:
    """One YAML typo is one error: questions that link to the broken file are not errors of their own."""
    broken = question_text("broken-one", front="id: broken-one\ntitle: [unclosed\ntopic: basics\nlevel: junior\n")
    linking = {f"basics/link-{n}.md": question_text(f"link-{n}", extra="related: [broken-one]\n") for n in ("a", "b", "c")}
    errors = errors_for(tmp_path, {"basics/broken-one.md": broken, **linking})
    assert errors == ["content/questions/basics/broken-one.md:4: invalid YAML: did not find expected ',' or ']'"]


def test_a_link_to_a_question_that_does_not_exist_is_still_an_error(tmp_path: Path) -> None:
    broken = question_text("broken-one", front="id: broken-one\ntitle: [unclosed\ntopic: basics\nlevel: junior\n")
    errors = errors_for(tmp_path, {"basics/broken-one.md": broken,
                                   "basics/link-a.md": question_text("link-a", extra="related: [no-such-id]\n")})
    assert "content/questions/basics/link-a.md:6: 'related' names 'no-such-id', which is no question id" in errors
    assert len(errors) == 2


def test_body_messages_give_the_exact_text_and_line(tmp_path: Path) -> None:
    """Residue, a stray heading and a repeated section: each message read in full, at its own line."""
    body = (f"## Junior\n\n{JUNIOR}\n\n[Back to Top](#top)\n\n### Details\n\n## Mid\n\n{MID}\n\n## Mid\n\nAgain.\n\n"
            f"## Senior\n\n{SENIOR}\n")
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(body=body)})
    assert errors == [
        f"{QFILE}:12: navigation residue from a source ('Back to Top', 'Table of Contents'...)",
        f"{QFILE}:14: unexpected heading '### Details': the body has only '## Junior', '## Mid' and '## Senior' "
        "(use bold text or a list inside an answer)",
        f"{QFILE}:20: section '## Mid' appears twice",
    ]


def test_an_empty_body_misses_all_three_sections_at_its_only_line(tmp_path: Path) -> None:
    # '---', four keys, '---', then line 7 is the blank line the body would start on: the file's last line.
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(body="")})
    assert errors == [f"{QFILE}:7: missing section '## {title}'" for title in ("Junior", "Mid", "Senior")]


def test_a_loaded_question_records_the_line_of_each_section(tmp_path: Path) -> None:
    content = make_content(tmp_path, {"basics/sample-question.md": question_text()})
    _, (question,) = load_content(content, tmp_path)
    # Line 7 is blank; '## Junior' is on 8, then answer, blank, '## Mid' on 12, '## Senior' on 16.
    assert question.answer_lines == {"junior": 8, "mid": 12, "senior": 16}


def test_every_bad_correction_ref_is_reported(tmp_path: Path) -> None:
    extra = ("corrections:\n  - claim: x\n    fact: y\n    ref: http://one.example/\n"
             "  - claim: z\n    fact: w\n    ref: ftp://two.example/\n")
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(extra=extra)})
    assert errors == [  # sorted by message
        f"{QFILE}:6: correction ref 'ftp://two.example/' must be an https:// link to the documentation",
        f"{QFILE}:6: correction ref 'http://one.example/' must be an https:// link to the documentation",
    ]


def test_a_duplicate_id_points_at_the_id_line_of_the_second_file(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {
        "basics/same-id.md": question_text("same-id"),
        "other/same-id.md": question_text("same-id", "other"),
    })
    assert errors == ["content/questions/other/same-id.md:2: duplicate id 'same-id' "
                      "(also used by content/questions/basics/same-id.md)"]


def test_a_duplicate_key_does_not_hide_the_other_front_matter_errors(tmp_path: Path) -> None:
    front = "id: sample-question\nid: sample-question\ntopic: basics\nlevel: junior\n"
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(front=front)})
    assert errors == [f"{QFILE}:2: front matter needs 'title' (a non-empty string)",
                      f"{QFILE}:3: duplicate key 'id'"]


def test_check_text_and_code_blocks_work_on_a_bare_body() -> None:
    from handbook.body import CodeBlock, check_text, code_blocks

    errors = check_text("Fine.\nBack to top\n", "q.md", 10)
    assert [str(e) for e in errors] == [
        "q.md:11: navigation residue from a source ('Back to Top', 'Table of Contents'...)"]
    # A fence left open runs to the end of the body.
    assert code_blocks("Text.\n```python\nx = 1\ny = 2") == [CodeBlock(lang="python", code="x = 1\ny = 2\n", index=1)]


def test_sections_out_of_order_name_the_expected_one_and_the_order(tmp_path: Path) -> None:
    body = f"## Mid\n\n{MID}\n\n## Junior\n\n{JUNIOR}\n\n## Senior\n\n{SENIOR}\n"
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(body=body)})
    assert errors == [
        f"{QFILE}:8: section '## Mid' is out of order: expected '## Junior' here (order: Junior, Mid, Senior)",
        f"{QFILE}:12: section '## Junior' is out of order: expected '## Mid' here (order: Junior, Mid, Senior)",
    ]


def test_json_that_is_no_json_document_error_still_points_into_the_block() -> None:
    from handbook.body import check_code

    # An over-long integer raises a plain ValueError (no line number): the block's first line is blamed.
    (error,) = check_code("Text.\n```json\n" + "1" * 5000 + "\n```\n", "q.md", 10)
    assert (error.line, str(error).startswith("q.md:12: json block is not valid JSON: Exceeds the limit")) == (12, True)


def test_a_code_line_indented_less_than_its_fence_loses_its_indent() -> None:
    from handbook.body import CodeBlock, code_blocks

    assert code_blocks("    ```python\n    x = 1\n  y = 2\n    ```\n") == [
        CodeBlock(lang="python", code="x = 1\ny = 2\n", index=0)]


def test_an_empty_required_key_is_reported_at_its_own_line(tmp_path: Path) -> None:
    front = "id: sample-question\ntitle: ''\ntopic: basics\nlevel: junior\n"
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(front=front)})
    assert errors == [f"{QFILE}:3: front matter needs 'title' (a non-empty string)"]


def test_an_id_not_matching_the_file_name_points_at_the_id_line(tmp_path: Path) -> None:
    front = "title: What is a sample question?\nid: other-name\ntopic: basics\nlevel: junior\n"
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(front=front)})
    assert errors == [f"{QFILE}:3: id 'other-name' does not match the file name 'sample-question.md'"]


def test_an_unknown_key_that_yaml_reads_as_a_number_points_at_its_line(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(extra="7: seven\n")})
    assert len(errors) == 1 and errors[0].startswith(f"{QFILE}:6: unknown front matter key '7' (allowed: ")


def test_loaded_topics_and_corrections_keep_every_field(tmp_path: Path) -> None:
    extra = "corrections:\n  - claim: ' A claim '\n    fact: ' A fact '\n    ref: 'https://docs.djangoproject.com/x  '\n"
    content = make_content(tmp_path, {"basics/sample-question.md": question_text(extra=extra)})
    topics, (question,) = load_content(content, tmp_path)
    assert [(t.id, t.title, t.summary) for t in topics] == [("basics", "Basics", "The basics."),
                                                          ("other", "Other", "More.")]
    assert [(c.claim, c.fact, c.ref) for c in question.corrections] == [
        ("A claim", "A fact", "https://docs.djangoproject.com/x")]


def test_an_unknown_key_lists_every_allowed_key(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(extra="colour: blue\n")})
    assert errors == [f"{QFILE}:6: unknown front matter key 'colour' "
                      "(allowed: id, title, topic, level, tags, related, aliases, corrections, order, docs, retired, "
                      "keywords, errors)"]


def test_a_non_kebab_id_points_at_the_id_line_wherever_it_is(tmp_path: Path) -> None:
    front = "title: What is a sample question?\nid: Bad_Id\ntopic: basics\nlevel: junior\n"
    errors = errors_for(tmp_path, {"basics/Bad_Id.md": question_text(front=front)})
    assert errors == ["content/questions/basics/Bad_Id.md:3: id 'Bad_Id' is not kebab-case (lowercase words joined by '-')"]


def test_a_duplicate_id_on_a_later_line_points_at_that_line(tmp_path: Path) -> None:
    front = "title: What is a sample question?\nid: same-id\ntopic: other\nlevel: junior\n"
    errors = errors_for(tmp_path, {
        "basics/same-id.md": question_text("same-id"),
        "other/same-id.md": question_text(front=front),
    })
    assert errors == ["content/questions/other/same-id.md:3: duplicate id 'same-id' "
                      "(also used by content/questions/basics/same-id.md)"]


def test_a_flow_style_topics_list_reports_at_line_one(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {}, topics="[{id: basics, title: Basics}]\n")
    assert errors == ["content/topics.yml:1: each topic needs exactly the keys id, title and summary"]


def test_an_email_address_in_an_answer_is_reported_with_its_message(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(body=body_with("Write to a@b.example now."))})
    assert errors == [f"{QFILE}:12: e-mail address in the text: remove personal details"]


def test_a_python_error_without_a_line_points_at_the_fence() -> None:
    from handbook.body import check_code

    # A NUL byte raises a SyntaxError with no line number: the opening fence (body line 0) is blamed.
    errors = check_code("```python\nx = 1\x00\n```\n", "q.md", 10)
    assert [(e.line, str(e).split(": ")[1]) for e in errors] == [(10, "python block does not parse")]


def test_a_rule_right_after_a_section_heading_is_no_underline_and_answers_keep_their_indent() -> None:
    from handbook.body import split_sections

    sections, errors = split_sections("## Junior\n---\nText here.\n## Mid\n    indented code  \n\n## Senior\nS.\n", "q.md", 1)
    assert errors == []
    assert sections.answers == {"junior": "---\nText here.", "mid": "    indented code  ", "senior": "S."}


def test_retired_ids_are_checked_across_files(tmp_path: Path) -> None:
    """A merged question lists the ids it absorbed under ``retired``: each must be free, kebab-case, retired
    once, and no other question may still name it in ``related``."""
    errors = errors_for(tmp_path, {
        "basics/one.md": question_text("one", extra="retired: [two, Old_Id]\n"),
        "basics/two.md": question_text("two", title="What is two?"),
        "basics/three.md": question_text("three", title="What is three?", extra="retired: [gone]\nrelated: [gone]\n"),
        "basics/four.md": question_text("four", title="What is four?", extra="retired: [gone]\n"),
    })
    assert errors == [  # one.md does not load (a bad id), so its 'two' is no error of its own
        "content/questions/basics/one.md:6: retired id 'Old_Id' is not kebab-case",
        "content/questions/basics/three.md:6: retired id 'gone' is already retired by content/questions/basics/four.md",
        "content/questions/basics/three.md:7: 'related' names 'gone', which was merged into the question of "
        "content/questions/basics/four.md",
    ]


def test_a_retired_id_cannot_stay_a_question_or_a_related_link(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {
        "basics/one.md": question_text("one", extra="retired: [two]\n"),
        "basics/two.md": question_text("two", title="What is two?"),
        "basics/three.md": question_text("three", title="What is three?", extra="related: [two]\n"),
    })
    assert "content/questions/basics/one.md:6: retired id 'two' is still the id of content/questions/basics/two.md" in errors
    errors = errors_for(tmp_path / "b", {
        "basics/one.md": question_text("one", extra="retired: [two]\n"),
        "basics/three.md": question_text("three", title="What is three?", extra="related: [two]\n"),
    })
    assert errors == ["content/questions/basics/three.md:6: 'related' names 'two', which was merged into the question "
                      "of content/questions/basics/one.md"]
