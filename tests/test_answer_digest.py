"""The digest of a source's own answer: the words that tell what it is about, recorded by ingest for each question."""

from __future__ import annotations

from pathlib import Path

from handbook.answer_digest import ANSWER_LINES, DIGEST_WORDS, answer_texts, digests
from handbook.ingest import ingest_document
from handbook.model import SourceQuestion
from handbook.sources import dump_source, load_source

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_the_answer_is_the_text_between_a_question_and_the_next() -> None:
    lines = ["Q1?", "first answer", "more of it", "Q2?", "second answer", "", "Q3?"]
    assert answer_texts(lines, [1, 4, 7]) == ["first answer\nmore of it", "second answer\n", ""]
    assert answer_texts(lines, [4, 1]) == ["second answer\n\nQ3?", "first answer\nmore of it"]  # any order, to the end


def test_a_long_answer_is_read_only_as_far_as_its_opening() -> None:
    lines = ["Q?", *(f"line {n}" for n in range(200))]
    (text,) = answer_texts(lines, [1])
    assert text.splitlines() == [f"line {n}" for n in range(ANSWER_LINES)]


def test_an_html_answer_is_read_as_its_text_not_its_markup() -> None:
    lines = ["<h2>What is it?</h2>", '<p class="lead">It uses <code>select_related</code>.</p>', "<h2>Next?</h2>"]
    (text, _) = answer_texts(lines, [1, 3], html=True)
    assert "select_related" in text and "class" not in text and "<p" not in text


def test_the_digest_keeps_what_is_particular_to_one_answer() -> None:
    """Words every answer uses say least of one; a name only this answer uses, most (and more the more it is used)."""
    answers = ["Django makes this easy: select_related follows the foreign key; select_related joins.",
               "Django makes this easy: a receiver of post_save runs after save.",
               "Django makes this easy."]
    first, second, third = digests(answers)
    assert set(first.split()[:3]) == {"select_related", "select", "related"}  # the code name whole and its parts
    assert first.split()[-3:] == ["django", "easy", "makes"]
    assert "post_save" in second.split() and "select_related" not in second.split()
    assert set(third.split()) == {"django", "easy", "makes"}


def test_a_digest_has_a_bounded_number_of_distinct_words_and_none_for_no_answer() -> None:
    long_answer = " ".join(f"word{n} unique{n}" for n in range(60))
    (digest, empty) = digests([long_answer, ""])
    words = digest.split()
    assert len(words) == DIGEST_WORDS and len({w.lower() for w in words}) == DIGEST_WORDS
    assert empty == ""


def test_ingest_records_each_questions_answer_digest() -> None:
    result = ingest_document((FIXTURES / "qa.txt").read_text(encoding="utf-8"), "qa.txt")
    about = {q.asked: q.about for q in result.questions}
    assert "pagination" in about["Explain pagination for big product lists."].lower() or \
        "pages" in about["Explain pagination for big product lists."].lower()
    assert "limit" in about["What is throttling?"].lower()


def test_ingest_digests_an_html_page_from_its_text(tmp_path: Path) -> None:
    result = ingest_document((FIXTURES / "page.html").read_text(encoding="utf-8"), "page.html")
    abouts = " ".join(q.about for q in result.questions)
    assert "paginator" in abouts
    assert not {"p", "h2", "code", "pre"} & set(abouts.split())


def test_the_registry_keeps_the_digest_and_reads_it_back(tmp_path: Path) -> None:
    result = ingest_document((FIXTURES / "qa.txt").read_text(encoding="utf-8"), "qa.txt")
    from handbook.model import Source

    source = Source(id="qa", title="QA", kind="text", origin="qa.txt", credit="someone", url="https://example.org",
                    ingest={"format": result.layout}, path=str(tmp_path / "qa.yml"), questions=result.questions)
    path = tmp_path / "qa.yml"
    path.write_text(dump_source(source), encoding="utf-8")
    loaded, errors = load_source(path, tmp_path)
    assert not errors and loaded is not None
    assert [q.about for q in loaded.questions] == [q.about for q in result.questions]
    assert any(q.about for q in loaded.questions)
    assert SourceQuestion(ref="r", asked="a").about == ""  # a question with no answer in its document has none
