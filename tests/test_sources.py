"""The source registry (``sources/<id>.yml``): validation messages and their lines, loading, writing, re-ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from handbook.errors import ContentErrors
from handbook.model import Source, SourceQuestion
from handbook.sources import check_format, dump_source, load_source, load_sources, registry_errors, reingest

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

VALID = """\
id: {id}
title: A title
kind: notes
origin: {origin}
credit: Someone
url: https://example.com/{id}
questions:
- ref: q1
  asked: What is a view?
"""


def write(root: Path, name: str, text: str) -> Path:
    path = root / "sources" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def messages(root: Path, name: str, text: str) -> list[str]:
    source, errors = load_source(write(root, name, text), root)
    assert source is None
    return [str(e) for e in errors]


def test_every_registry_problem_is_reported_with_its_line(tmp_path: Path) -> None:
    text = """\
# a registry file with one mistake per line
id: Bad_Id
title: ''
kind: notes
origin: doc.txt
url: 5
licence: [MIT]
pending: 'yes'
ingest: {format: list, colour: red}
questions:
- ref: q1
  asked: First?
  level: expert
- ref: q1
  asked: Again?
  off_topic: 'no'
- ref: q3
  text: no asked here
- ref: q4
  asked: And this?
  about: [select_related, join]
"""
    assert messages(tmp_path, "bad.yml", text) == [
        "sources/bad.yml:3: 'title' is required (a non-empty string)",
        "sources/bad.yml:1: 'credit' is required (a non-empty string)",
        "sources/bad.yml:2: id 'Bad_Id' must be kebab-case and match the file name",
        "sources/bad.yml:6: 'url' must be a string",
        "sources/bad.yml:7: 'licence' must be a string",
        "sources/bad.yml:8: 'pending' must be true or false",
        "sources/bad.yml:9: 'ingest' may only have: format, skip_sections, skip_questions, sha256",
        "sources/bad.yml:11: level 'expert' must be one of junior, mid, senior or null",
        "sources/bad.yml:14: duplicate ref 'q1'",
        "sources/bad.yml:14: 'off_topic' must be true or false",
        "sources/bad.yml:17: each question needs ref and asked (allowed keys: ref, asked, section, level, line, off_topic, "
        "about)",
        "sources/bad.yml:19: 'about' must be the words ingest wrote, one string",
    ]


def test_questions_that_are_not_a_list_are_reported_on_their_own_line(tmp_path: Path) -> None:
    text = VALID.format(id="notes", origin="doc.txt").split("questions:")[0] + "questions: none yet\n"
    assert messages(tmp_path, "notes.yml", text) == ["sources/notes.yml:7: 'questions' must be a list"]


def test_a_registry_file_must_be_a_mapping(tmp_path: Path) -> None:
    assert messages(tmp_path, "notes.yml", "- id: notes\n- title: A title\n") == [
        "sources/notes.yml:1: a source file is a YAML mapping"]


def test_load_sources_reads_every_file_but_overrides_and_spots_a_document_registered_twice(tmp_path: Path) -> None:
    write(tmp_path, "a-first.yml", VALID.format(id="a-first", origin="doc.txt"))
    write(tmp_path, "overrides.yml", "not: [a registry file\n")  # skipped, so its broken YAML is no error here
    write(tmp_path, "z-last.yml", VALID.format(id="z-last", origin="doc.txt"))
    sources = load_sources(tmp_path / "sources", tmp_path)
    assert [(s.id, s.url, s.path) for s in sources] == [
        ("a-first", "https://example.com/a-first", "sources/a-first.yml"),
        ("z-last", "https://example.com/z-last", "sources/z-last.yml")]
    assert [str(e) for e in registry_errors(sources)] == [
        "sources/z-last.yml:1: origin 'doc.txt' is already registered by sources/a-first.yml"]


def test_load_sources_raises_every_problem_of_every_file(tmp_path: Path) -> None:
    write(tmp_path, "a-first.yml", VALID.format(id="a-first", origin="a.txt").replace("kind: notes", "kind: ''"))
    write(tmp_path, "z-last.yml", VALID.format(id="wrong", origin="z.txt"))
    with pytest.raises(ContentErrors) as caught:
        load_sources(tmp_path / "sources", tmp_path)
    assert str(caught.value).splitlines() == [
        "sources/a-first.yml:3: 'kind' is required (a non-empty string)",
        "sources/z-last.yml:1: id 'wrong' must be kebab-case and match the file name"]


def test_the_registry_file_keeps_non_ascii_text_readable() -> None:
    source = Source(id="cn-notes", title="笔记", kind="notes", origin="cn.md", credit="Someone", path="sources/cn-notes.yml",
                    questions=[SourceQuestion(ref="q1", asked="如何定制Manager？", section="2. Django基础", level=None, line=3)])
    text = dump_source(source)
    assert "title: 笔记\n" in text and "  asked: 如何定制Manager？\n" in text and "  section: 2. Django基础\n" in text


def test_reingest_reads_a_document_with_a_byte_that_is_not_utf8(tmp_path: Path) -> None:
    document = tmp_path / "lists.md"
    document.write_bytes((FIXTURES / "lists.md").read_bytes().replace(b"persist data", b"persist d\xffata"))
    base = Source(id="shop", title="Shop", kind="notes", origin="lists.md", credit="c", path="sources/shop.yml")
    fresh = reingest(base, document)
    assert "How does Redis persist d\ufffdata?" in [q.asked for q in fresh.questions]


def test_a_layout_may_combine_readers_but_an_unknown_one_is_refused(tmp_path: Path) -> None:
    check_format("auto")
    check_format("list+prose")
    with pytest.raises(ContentErrors) as caught:
        check_format("list+poetry")
    assert str(caught.value) == "<command line>:0: unknown format 'list+poetry'"
    (tmp_path / "sources").mkdir()
    done = run_cli("ingest", str(FIXTURES / "lists.md"), "--id", "shop", "--layout", "poetry", root=tmp_path)
    assert (done.returncode, done.stderr) == (2, "<command line>:0: unknown format 'poetry'\n")


def test_an_unknown_key_is_named_with_its_line(tmp_path: Path) -> None:
    text = VALID.format(id="notes", origin="doc.txt").replace("credit:", "colour: red\ncredit:")
    assert messages(tmp_path, "notes.yml", text) == ["sources/notes.yml:5: unknown key 'colour'"]


def test_a_question_without_a_recorded_line_has_line_zero(tmp_path: Path) -> None:
    source, errors = load_source(write(tmp_path, "a-src.yml", VALID.format(id="a-src", origin="a.md")), tmp_path)
    assert not errors and source is not None
    assert [(q.ref, q.line) for q in source.questions] == [("q1", 0)]


def test_a_registry_file_starts_with_a_header_saying_what_is_hand_edited() -> None:
    text = dump_source(Source(id="s", title="S", kind="notes", origin="s.md", credit="c", path="sources/s.yml"))
    assert text.startswith("# Source registry entry. Metadata is edited by hand; `questions` is written by\n"
                           "# `python -m handbook ingest` from the raw document and checked by `ingest --check`.\nid: s\n")
