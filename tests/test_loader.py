"""Loading content: every validation error names the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.errors import ContentErrors
from handbook.loader import load_content
from helpers import JUNIOR, MID, SENIOR, errors_for, make_content, question_text


def test_valid_question_loads_with_three_answers(tmp_path: Path) -> None:
    content = make_content(tmp_path, {"basics/sample-question.md": question_text(extra="tags: [a]\n")})
    topics, questions = load_content(content, tmp_path)
    assert [t.id for t in topics] == ["basics", "other"]
    (q,) = questions
    assert q.id == "sample-question" and q.level == "junior" and q.tags == ["a"]
    assert q.answers == {"junior": JUNIOR, "mid": MID, "senior": SENIOR}


def test_bad_yaml_points_at_the_line(tmp_path: Path) -> None:
    text = question_text(front="id: sample-question\ntitle: [unclosed\ntopic: basics\nlevel: junior\n")
    errors = errors_for(tmp_path, {"basics/sample-question.md": text})
    # Line 3 opens the list; line 4 is where the parser finds it was never closed.
    assert errors == ["content/questions/basics/sample-question.md:4: invalid YAML: did not find expected ',' or ']'"]


@pytest.mark.parametrize(("body", "expected", "line"), [
    (f"## Junior\n\n{JUNIOR}\n\n## Mid\n\n{MID}\n", "missing section '## Senior'", 14),
    (f"## Junior\n\n{JUNIOR}\n\n## Mid\n\n{MID}\n\n## Senior\n\n{SENIOR}\n\n## Expert\n\nMore.\n",
     "unexpected heading '## Expert'", 20),
    (f"## Mid\n\n{MID}\n\n## Junior\n\n{JUNIOR}\n\n## Senior\n\n{SENIOR}\n", "'## Mid' is out of order", 8),
    (f"## Junior\n\n{JUNIOR}\n\n### Details\n\nx\n\n## Mid\n\n{MID}\n\n## Senior\n\n{SENIOR}\n",
     "unexpected heading '### Details'", 12),
    (f"Intro.\n\n## Junior\n\n{JUNIOR}\n\n## Mid\n\n{MID}\n\n## Senior\n\n{SENIOR}\n", "text before '## Junior'", 8),
    (f"## Junior\n\n\n## Mid\n\n{MID}\n\n## Senior\n\n{SENIOR}\n", "section '## Junior' is empty", 8),
    (f'## Junior\n\n=== "Junior"\n\n    x\n\n## Mid\n\n{MID}\n\n## Senior\n\n{SENIOR}\n', "tab syntax is generated", 10),
])
def test_level_sections_are_exactly_junior_mid_senior(tmp_path: Path, body: str, expected: str, line: int) -> None:
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(body=body)})
    assert any(expected in e and e.startswith(f"content/questions/basics/sample-question.md:{line}:") for e in errors), errors


def test_duplicate_ids_are_reported_with_both_files(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {
        "basics/same-id.md": question_text("same-id"),
        "other/same-id.md": question_text("same-id", "other"),
    })
    assert any("duplicate id 'same-id'" in e and "content/questions/basics/same-id.md" in e for e in errors), errors


def test_unknown_topic(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {"nowhere/sample-question.md": question_text(topic="nowhere")})
    assert errors == ["content/questions/nowhere/sample-question.md:4: unknown topic 'nowhere' (topics: basics, other)"]


def test_topic_must_match_folder(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {"other/sample-question.md": question_text()})
    assert errors == ["content/questions/other/sample-question.md:4: topic is 'basics' but the file is in folder 'other'"]


def test_broken_related_reference(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(extra="related: [no-such-question]\n")})
    assert errors == ["content/questions/basics/sample-question.md:6: 'related' names 'no-such-question', which is no question id"]


def test_id_must_be_kebab_case(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {"basics/Bad_Id.md": question_text("Bad_Id")})
    assert "content/questions/basics/Bad_Id.md:2: id 'Bad_Id' is not kebab-case (lowercase words joined by '-')" in errors


def test_id_must_match_file_name(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {"basics/file-name.md": question_text("other-name")})
    assert errors == ["content/questions/basics/file-name.md:2: id 'other-name' does not match the file name 'file-name.md'"]


def test_text_markdown_would_swallow_as_html(tmp_path: Path) -> None:
    body = (f"## Junior\n\n{JUNIOR}\n\nCredentials are base64 of <username>:<password> here.\n\n"
            f"In code it is fine: `<username>:<password>`.\n\n## Mid\n\n{MID}\n\n## Senior\n\n{SENIOR}\n")
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(body=body)})
    assert errors == ["content/questions/basics/sample-question.md:12: '<username>' would be read as HTML and "
                      "disappear: put it in backticks or write &lt;"]


def test_not_utf8(tmp_path: Path) -> None:
    content = make_content(tmp_path, {})
    path = content / "questions" / "basics" / "sample-question.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(question_text().replace("plain definition", "caf\xe9").encode("latin-1"))
    with pytest.raises(ContentErrors) as exc:
        load_content(content, tmp_path)
    assert [str(e) for e in exc.value.errors] == [
        "content/questions/basics/sample-question.md:10: not valid UTF-8 (byte 0xe9): save the file as UTF-8"]


@pytest.mark.parametrize("text", ["", "  \n\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    errors = errors_for(tmp_path, {"basics/sample-question.md": text})
    assert errors == ["content/questions/basics/sample-question.md:1: file is empty"]


def test_missing_front_matter_and_required_keys(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {
        "basics/no-front.md": "## Junior\n\nx\n",
        "basics/no-title.md": question_text("no-title", front="id: no-title\ntopic: basics\nlevel: junior\n"),
    })
    assert "content/questions/basics/no-front.md:1: missing front matter: the file must start with a '---' line" in errors
    assert "content/questions/basics/no-title.md:2: front matter needs 'title' (a non-empty string)" in errors


@pytest.mark.parametrize(("extra", "expected"), [
    ("colour: blue\n", "unknown front matter key 'colour'"),
    ("tags: nope\n", "'tags' must be a list of non-empty strings"),
    ("corrections:\n  - claim: x\n    fact: y\n    ref: not-a-link\n", "must be an https:// link"),
])
def test_front_matter_schema(tmp_path: Path, extra: str, expected: str) -> None:
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(extra=extra)})
    assert any(expected in e and e.startswith("content/questions/basics/sample-question.md:6:") for e in errors), errors


def test_level_and_title_rules(tmp_path: Path) -> None:
    front = "id: sample-question\ntitle: Not a question\ntopic: basics\nlevel: expert\n"
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(front=front)})
    assert "content/questions/basics/sample-question.md:5: level 'expert' must be one of: junior, mid, senior" in errors
    assert "content/questions/basics/sample-question.md:3: title must be one question ending with '?'" in errors


@pytest.mark.parametrize(("snippet", "expected", "line"), [
    ("```python\ndef broken(:\n    pass\n```", "python block does not parse", 13),
    ('```json\n{"a": 1,}\n```', "json block is not valid JSON", 13),
    ("```\nplain\n```", "code fence without a language", 12),
])
def test_code_blocks_are_checked(tmp_path: Path, snippet: str, expected: str, line: int) -> None:
    body = f"## Junior\n\n{JUNIOR}\n\n{snippet}\n\n## Mid\n\n{MID}\n\n## Senior\n\n{SENIOR}\n"
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(body=body)})
    assert any(expected in e and e.startswith(f"content/questions/basics/sample-question.md:{line}:") for e in errors), errors


@pytest.mark.parametrize(("text", "expected"), [
    ("It\u00e2\u20ac\u2122s broken.", "broken encoding"),
    ("[Back to Top](#table-of-contents)", "navigation residue"),
    ("Write to someone@example.com for help.", "e-mail address"),
])
def test_residue_from_sources_is_rejected(tmp_path: Path, text: str, expected: str) -> None:
    body = f"## Junior\n\n{JUNIOR}\n\n{text}\n\n## Mid\n\n{MID}\n\n## Senior\n\n{SENIOR}\n"
    errors = errors_for(tmp_path, {"basics/sample-question.md": question_text(body=body)})
    assert any(expected in e and e.startswith("content/questions/basics/sample-question.md:12:") for e in errors), errors


def test_topics_file_errors(tmp_path: Path) -> None:
    topics = "- id: basics\n  title: Basics\n  summary: x\n- id: basics\n  title: Again\n  summary: y\n- id: q\n  title: Q\n  summary: z\n"
    errors = errors_for(tmp_path, {}, topics=topics)
    assert errors == ["content/topics.yml:4: duplicate topic id 'basics'",
                      "content/topics.yml:7: topic id 'q' is reserved for another page"]


def test_every_error_is_reported_not_just_the_first(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {
        "basics/a-one.md": question_text("a-one", extra="related: [missing]\n"),
        "basics/b-two.md": question_text("b-two", topic="nowhere"),
    })
    assert len(errors) == 2


def test_the_question_template_is_valid_once_filled_in(tmp_path: Path) -> None:
    from conftest import ROOT

    template = (ROOT / "content" / "_template.md").read_text(encoding="utf-8")
    filled = template.replace("short-kebab-case-id", "sample-question").replace("topic: web-and-rest", "topic: basics")
    content = make_content(tmp_path, {"basics/sample-question.md": filled})
    _, (question,) = load_content(content, tmp_path)
    assert question.id == "sample-question"
